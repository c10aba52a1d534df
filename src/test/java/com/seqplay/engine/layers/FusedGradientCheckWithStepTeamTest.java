package com.seqplay.engine.layers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every test of {@link FusedGradientCheckTest} again, with the time loops shared by a team of two threads ({@link StepTeam}). */
class FusedGradientCheckWithStepTeamTest extends FusedGradientCheckTest {

    @BeforeAll
    static void twoThreads() {
        StepTeam.forceThreads(2);
    }

    @AfterAll
    static void defaultThreads() {
        StepTeam.forceThreads(0);
    }
}
