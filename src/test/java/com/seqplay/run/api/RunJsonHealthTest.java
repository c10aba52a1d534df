package com.seqplay.run.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.events.health.HealthFlag;
import com.seqplay.events.health.HealthSummary;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.health.TrainingHealthFlags;
import com.seqplay.run.service.PredictionService;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A run's JSON carries the training-health flag its trainer left in the run folder. */
@WebMvcTest(RunController.class)
@AutoConfigureMockMvc(addFilters = false)
class RunJsonHealthTest {
    private static final Path DATA = temporaryDataDir();

    @TestConfiguration
    static class DataFolder {
        @Bean
        TrainingHealthFlags trainingHealthFlags() {
            return new TrainingHealthFlags(new SeqplayProperties(DATA, "local", null, null, null, null));
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    RunService runs;

    @MockitoBean
    PredictionService predictions;

    @Test
    void theFlagInTheRunFolderIsInTheRunsJsonAndARunWithoutOneHasNone() throws Exception {
        Files.createDirectories(DATA.resolve("runs/7"));
        new HealthSummary(HealthFlag.EXPLODING, 2, "0", "update/parameter ratio 1.7 (healthy about 1e-3)")
                .write(DATA.resolve("runs/7"));
        when(runs.get(7)).thenReturn(run(7));
        when(runs.get(8)).thenReturn(run(8));

        JsonNode flagged = json.readTree(mvc.perform(get("/api/runs/7")).andReturn().getResponse().getContentAsString());
        assertThat(flagged.at("/health/flag").asText()).isEqualTo("EXPLODING");
        assertThat(flagged.at("/health/epoch").asInt()).isEqualTo(2);
        assertThat(flagged.at("/health/reason").asText()).contains("1.7");

        JsonNode none = json.readTree(mvc.perform(get("/api/runs/8")).andReturn().getResponse().getContentAsString());
        assertThat(none.path("health").isMissingNode() || none.path("health").isNull()).isTrue();
    }

    @Test
    void anInterruptedRunSaysWhetherItCanBeResumedAndOtherRunsSayNothing() throws Exception {
        Run interrupted = run(9, RunStatus.INTERRUPTED);
        when(runs.get(9)).thenReturn(interrupted);
        when(runs.canResume(interrupted)).thenReturn(true);
        when(runs.get(10)).thenReturn(run(10));

        JsonNode resumable = json.readTree(mvc.perform(get("/api/runs/9")).andReturn().getResponse().getContentAsString());
        assertThat(resumable.path("resumable").asBoolean(false)).isTrue();
        JsonNode finished = json.readTree(mvc.perform(get("/api/runs/10")).andReturn().getResponse().getContentAsString());
        assertThat(finished.path("resumable").isMissingNode() || finished.path("resumable").isNull()).isTrue();
    }

    private static Run run(long id) {
        return run(id, RunStatus.SUCCEEDED);
    }

    private static Run run(long id, RunStatus status) {
        var spec = SpecValidator.complete(RunSpec.of(TaskType.TEXTGEN));
        return new Run(id, "local", "a run", spec, 42, status, Instant.EPOCH, null, null, null, null, null,
                Map.of(), Map.of(), null);
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("seqplay-health");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
