package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.ops.DiskUsage;
import com.seqplay.ops.RetentionJob;
import com.seqplay.ops.RetentionProperties;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.history.RunEdit;
import com.seqplay.run.history.RunHistoryService;
import com.seqplay.spec.SpecJson;
import com.seqplay.upload.service.DatasetInUseException;
import com.seqplay.upload.service.DatasetNotFoundException;
import com.seqplay.upload.service.DatasetService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Retention on the real database and folders: expired finished runs go with their rows and
 * folder, a run tagged "keep" and a recent one stay; an old upload goes unless a waiting or
 * training run needs it, and runs that trained on it keep their data. Runs are aged by moving
 * their end time back in the database, as if they had finished weeks ago.
 */
@SpringJUnitConfig({RunServicesTestConfig.class, RetentionAndDiskTest.Retention.class})
class RetentionAndDiskTest {

    @Configuration
    @Import({RetentionJob.class, DiskUsage.class})
    static class Retention {
        @Bean
        RetentionProperties retentionProperties() {
            // checkEvery is long: the test runs passes itself
            return new RetentionProperties(Duration.ofDays(30), "keep", Duration.ofDays(30), Duration.ofDays(1));
        }
    }

    @Autowired
    RunService service;
    @Autowired
    RunHistoryService history;
    @Autowired
    DatasetService datasets;
    @Autowired
    RetentionJob retention;
    @Autowired
    DiskUsage disk;
    @Autowired
    FakeTrainerLauncher launcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SeqplayProperties properties;
    @Autowired
    com.seqplay.security.CurrentUser currentUser;

    @Test
    void expired_runs_go_with_their_rows_and_folder_and_kept_or_recent_ones_stay() throws Exception {
        long old = finishedRun("ret-old");
        long kept = finishedRun("ret-kept");
        long recent = finishedRun("ret-recent");
        history.annotate(kept, new RunEdit(null, null, List.of("keep")));
        age(old, 40);
        age(kept, 40);
        age(recent, 3);
        Files.writeString(folder(old).resolve("extra.bin"), "x".repeat(5000));

        var pass = retention.runOnce();

        assertThat(pass.runsDeleted()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from runs where id = ?").param(old).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from metric_points where run_id = ?").param(old).query(Long.class).single())
                .isZero();
        assertThat(folder(old)).doesNotExist();
        assertThat(service.get(kept).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(service.get(recent).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(retention.runOnce().runsDeleted()).as("a second pass finds nothing more").isZero();
    }

    @Test
    void an_old_upload_goes_unless_a_waiting_run_needs_it_and_finished_runs_keep_their_copy() throws Exception {
        byte[] text = "words for a run that keeps its own link to the file. ".repeat(500).getBytes(StandardCharsets.UTF_8);
        var used = datasets.upload("textgen", "used.txt", text);
        var idle = datasets.upload("textgen", "idle.txt", text);
        launcher.script("ret-upload", TrainerScript.succeedingWhenReleased());
        long run = service.submit(SpecJson.parse("""
                {"name":"ret-upload","task":"textgen","cell":"lstm","epochs":1,"dataset":"%s"}"""
                .formatted(used.ref()))).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(run).status() == RunStatus.RUNNING);
        jdbc.sql("update datasets set created_at = ? where id in (?, ?)")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(90))), used.id(), idle.id()).update();

        assertThatThrownBy(() -> datasets.delete(used.id())).isInstanceOf(DatasetInUseException.class)
                .hasMessage(used.ref() + " is used by run " + run + ", which has not finished; delete it when they have.");
        var first = retention.runOnce();
        assertThat(first.uploadsDeleted()).isEqualTo(1);
        assertThat(first.uploadsInUse()).isEqualTo(1);
        assertThat(datasets.find(idle.ref())).isEmpty();
        assertThat(datasets.find(used.ref())).isPresent();

        launcher.trainer("ret-upload").orElseThrow().release();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(run).status() == RunStatus.SUCCEEDED);
        Path stored = datasets.file(used);
        assertThat(retention.runOnce().uploadsDeleted()).isEqualTo(1);
        assertThat(stored).doesNotExist();
        assertThat(folder(run).resolve("dataset")).as("the run's own link").hasBinaryContent(text);
        assertThatThrownBy(() -> datasets.delete(used.id())).isInstanceOf(DatasetNotFoundException.class)
                .hasMessage("There is no uploaded dataset " + used.ref() + ".");
    }

    @Test
    void disk_per_user_counts_run_folders_and_uploads_but_a_shared_upload_once() throws Exception {
        long before = ownerDisk().runBytes();
        byte[] text = "a corpus that a run links rather than copies. ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        var upload = datasets.upload("textgen", "disk.txt", text);
        launcher.script("ret-disk", TrainerScript.succeeding());
        long run = service.submit(SpecJson.parse("""
                {"name":"ret-disk","task":"textgen","cell":"lstm","epochs":1,"dataset":"%s"}"""
                .formatted(upload.ref()))).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(run).status().isFinal());
        Files.writeString(folder(run).resolve("checkpoint.bin"), "c".repeat(20_000));

        DiskUsage.UserDisk mine = ownerDisk();
        assertThat(mine.runBytes() - before).as("the run's own files, not the linked upload")
                .isBetween(20_000L, 20_000L + text.length - 1);
        assertThat(mine.uploadBytes()).isGreaterThanOrEqualTo(text.length);
    }

    private DiskUsage.UserDisk ownerDisk() {
        String owner = currentUser.username();
        return disk.byUser().stream().filter(d -> d.owner().equals(owner)).findFirst()
                .orElse(new DiskUsage.UserDisk(owner, 0, 0, 0));
    }

    private long finishedRun(String name) {
        launcher.script(name, TrainerScript.succeeding());
        long id = service.submit(SpecJson.parse("""
                {"name":"%s","task":"textgen","cell":"lstm","epochs":1}""".formatted(name))).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(id).status() == RunStatus.SUCCEEDED);
        return id;
    }

    private void age(long id, int days) {
        jdbc.sql("update runs set finished_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(days))), id).update();
    }

    private Path folder(long id) {
        return properties.runsDir().resolve(Long.toString(id));
    }
}
