package com.seqplay.run.inference;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.inference.WorkerProtocol;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunFolder;
import com.seqplay.run.service.ModelNotReadyException;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.InvalidSpecException;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/**
 * The inside of trained models: each recurrent layer's hidden state and gates on an input the
 * person types. Computed by the inference worker, as predictions are, so that the server never
 * loads a model.
 */
@Service
public class InspectionService {
    private static final String INPUT_PREFIX = "input: ";
    private final RunService runs;
    private final SeqplayProperties properties;
    private final InferenceSupervisor inference;

    InspectionService(RunService runs, SeqplayProperties properties, InferenceSupervisor inference) {
        this.runs = runs;
        this.properties = properties;
        this.inference = inference;
    }

    /**
     * @throws com.seqplay.run.service.RunNotFoundException if there is no such run
     * @throws InvalidSpecException naming {@code input} if it is missing, too long or does not suit the model
     * @throws ModelNotReadyException if the run has saved no model
     * @throws PredictionException if the model cannot be shown
     * @throws InferenceUnavailableException if no answer came in time
     */
    public Inspection inspect(long id, String input) {
        Run run = runs.get(id);
        InspectionLimits.check(input);
        Path dir = RunFolder.of(properties.runsDir(), id).path();
        if (!WorkerProtocol.hasModel(dir)) {
            throw new ModelNotReadyException(id);
        }
        try {
            return inference.inspect(run.spec(), dir.toAbsolutePath(), input);
        } catch (PredictionException e) {
            // the worker names the input when it is the input's fault; answer that as a field error
            if (e.getMessage() != null && e.getMessage().startsWith(INPUT_PREFIX)) {
                throw new InvalidSpecException("input", e.getMessage().substring(INPUT_PREFIX.length()));
            }
            throw e;
        }
    }
}
