package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The team's scheduling: order of phases, every chunk once, failures, and the split of a range. */
class StepTeamTest {

    @AfterEach
    void defaultThreads() {
        StepTeam.forceThreads(0);
    }

    @Test
    void everyChunkRunsOnceAndOnlyAfterThePhaseBefore() {
        StepTeam.forceThreads(2);
        int phases = 200;
        int chunks = 2;
        AtomicIntegerArray runs = new AtomicIntegerArray(phases * chunks);
        try (StepTeam team = StepTeam.tryAcquire(8)) {
            assertNotNull(team);
            team.runPhases(phases, chunks, (phase, chunk, member) -> {
                if (phase > 0) {
                    for (int c = 0; c < chunks; c++) {
                        assertEquals(1, runs.get((phase - 1) * chunks + c), "phase " + (phase - 1) + " unfinished");
                    }
                }
                runs.incrementAndGet(phase * chunks + chunk);
            });
        }
        for (int i = 0; i < phases * chunks; i++) {
            assertEquals(1, runs.get(i), "chunk " + i);
        }
    }

    @Test
    void aFailingChunkIsThrownToTheCallerAndTheTeamStaysUsable() {
        StepTeam.forceThreads(2);
        try (StepTeam team = StepTeam.tryAcquire(8)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> team.runPhases(10, 2, (phase, chunk, member) -> {
                        if (phase == 3 && chunk == 1) {
                            throw new IllegalStateException("chunk failed");
                        }
                    }));
            assertEquals("chunk failed", e.getMessage());
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            team.runPhases(2, 2, (phase, chunk, member) -> runs.incrementAndGet(phase * 2 + chunk));
            assertEquals("[1, 1, 1, 1]", runs.toString());
        }
    }

    @Test
    void noTeamForOneThreadOrOneExampleAndOnlyOneTeamAtATime() {
        StepTeam.forceThreads(1);
        assertNull(StepTeam.tryAcquire(8));
        StepTeam.forceThreads(2);
        assertNull(StepTeam.tryAcquire(1));
        try (StepTeam team = StepTeam.tryAcquire(8)) {
            assertNotNull(team);
            assertNull(StepTeam.tryAcquire(8), "busy: the caller runs serially");
        }
        try (StepTeam again = StepTeam.tryAcquire(8)) {
            assertNotNull(again, "released by close");
        }
    }

    @Test
    void splitCoversTheRangeInAlignedParts() {
        int[] starts = new int[4];
        for (int i = 0; i < 4; i++) {
            starts[i] = StepTeam.split(1024, 3, i, 16);
        }
        assertArrayEquals(new int[]{0, 336, 672, 1024}, starts);
        assertEquals(0, StepTeam.split(5, 2, 0, 1));
        assertEquals(2, StepTeam.split(5, 2, 1, 1));
        assertEquals(5, StepTeam.split(5, 2, 2, 1));
    }
}
