package com.seqplay.run.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.service.RunRepository;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Series of finished runs come from their packs once read; runs that may still change never get one. */
class SeriesReaderTest {
    private static final Instant END = Instant.parse("2026-05-01T12:00:00Z");
    @TempDir
    Path dir;
    JdbcTemplate template;
    HistoryRepository history;

    @BeforeEach
    void database() {
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        template = new JdbcTemplate(ds);
        var jdbc = JdbcClient.create(template);
        history = new HistoryRepository(jdbc, template, new RunRepository(jdbc));
    }

    @Test
    void a_settled_run_is_packed_on_first_read_and_then_read_from_its_pack_with_the_spike_kept() {
        long run = run(RunStatus.SUCCEEDED);
        var justEnded = reader(END.plusSeconds(10));
        var later = reader(END.plusSeconds(600));
        Set<String> names = Set.of("grad_norm", "train_loss", "bpc");

        var fresh = justEnded.read(Set.of(run), names, 100);
        assertThat(packs(run)).as("a run that has just ended may still get a killed trainer's last lines").isZero();
        assertThat(fresh.get(run)).containsOnlyKeys("grad_norm", "train_loss");
        assertThat(fresh.get(run).get("grad_norm")).hasSizeLessThanOrEqualTo(100)
                .anySatisfy(p -> assertThat(p.value()).isEqualTo(1000.0));
        assertThat(fresh.get(run).get("train_loss")).hasSize(50);

        var first = later.read(Set.of(run), names, 100);
        assertThat(packs(run)).as("two series and the absent one").isEqualTo(3);
        assertThat(first).isEqualTo(fresh);

        template.update("delete from metric_points where run_id = ?", run);
        assertThat(later.read(Set.of(run), names, 100)).as("read from the packs alone").isEqualTo(fresh);
        assertThat(later.read(Set.of(run), Set.of("grad_norm"), 10).get(run).get("grad_norm"))
                .hasSizeLessThanOrEqualTo(10).anySatisfy(p -> assertThat(p.value()).isEqualTo(1000.0));

        template.update("delete from runs where id = ?", run);
        assertThat(packs(run)).isZero();
    }

    @Test
    void a_run_still_training_is_always_read_from_its_points() {
        long run = run(RunStatus.RUNNING);
        var reader = reader(END.plusSeconds(3600));
        assertThat(reader.read(Set.of(run), Set.of("train_loss"), 100).get(run).get("train_loss")).hasSize(50);
        history.insertPoints(run, List.of(new MetricPoint("train_loss", 51, 3, 0.1, END)));
        assertThat(reader.read(Set.of(run), Set.of("train_loss"), 100).get(run).get("train_loss")).hasSize(51);
        assertThat(packs(run)).isZero();
    }

    private SeriesReader reader(Instant now) {
        return new SeriesReader(history, Clock.fixed(now, ZoneOffset.UTC));
    }

    private long packs(long run) {
        return template.queryForObject("select count(*) from series_packs where run_id = ?", Long.class, run);
    }

    /** A text-generation run that ended at END: 3,000 grad_norm points with one spike, 50 train_loss points. */
    private long run(RunStatus status) {
        RunSpec spec = SpecValidator.complete(RunSpec.of(TaskType.TEXTGEN));
        var run = new Run(0, "local", "reader", spec, 1, status, END.minusSeconds(600), END.minusSeconds(590),
                status.isFinal() ? END : null, null, null, 1.0, Map.of(), Map.of(), null);
        long id = history.insertImported("local", run, SpecJson.write(spec), END);
        List<MetricPoint> points = new ArrayList<>();
        for (int step = 1; step <= 3000; step++) {
            points.add(new MetricPoint("grad_norm", step, 1 + step / 1000, step == 1234 ? 1000.0 : 1 + Math.sin(step),
                    END.minusSeconds(3000 - step)));
        }
        for (int step = 1; step <= 50; step++) {
            points.add(new MetricPoint("train_loss", step, 1, 2.0 / step, END.minusSeconds(60 - step)));
        }
        history.insertPoints(id, points);
        return id;
    }
}
