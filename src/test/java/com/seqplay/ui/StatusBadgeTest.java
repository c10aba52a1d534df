package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.service.QueueSlot;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusBadgeTest {
    @Test
    void a_queued_run_shows_its_place_and_why_it_waits_and_loses_both_once_it_runs() {
        var badge = new StatusBadge(RunStatus.QUEUED);
        badge.setStatus(RunStatus.QUEUED, Optional.of(new QueueSlot(3, "ada has 1 run training")));
        assertThat(badge.getText()).isEqualTo("QUEUED #3");
        assertThat(badge.getElement().getAttribute("title")).isEqualTo("ada has 1 run training");
        assertThat(badge.getElement().getAttribute("data-queue-position")).isEqualTo("3");

        badge.setStatus(RunStatus.RUNNING, Optional.empty());
        assertThat(badge.getText()).isEqualTo("RUNNING");
        assertThat(badge.getElement().getAttribute("title")).isNull();
    }
}
