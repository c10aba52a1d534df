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
    }
}
