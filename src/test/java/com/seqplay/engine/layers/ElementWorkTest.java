package com.seqplay.engine.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ElementWork} hands every element to exactly one block: one block per team member when a team is set and the work is large enough, else one on the caller. */
class ElementWorkTest {

    @AfterEach
    void defaultThreads() {
        StepTeam.forceThreads(0);
    }

    private final AtomicInteger blocks = new AtomicInteger();

    private AtomicIntegerArray visits(int elements, Set<String> threads) {
        AtomicIntegerArray seen = new AtomicIntegerArray(elements);
        ElementWork.split(elements, (from, to) -> {
            blocks.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        return seen;
    }

    private static void assertEachOnce(AtomicIntegerArray seen) {
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("element %d", i).isEqualTo(1);
        }
    }

    @Test
    void aTeamSharesManyElementsAndEachIsDoneOnce() {
        StepTeam.forceThreads(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        int elements = 3 * ElementWork.MIN_PER_MEMBER + 17;
        assertEachOnce(visits(elements, threads));
        // one block per member; which thread runs which is not fixed (a member still waking up
        // may find the caller has taken every block)
        assertThat(blocks.get()).isEqualTo(3);
    }

    @Test
    void fewElementsOrNoTeamStayOnTheCaller() {
        StepTeam.forceThreads(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        assertEachOnce(visits(ElementWork.MIN_PER_MEMBER, threads));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        StepTeam.forceThreads(1);
        assertEachOnce(visits(4 * ElementWork.MIN_PER_MEMBER, threads));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        assertThat(blocks.get()).as("one block each time").isEqualTo(2);
    }
}
