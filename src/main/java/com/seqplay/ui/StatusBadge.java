package com.seqplay.ui;

import com.seqplay.run.domain.RunStatus;
import com.vaadin.flow.component.html.Span;

/** A run's status as a coloured Lumo badge. */
public class StatusBadge extends Span {
    public StatusBadge(RunStatus status) {
        setStatus(status);
    }

    public void setStatus(RunStatus status) {
        setText(status.name());
        String theme = switch (status) {
            case SUCCEEDED -> "badge success";
            case FAILED, DIVERGED -> "badge error";
            case RUNNING -> "badge";
            case QUEUED, CANCELLED, INTERRUPTED -> "badge contrast";
        };
        getElement().getThemeList().clear();
        getElement().setAttribute("theme", theme);
        getElement().setAttribute("data-status", status.name());
        getElement().removeAttribute("title");
        getElement().removeAttribute("data-queue-position");
    }

    /**
     * A queued run's place and what it waits for ("QUEUED #3", the reason on hover), so that a
     * user of a shared server sees why nothing happens yet; other states show as {@link #setStatus}.
     */
    public void setStatus(RunStatus status, java.util.Optional<com.seqplay.run.service.QueueSlot> slot) {
        setStatus(status);
        if (status == RunStatus.QUEUED && slot.isPresent()) {
            setText("QUEUED #" + slot.get().position());
            getElement().setAttribute("title", slot.get().waitingFor());
            getElement().setAttribute("data-queue-position", Integer.toString(slot.get().position()));
        }
    }
}
