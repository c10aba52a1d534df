package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OldForecastSetupTest {
    @TempDir
    Path runDir;

    @Test
    void a_model_saved_before_log_values_and_reference_forecasts_is_refused_with_a_message() throws Exception {
        Files.writeString(runDir.resolve(ForecastSetup.FILE), """
                {"window":48,"horizon":12,"period":24,"normaliser":{"mean":1.0,"std":2.0}}""");
        assertThatThrownBy(() -> ForecastSetup.load(runDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("earlier version").hasMessageContaining("new run");
    }
}
