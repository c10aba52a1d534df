package com.seqplay.ui;

import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * What an unknown address shows, inside the usual frame so that the menu stays: a path that is no
 * page, or a run that does not exist ({@link RunView} sends those here with its own message).
 * Replaces Vaadin's bare "Could not navigate" text.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
@PageTitle("Not found · Seqplay")
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {
    private final Paragraph message = new Paragraph();

    public NotFoundView() {
        setId("not-found");
        var title = new H2("Not found");
        title.addClassNames(LumoUtility.Margin.Bottom.NONE);
        message.setId("not-found-message");
        message.addClassNames(LumoUtility.TextColor.SECONDARY);
        var back = new RouterLink(RunsView.class);
        back.setId("back-to-runs");
        back.add(new HorizontalLayout(VaadinIcon.ARROW_LEFT.create(), new Span("Back to the runs")));
        add(title, message, back);
        addClassNames(LumoUtility.Padding.LARGE);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        message.setText(parameter.hasCustomMessage() ? parameter.getCustomMessage()
                : "There is no page at /" + event.getLocation().getPath() + ".");
        return HttpStatusCode.NOT_FOUND.getCode();
    }
}
