package com.seqplay.run.service;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.inference.Predictor;
import com.seqplay.run.domain.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Service;

/**
 * Tries trained models: inference runs in the server on the saved checkpoint (small models
 * answer in milliseconds); a semaphore keeps a burst of requests from starving the server.
 */
@Service
public class PredictionService {
    private static final int CONCURRENT = 2;
    private final RunService runs;
    private final SeqplayProperties properties;
    private final Predictor predictor = new Predictor();
    private final Semaphore slots = new Semaphore(CONCURRENT);

    PredictionService(RunService runs, SeqplayProperties properties) {
        this.runs = runs;
        this.properties = properties;
    }

    /**
     * @throws RunNotFoundException if there is no such run
     * @throws ModelNotReadyException if it has saved no model
     * @throws PredictionException if the request does not suit the model
     */
    public Prediction predict(long id, PredictRequest request) {
        Run run = runs.get(id);
        Path dir = properties.runsDir().resolve(Long.toString(id));
        if (!Predictor.hasModel(dir)) {
            throw new ModelNotReadyException(id);
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PredictionException("interrupted");
        }
        try {
            return predictor.predict(run.spec(), dir, request);
        } catch (IOException e) {
            throw new PredictionException("The saved model cannot be read: " + e.getMessage());
        } finally {
            slots.release();
        }
    }
}
