package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.SpecJson;
import com.seqplay.upload.service.DatasetService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Runs on one upload share its stored file (a hard link in each run folder), never a copy each. */
@SpringJUnitConfig(RunServicesTestConfig.class)
class SharedUploadTest {
    @Autowired
    RunService service;
    @Autowired
    DatasetService datasets;
    @Autowired
    SeqplayProperties properties;

    @Test
    void every_run_on_an_upload_links_the_one_stored_file() throws Exception {
        byte[] text = "a shared corpus of plain words for the runs to train on. ".repeat(2000).getBytes(StandardCharsets.UTF_8);
        var upload = datasets.upload("textgen", "shared.txt", text);
        Path stored = datasets.file(upload);

        for (int i = 0; i < 3; i++) {
            long id = service.submit(SpecJson.parse("""
                    {"name":"shared-%d","task":"textgen","cell":"lstm","epochs":1,"dataset":"%s"}"""
                    .formatted(i, upload.ref()))).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.get(id).status() == RunStatus.SUCCEEDED);
            Path inRun = properties.runsDir().resolve(Long.toString(id)).resolve("dataset");
            assertThat(Files.isSameFile(inRun, stored)).as("run %d's dataset is the stored file", id).isTrue();
        }
        assertThat(Files.getAttribute(stored, "unix:nlink")).isEqualTo(4);
    }
}
