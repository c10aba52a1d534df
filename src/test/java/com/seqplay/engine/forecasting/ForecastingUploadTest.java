package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.engine.TrainingClock;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Trains on an uploaded file, given to the task trainer through {@link TrainingContext#datasetFile()}. */
class ForecastingUploadTest {
    @TempDir
    Path dir;

    private final List<TrainerEvent> events = new ArrayList<>();

    private void train(String json, Path file) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(json));
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getRandom().setSeed(spec.seed());
        Path runDir = Files.createDirectories(dir.resolve("run"));
        new ForecastingTrainer().train(new TrainingContext(spec, runDir, events::add,
                new TrainingClock(spec.maxWallSeconds()), List.of(), Optional.of(file)));
    }

    /** Hourly load with a daily cycle, written with a header, a date column first and CRLF line ends. */
    private Path hourlyCsv(int rows) throws Exception {
        var csv = new StringBuilder("timestamp,load_mw,station\r\n");
        var random = new Random(3);
        LocalDateTime t = LocalDateTime.of(2024, 3, 1, 0, 0);
        for (int i = 0; i < rows; i++) {
            double load = 500 + 80 * Math.sin(2 * Math.PI * i / 24) + 5 * random.nextGaussian();
            csv.append(t.plusHours(i)).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", load))
                    .append(",north\r\n");
        }
        Path file = dir.resolve("load.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void an_uploaded_csv_with_header_date_column_and_crlf_trains_and_dates_its_forecast() throws Exception {
        Path file = hourlyCsv(500);
        train("""
                {"task":"forecasting","dataset":"upload:17","valueColumn":"load_mw","dateColumn":"1","window":24,
                 "horizon":6,"hiddenSize":16,"epochs":2,"batchSize":32}""", file);

        assertThat(Events.logs(events)).anyMatch(text -> text.startsWith("load.csv: 500 values"));
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics().get("mase")).isFinite();
        assertThat(result.metrics().get("mae")).isLessThan(result.baselines().get("naive_mae"));
        JsonNode sample = new ObjectMapper().readTree(Events.of(events, TrainerEvent.Sample.class).stream()
                .reduce((a, b) -> b).orElseThrow().content());
        assertThat(sample.get("forecast")).hasSize(6);
        // the test tail starts at 400; the dates cover the 24 values read and the 6 forecast
        assertThat(sample.get("dates")).hasSize(30);
        assertThat(sample.get("dates").get(24).asText()).isEqualTo("2024-03-17T16:00");
        assertThat(sample.get("actual").get(0).asDouble()).isGreaterThan(300);
    }

    @Test
    void an_upload_shorter_than_window_plus_horizon_is_refused_before_training() throws Exception {
        Path file = hourlyCsv(30);
        assertThatThrownBy(() -> train("""
                {"task":"forecasting","dataset":"upload:18","window":48,"horizon":12}""", file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("load.csv has 30 values")
                .hasMessageContaining("window of 48").hasMessageContaining("horizon of 12");
        assertThat(events).noneMatch(e -> e instanceof TrainerEvent.Metric);
    }
}
