package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading datasets through the API: good files train, bad ones are refused by line and leave nothing behind. */
class DatasetUploadIT {
    @TempDir
    static Path dataDir;

    static AppProcess app;

    @BeforeAll
    static void startApp() throws Exception {
        app = AppProcess.start(dataDir);
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void an_uploaded_text_trains_a_run_from_the_runs_own_copy() throws Exception {
        String text = "\uFEFF" + "abc abd abe. ".repeat(600).replace(". ", ".\r\n");
        var up = app.upload("textgen", "story.txt", text.getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String ref = up.json().get("id").asText();
        assertThat(ref).startsWith("upload:");
        assertThat(up.json().get("description").asText()).contains("characters");

        long id = app.submit("""
                {"task":"textgen","dataset":"%s","epochs":1,"hiddenSize":16,"layers":1,"sequenceLength":40,
                 "batchSize":16,"sampleLength":20}""".formatted(ref));
        JsonNode run = app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(run.get("metrics").get("bpc").asDouble()).isLessThan(run.get("baselines").get("uniform_bpc").asDouble());
        assertThat(Files.exists(dataDir.resolve("runs").resolve(Long.toString(id)).resolve("dataset"))).isTrue();

        JsonNode all = app.get("/api/datasets").json();
        assertThat(all.findValuesAsText("id")).contains(ref, "builtin:agreement");
    }

    @Test
    void an_uploaded_series_trains_a_forecasting_run_whose_model_then_forecasts() throws Exception {
        var csv = new StringBuilder("date;load\r\n");
        for (int i = 0; i < 400; i++) {
            csv.append(java.time.LocalDate.of(2020, 1, 1).plusDays(i)).append(';')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", 10 + 0.01 * i + 3 * Math.sin(2 * Math.PI * i / 7)))
                    .append("\r\n");
        }
        var up = app.upload("forecasting", "load.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String ref = up.json().get("id").asText();

        var tooLong = app.post("/api/runs", "{\"task\":\"forecasting\",\"dataset\":\"" + ref + "\",\"window\":390}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("error").asText()).contains("load.csv").contains("390");

        long id = app.submit("{\"task\":\"forecasting\",\"dataset\":\"" + ref + "\",\"valueColumn\":\"load\",\"window\":21,"
                + "\"horizon\":7,\"epochs\":3,\"hiddenSize\":16,\"batchSize\":16}");
        JsonNode run = app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(run.get("metrics").has("mase")).isTrue();
        assertThat(run.get("baselines").has("seasonal_naive_mase")).isTrue();
        var samples = app.get("/api/runs/" + id + "/samples").json();
        assertThat(samples.findValuesAsText("kind")).contains("forecast");

        var history = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            history.append(i == 0 ? "" : ",").append(10 + 3 * Math.sin(2 * Math.PI * i / 7));
        }
        var forecast = app.post("/api/runs/" + id + "/predict", "{\"input\":[" + history + "],\"steps\":10}");
        assertThat(forecast.status()).as(forecast.body()).isEqualTo(200);
        assertThat(forecast.json().get("output").size()).isEqualTo(10);
        var tooShort = app.post("/api/runs/" + id + "/predict", "{\"input\":[1,2,3]}");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("error").asText()).contains("21");
    }

    @Test
    void malformed_uploads_are_refused_with_file_line_and_reason_and_store_nothing() throws Exception {
        int before = app.get("/api/datasets").json().size();
        assertRefused("translation", "pairs.tsv", "hello\tbonjour\nno tab here\n", "line 2");
        assertRefused("translation", "pairs.tsv", "hello\tbonjour\nworld\t\n", "line 2");
        assertRefused("translation", "empty.tsv", "", "empty.tsv");
        assertRefused("forecasting", "series.csv", "date,value\n", "series.csv");
        assertRefused("forecasting", "series.csv", "date,value\n2020-01-01,1\n2020-01-02,abc\n", "line 3");
        assertRefused("forecasting", "series.csv", "date,value\n2020-01-01,1\n2020-01-02,NaN\n", "line 3");
        assertRefused("forecasting", "series.csv", "date,value,x\n2020-01-01,1,2\n2020-01-02\n", "line 3");
        assertRefused("textgen", "blank.txt", "   \n\n", "blank.txt");
        var invalidUtf8 = app.upload("textgen", "bad.txt", new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'});
        assertThat(invalidUtf8.status()).isEqualTo(400);
        assertThat(invalidUtf8.json().get("error").asText()).contains("bad.txt").contains("UTF-8");
        var unknownTask = app.upload("poetry", "a.txt", "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(unknownTask.status()).isEqualTo(400);
        assertThat(unknownTask.json().get("field").asText()).isEqualTo("task");
        assertThat(app.get("/api/datasets").json().size()).isEqualTo(before);
    }

    @Test
    void a_run_naming_a_dataset_that_does_not_fit_is_refused_before_training() throws Exception {
        var up = app.upload("textgen", "short.txt", "just a few words".getBytes(StandardCharsets.UTF_8));
        String ref = up.json().get("id").asText();
        var tooShort = app.post("/api/runs", "{\"task\":\"textgen\",\"dataset\":\"" + ref + "\",\"sequenceLength\":100}");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("field").asText()).isEqualTo("dataset");
        assertThat(tooShort.json().get("error").asText()).contains("short.txt").contains("101");

        var missing = app.post("/api/runs", "{\"task\":\"textgen\",\"dataset\":\"upload:424242\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("dataset");
        var unknownBuiltin = app.post("/api/runs", "{\"task\":\"textgen\",\"dataset\":\"builtin:shakespeare\"}");
        assertThat(unknownBuiltin.json().get("field").asText()).isEqualTo("dataset");
    }

    private static void assertRefused(String task, String file, String content, String mentioned) throws Exception {
        var r = app.upload(task, file, content.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(file).contains(mentioned);
        assertThat(r.body()).doesNotContain("Exception");
    }
}
