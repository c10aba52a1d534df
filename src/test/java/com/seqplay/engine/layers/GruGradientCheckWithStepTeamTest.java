package com.seqplay.engine.layers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every test of {@link GruGradientCheckTest} again, with the time loops shared by a team of two threads ({@link StepTeam}). */
class GruGradientCheckWithStepTeamTest extends GruGradientCheckTest {

    @BeforeAll
    static void twoThreads() {
        StepTeam.forceThreads(2);
    }

    @AfterAll
    static void defaultThreads() {
        StepTeam.forceThreads(0);
    }
}
