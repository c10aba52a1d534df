package com.seqplay.ui;

import com.seqplay.security.CurrentUser;
import com.seqplay.security.UserService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The logged-in user's account: who they are, and API tokens for their scripts (lab mode). */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("Account · Seqplay")
@PermitAll
public class AccountView extends VerticalLayout {
    public AccountView(CurrentUser currentUser, UserService users) {
        add(new H2("Account"));
        if (!currentUser.isLab()) {
            add(new Paragraph("This server runs without accounts (the one-person default); scripts need no token."));
            return;
        }
        add(new Paragraph("Logged in as " + currentUser.username() + (currentUser.isAdmin() ? " (administrator)." : ".")));
        TextField label = new TextField("Token label");
        label.setPlaceholder("e.g. grid search script");
        TextField shown = new TextField("New token (shown only now)");
        shown.setReadOnly(true);
        shown.setWidth("40em");
        shown.setVisible(false);
        shown.setId("new-token");
        Button create = new Button("Create API token", e -> {
            shown.setValue(users.createToken(label.getValue().isBlank() ? null : label.getValue().trim()));
            shown.setVisible(true);
        });
        create.setId("create-token");
        add(new Paragraph("Scripts send a token as the header 'Authorization: Bearer <token>'. Resetting your"
                + " password withdraws all your tokens."), label, create, shown);
    }
}
