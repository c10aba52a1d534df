package com.seqplay.engine.forecasting;

import com.seqplay.json.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a trained forecasting model needs besides its weights, kept as {@value #FILE} beside the
 * checkpoint: the window it reads, the horizon it predicts, the season used for the baselines
 * and MASE, and the normaliser fitted on the training part.
 */
public record ForecastSetup(int window, int horizon, int period, Normaliser normaliser) {
    public static final String FILE = "forecast-setup.json";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    public void save(Path runDir) throws IOException {
        Path tmp = runDir.resolve(FILE + ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static ForecastSetup load(Path runDir) throws IOException {
        return MAPPER.readValue(runDir.resolve(FILE).toFile(), ForecastSetup.class);
    }
}
