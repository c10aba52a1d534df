package com.seqplay.run.launch;

import com.seqplay.blas.NativeBlas;
import com.seqplay.config.SeqplayProperties;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The OpenBLAS of the server's computing children (trainers, the inference worker, the step-time
 * measurement), decided once from {@code seqplay.trainer.blas} by {@link NativeBlas}'s rule and
 * applied to each child's environment. The decision is only an environment variable, so a child
 * started elsewhere gets the same by the same rule; a child that lacks the library would simply
 * run on the bundled one.
 */
@Component
public class ChildBlas {
    private static final Logger log = LoggerFactory.getLogger(ChildBlas.class);
    private final NativeBlas.Decision decision;

    @Autowired
    public ChildBlas(SeqplayProperties properties) {
        this(NativeBlas.decide(properties.trainer().blas(),
                NativeBlas.candidates(Optional.ofNullable(properties.trainer().blasLibrary()))));
    }

    ChildBlas(NativeBlas.Decision decision) {
        this.decision = decision;
        log.info("Trainers and workers run on {}", decision.reason());
    }

    public NativeBlas.Decision decision() {
        return decision;
    }

    /** Sets the child's {@code LD_PRELOAD} for the decided library (none for the bundled one). */
    public void applyTo(Map<String, String> childEnvironment) {
        decision.applyTo(childEnvironment);
    }
}
