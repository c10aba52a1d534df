package com.seqplay.run.service;

import com.seqplay.task.TaskDefinitions;
import com.seqplay.config.LimitProperties;
import com.seqplay.spec.CellType;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The server's own caps on a run, on top of the specification's validity: how big a model, how
 * many epochs and how long a training it will take on. Checked before anything is stored, and
 * each refusal says the number it found and the cap.
 */
@Component
public class RunCaps {
    private final LimitProperties limits;

    RunCaps(LimitProperties limits) {
        this.limits = limits;
    }

    /** @throws InvalidSpecException naming every field over a cap */
    void check(RunSpec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.epochs() > limits.maxEpochs()) {
            problems.add(new SpecProblem("epochs", spec.epochs() + " is more than this server allows: at most "
                    + limits.maxEpochs()));
        }
        long maxWall = limits.maxWallTime().toSeconds();
        if (spec.maxWallSeconds() > maxWall) {
            problems.add(new SpecProblem("maxWallSeconds", spec.maxWallSeconds() + " s is more than this server allows:"
                    + " at most " + maxWall + " s"));
        }
        long weights = estimatedWeights(spec);
        if (weights > limits.maxParameters()) {
            problems.add(new SpecProblem("hiddenSize", "the model would have about " + weights + " weights ("
                    + spec.layers() + " layers of " + spec.hiddenSize() + " units); this server allows at most "
                    + limits.maxParameters()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    /**
     * The recurrent layers' weights, estimated before the vocabulary is known: each layer's input
     * is taken to be as wide as its hidden state, which it is for every layer but the first.
     * A task may build more than one stack (translation: an encoder and a decoder). The output layer is left out; the recurrent
     * weights dominate for any size worth refusing.
     */
    static long estimatedWeights(RunSpec spec) {
        long h = spec.hiddenSize();
        long gates = spec.cell() == CellType.LSTM ? 4 : spec.cell() == CellType.GRU ? 3 : 1;
        long perLayer = gates * (2 * h * h + h);
        long stacks = TaskDefinitions.of(spec.task()).recurrentStacks();
        return stacks * spec.layers() * perLayer;
    }
}
