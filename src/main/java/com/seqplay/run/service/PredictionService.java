package com.seqplay.run.service;

import com.seqplay.run.domain.RunFolder;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.inference.WorkerProtocol;
import com.seqplay.run.domain.Run;
import com.seqplay.run.inference.InferenceSupervisor;
import com.seqplay.run.inference.InferenceUnavailableException;
import com.seqplay.run.inference.PredictionLimits;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/**
 * Tries trained models. The answer comes from the inference worker, a child process: the server
 * itself never loads the native libraries or a model (they would double its memory, and a native
 * crash or a runaway prediction would take the server with them).
 */
@Service
public class PredictionService {
    private final RunService runs;
    private final SeqplayProperties properties;
    private final InferenceSupervisor inference;

    PredictionService(RunService runs, SeqplayProperties properties, InferenceSupervisor inference) {
        this.runs = runs;
        this.properties = properties;
        this.inference = inference;
    }

    /**
     * @throws RunNotFoundException if there is no such run
     * @throws com.seqplay.spec.InvalidSpecException naming the field if an input is too large
     * @throws ModelNotReadyException if it has saved no model
     * @throws PredictionException if the request does not suit the model
     * @throws InferenceUnavailableException if no answer came in time
     */
    public Prediction predict(long id, PredictRequest request) {
        Run run = runs.get(id);
        PredictionLimits.check(request);
        Path dir = RunFolder.of(properties.runsDir(), id).path();
        if (!WorkerProtocol.hasModel(dir)) {
            throw new ModelNotReadyException(id);
        }
        return inference.predict(run.spec(), dir.toAbsolutePath(), request);
    }
}
