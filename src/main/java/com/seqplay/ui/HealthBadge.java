package com.seqplay.ui;

import com.seqplay.events.health.HealthFlag;
import com.seqplay.events.health.HealthSummary;
import com.vaadin.flow.component.html.Span;

/** A run's training-health flag as a Lumo badge, with the measurement that raised it as tooltip. */
public class HealthBadge extends Span {
    public HealthBadge() {
        setVisible(false);
    }

    /** A badge for a list row: nothing when the run is healthy or has no flag. */
    static HealthBadge forRow(HealthSummary summary) {
        var badge = new HealthBadge();
        if (summary != null && summary.flag() != HealthFlag.HEALTHY) {
            badge.show(summary);
        }
        return badge;
    }

    public void show(HealthSummary summary) {
        setText(summary.flag() == HealthFlag.HEALTHY ? "healthy" : "⚠ " + summary.flag().label());
        getElement().setAttribute("theme", switch (summary.flag()) {
            case HEALTHY -> "badge success";
            case VANISHING -> "badge contrast";
            case EXPLODING -> "badge error";
        });
        getElement().setAttribute("data-health", summary.flag().name());
        getElement().setAttribute("title", summary.sentence());
        setVisible(true);
    }
}
