package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.events.TrainerEvent;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.history.Experiment;
import com.seqplay.run.history.ExperimentService;
import com.seqplay.run.history.RunArchive;
import com.seqplay.run.history.RunEdit;
import com.seqplay.run.history.RunHistoryService;
import com.seqplay.run.history.RunPage;
import com.seqplay.run.history.RunQuery;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.SpecJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Run history through the services on the real database with scripted trainers: filters,
 * sorting by the best main metric, default names, annotation, deletion (rows and folder),
 * export then import, and grids. Each test tags or names its runs uniquely, so runs of other
 * tests in the shared database do not disturb it.
 */
@SpringJUnitConfig(RunServicesTestConfig.class)
class RunHistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RunService service;
    @Autowired
    RunHistoryService history;
    @Autowired
    RunArchive archive;
    @Autowired
    ExperimentService experiments;
    @Autowired
    RunScheduler scheduler;
    @Autowired
    FakeTrainerLauncher launcher;
    @Autowired
    SeqplayProperties properties;

    @AfterEach
    void cancelLeftovers() {
        service.list(0, 1000).stream().filter(r -> !r.status().isFinal()).forEach(r -> service.cancel(r.id()));
        await().atMost(WAIT).until(() -> scheduler.activeCount() == 0);
    }

    @Test
    void filters_and_sorting_by_the_best_main_metric_find_exactly_the_matching_runs() {
        String tag = "t" + NAMES.incrementAndGet();
        Run gruA = finishedTextgen("gru", "none", tag, 2.0, 1.2, 1.4);
        Run gruB = finishedTextgen("gru", "none", tag, 1.9, 0.8, 0.9);
        Run lstm = finishedTextgen("lstm", "none", tag, 1.5, 1.0, 1.1);
        Run gruClipped = finishedTextgen("gru", "global-norm", tag, 1.0, 0.5, 0.6);
        history.annotate(lstm.id(), new RunEdit(null, "the one with the Surprising dip", null));

        assertThat(service.get(gruA.id()).bestMetric())
                .as("a finished run is listed by its judged (test) bpc, not its best validation point").isEqualTo(1.4);

        RunPage gruNoClip = history.search(query(Map.of("tag", tag, "cell", "gru", "clipping", "none", "sort", "best")));
        assertThat(gruNoClip.total()).isEqualTo(2);
        assertThat(gruNoClip.runs()).extracting(Run::id).containsExactly(gruB.id(), gruA.id());

        RunPage all = history.search(query(Map.of("tag", tag, "sort", "-best")));
        assertThat(all.runs()).extracting(Run::id).containsExactly(gruA.id(), lstm.id(), gruB.id(), gruClipped.id());

        RunPage paged = history.search(query(Map.of("tag", tag, "sort", "best", "offset", "1", "limit", "2")));
        assertThat(paged.total()).isEqualTo(4);
        assertThat(paged.runs()).extracting(Run::id).containsExactly(gruB.id(), lstm.id());

        assertThat(history.search(query(Map.of("tag", tag, "q", "surprising"))).runs()).extracting(Run::id)
                .containsExactly(lstm.id());
        assertThat(history.search(query(Map.of("tag", tag, "status", "succeeded", "task", "textgen"))).total())
                .isEqualTo(4);
        assertThat(history.search(query(Map.of("tag", tag, "status", "failed"))).total()).isZero();
        String today = LocalDate.now().toString();
        String yesterday = LocalDate.now().minusDays(1).toString();
        assertThat(history.search(query(Map.of("tag", tag, "from", today, "to", today))).total()).isEqualTo(4);
        assertThat(history.search(query(Map.of("tag", tag, "to", yesterday))).total()).isZero();
        assertThat(history.search(query(Map.of("tag", tag, "dataset", "builtin:nowhere"))).total()).isZero();
    }

    @Test
    void a_query_with_a_wrong_parameter_names_it() {
        assertThatThrownBy(() -> RunQuery.parse(Map.of("cell", "grue"))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("cell").hasMessageContaining("'grue' is not allowed").hasMessageContaining("gru");
        assertThatThrownBy(() -> RunQuery.parse(Map.of("sort", "-speed"))).hasMessageContaining("sort")
                .hasMessageContaining("best");
        assertThatThrownBy(() -> RunQuery.parse(Map.of("colour", "red"))).hasMessageContaining("colour");
        assertThatThrownBy(() -> RunQuery.parse(Map.of("from", "yesterday"))).hasMessageContaining("from");
        var q = RunQuery.parse(Map.of("cell", "gru", "sort", "-best", "q", "dip"));
        assertThat(RunQuery.parse(q.toParameters())).isEqualTo(q);
    }

    @Test
    void a_run_without_a_name_gets_one_that_tells_it_apart() {
        Run run = service.submit(SpecJson.parse("""
                {"task":"textgen","cell":"gru","hiddenSize":128,"epochs":1}"""));
        awaitFinal(run.id());
        assertThat(run.name()).isEqualTo("textgen gru h128 clip5 #" + run.id());
        assertThat(run.spec().name()).isEqualTo(run.name());
    }

    @Test
    void deleting_a_run_removes_its_rows_and_its_folder() throws Exception {
        Run run = finishedTextgen("lstm", "none", "del" + NAMES.incrementAndGet(), 2.0, 1.0, 1.0);
        Path folder = history.runFolder(run.id());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("model.zip"), "weights");
        assertThat(service.metrics(run.id())).isNotEmpty();

        history.delete(run.id());

        assertThatThrownBy(() -> service.get(run.id())).isInstanceOf(RunNotFoundException.class);
        assertThat(history.series(List.of(run.id()), List.of("bpc", "train_loss"), 100)).isEmpty();
        assertThat(folder).doesNotExist();
    }

    @Test
    void deleting_a_running_run_stops_it_first() {
        String name = "held-" + NAMES.incrementAndGet();
        launcher.script(name, TrainerScript.trainer().emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0)).hold()
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.<String, Double>of(), Map.<String, Double>of(), "done")));
        Run run = service.submit(SpecJson.parse(spec(name, "lstm", "none")));
        await().atMost(WAIT).until(() -> service.get(run.id()).status() == RunStatus.RUNNING);

        history.delete(run.id());

        assertThat(launcher.trainer(name).orElseThrow().wasStopped()).isTrue();
        assertThatThrownBy(() -> service.get(run.id())).isInstanceOf(RunNotFoundException.class);
    }

    @Test
    void an_exported_run_imports_as_an_identical_run() throws Exception {
        Run original = finishedTextgen("gru", "global-norm", "arch" + NAMES.incrementAndGet(), 2.0, 1.25, 1.5);
        history.annotate(original.id(), new RunEdit("keeper", "notes, with a comma\nand a line", List.of("a", "b")));
        Path folder = history.runFolder(original.id());
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("model.zip"), new byte[] {1, 2, 3, 0, 127});
        Files.writeString(folder.resolve("sub/vocab.txt"), "abc");
        original = service.get(original.id());

        var bytes = new ByteArrayOutputStream();
        archive.export(original.id(), bytes);
        Run copy = archive.importArchive("x.zip", new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(copy.spec()).isEqualTo(original.spec());
        assertThat(copy).usingRecursiveComparison().ignoringFields("id", "experimentId").isEqualTo(original);
        assertThat(withoutTimes(service.metrics(copy.id()))).isEqualTo(withoutTimes(service.metrics(original.id())));
        assertThat(service.metrics(copy.id())).isEqualTo(service.metrics(original.id()));
        assertThat(service.samples(copy.id())).isEqualTo(service.samples(original.id()));
        assertThat(history.search(query(Map.of("tag", "b", "q", "keeper"))).runs()).extracting(Run::id)
                .contains(copy.id());
        Path copied = history.runFolder(copy.id());
        assertThat(Files.readAllBytes(copied.resolve("model.zip"))).containsExactly(1, 2, 3, 0, 127);
        assertThat(copied.resolve("sub/vocab.txt")).hasContent("abc");
    }

    @Test
    void an_archive_that_is_not_one_is_refused_with_its_name() {
        assertThatThrownBy(() -> archive.importArchive("notes.zip", new ByteArrayInputStream("hello".getBytes())))
                .hasMessageContaining("notes.zip");
    }

    @Test
    void a_grid_queues_every_combination_as_one_experiment_or_nothing() throws Exception {
        ObjectNode base = (ObjectNode) JSON.readTree("""
                {"task":"textgen","epochs":1}""");
        Map<String, List<JsonNode>> vary = new LinkedHashMap<>();
        vary.put("cell", List.of(JSON.readTree("\"rnn\""), JSON.readTree("\"gru\"")));
        vary.put("clipping.mode", List.of(JSON.readTree("\"none\""), JSON.readTree("\"global-norm\"")));
        vary.put("seed", List.of(JSON.readTree("1"), JSON.readTree("2")));

        Experiment e = experiments.launch("cells x clip", base, vary);

        assertThat(e.runIds()).hasSize(8);
        List<Run> runs = e.runIds().stream().map(service::get).toList();
        assertThat(runs).extracting(r -> r.cell().id() + "/" + r.spec().clippingMode().id() + "/" + r.seed())
                .containsExactly("rnn/none/1", "rnn/none/2", "rnn/global-norm/1", "rnn/global-norm/2",
                        "gru/none/1", "gru/none/2", "gru/global-norm/1", "gru/global-norm/2");
        assertThat(runs.get(0).name()).isEqualTo("cells x clip: cell rnn, clipping.mode none, seed 1");
        assertThat(runs).allMatch(r -> r.experimentId() == e.id());
        assertThat(history.search(query(Map.of("experiment", Long.toString(e.id())))).total()).isEqualTo(8);

        int before = service.count();
        vary.put("hiddenSize", List.of(JSON.readTree("16"), JSON.readTree("-1")));
        assertThatThrownBy(() -> experiments.launch("bad", base, vary)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("hiddenSize").hasMessageContaining("hiddenSize -1");
        assertThat(service.count()).as("nothing queued").isEqualTo(before);
    }

    private static Map<String, List<List<Object>>> withoutTimes(Map<String, List<MetricPoint>> series) {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        series.forEach((k, v) -> out.put(k, v.stream().map(p -> List.<Object>of(p.step(), p.epoch(), p.value())).toList()));
        return out;
    }

    private static RunQuery query(Map<String, String> parameters) {
        return RunQuery.parse(parameters);
    }

    /** A textgen run that reports bpc per epoch and a final bpc, tagged {@code tag}. */
    private Run finishedTextgen(String cell, String clipping, String tag, double bpc1, double bpc2, double finalBpc) {
        String name = "hist-" + NAMES.incrementAndGet();
        launcher.script(name, TrainerScript.trainer()
                .emit(new TrainerEvent.Metric("train_loss", 1, 1, 3.0))
                .emit(new TrainerEvent.Metric("bpc", 1, 1, bpc1))
                .emit(new TrainerEvent.Metric("bpc", 2, 2, bpc2))
                .emit(new TrainerEvent.Sample(2, new com.seqplay.events.sample.TextSample("the", " cat")))
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.of("bpc", finalBpc), Map.of("unigram_bpc", 4.0), "done")));
        Run run = service.submit(SpecJson.parse(spec(name, cell, clipping)));
        awaitFinal(run.id());
        history.annotate(run.id(), new RunEdit(null, null, List.of(tag)));
        return service.get(run.id());
    }

    private void awaitFinal(long id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> service.get(id).status().isFinal());
    }

    private static String spec(String name, String cell, String clipping) {
        return """
                {"name":"%s","task":"textgen","cell":"%s","clipping":{"mode":"%s"},"epochs":1}"""
                .formatted(name, cell, clipping);
    }
}
