package com.seqplay.ui;

import com.seqplay.security.NotPermittedException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the web UI does with an exception that no view handled (a failing button listener, a
 * background update): it logs the exception and shows a short notification, instead of Vaadin's
 * default of a stack trace in development mode or an unexplained failure. The message never
 * repeats the exception's own text, which can hold SQL or file paths. Registered for every
 * session as a Vaadin service init listener (Spring hands Vaadin this bean).
 */
@org.springframework.stereotype.Component
public class MainErrorHandler extends DefaultErrorHandler implements VaadinServiceInitListener {
    static final String MESSAGE = "Something went wrong; the details are in the server log.";
    private static final Logger log = LoggerFactory.getLogger(MainErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(session -> session.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable problem = event.getThrowable();
        if (!shouldHandle(problem)) {
            return; // e.g. the browser went away mid-request: nothing to tell anyone
        }
        // A refusal by the services (not the owner) is expected: its message is written for the user.
        NotPermittedException refused = refusal(problem);
        if (refused == null) {
            log.error("Unexpected error in the web UI", problem);
        }
        String message = refused != null ? refused.getMessage() : MESSAGE;
        Optional<UI> ui = event.getComponent().flatMap(Component::getUI).or(() -> Optional.ofNullable(UI.getCurrent()));
        ui.ifPresent(u -> u.access(() -> {
            Notification note = new Notification(message, 6000, Notification.Position.MIDDLE);
            note.addThemeVariants(NotificationVariant.LUMO_ERROR);
            note.open();
        }));
    }

    private static NotPermittedException refusal(Throwable problem) {
        for (Throwable t = problem; t != null; t = t.getCause()) {
            if (t instanceof NotPermittedException n) {
                return n;
            }
        }
        return null;
    }
}
