package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.config.LimitProperties;
import com.seqplay.config.SeqplayProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.util.unit.DataSize;

/** The watchdog's memory rule, on this test's own JVM: a real process with a real resident size. */
class TrainerMemoryTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    @EnabledOnOs(OS.LINUX)
    void a_process_over_its_limit_is_named_with_both_sizes() {
        assertThat(TrainerMemory.residentBytes(SELF).orElse(0)).isGreaterThan(10L << 20);

        assertThat(new TrainerMemory(1L << 20).overLimit(SELF)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("out of memory: the trainer held ")
                .endsWith(" MB, over this server's limit of 1 MB per trainer (seqplay.limits.trainer-memory)"));
        assertThat(new TrainerMemory(1L << 40).overLimit(SELF)).isEmpty();
    }

    @Test
    void a_process_that_cannot_be_read_is_not_judged() {
        long gone = 1L << 40;
        assertThat(TrainerMemory.residentBytes(gone)).isEmpty();
        assertThat(new TrainerMemory(1).overLimit(gone)).isEmpty();
    }

    @Test
    void the_limit_is_heap_and_off_heap_plus_a_margin_unless_configured() {
        var trainer = new SeqplayProperties.Trainer(1024, 2048, 1, "");
        assertThat(TrainerMemory.of(trainer, LimitProperties.defaults()).limitBytes())
                .isEqualTo((3072L << 20) + TrainerMemory.MARGIN_BYTES);
        var configured = new LimitProperties(DataSize.ofMegabytes(1), 1, 1, Duration.ofHours(1), DataSize.ofGigabytes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(2), DataSize.ofGigabytes(6));
        assertThat(TrainerMemory.of(trainer, configured).limitBytes()).isEqualTo(6L << 30);
    }
}
