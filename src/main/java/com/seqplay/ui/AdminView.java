package com.seqplay.ui;

import com.seqplay.security.CurrentUser;
import com.seqplay.security.Role;
import com.seqplay.security.UserAccount;
import com.seqplay.security.UserInputException;
import com.seqplay.security.UserService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.seqplay.ops.DiskUsage;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import java.util.Map;

/** Accounts of lab mode for administrators: add, disable or enable, reset a password, see each one's runs and disk (run folders and uploads), which they free by deleting runs in the runs list. */
@Route(value = "admin", layout = MainLayout.class)
@PageTitle("Users · Seqplay")
@RolesAllowed("ADMIN")
public class AdminView extends VerticalLayout {
    private final UserService users;
    private final Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);

    private final DiskUsage disk;
    private Map<String, DiskUsage.UserDisk> storage = Map.of();

    public AdminView(UserService users, DiskUsage disk, CurrentUser currentUser) {
        this.users = users;
        this.disk = disk;
        add(new H2("Users"));
        if (!currentUser.isLab()) {
            add(new Paragraph("This server runs without accounts (the one-person default). Start it with"
                    + " --seqplay.mode=lab to share it with a lab."));
            return;
        }
        grid.addColumn(UserAccount::username).setHeader("User");
        grid.addColumn(UserAccount::role).setHeader("Role");
        grid.addColumn(a -> a.enabled() ? "active" : "disabled").setHeader("State");
        grid.addColumn(UserAccount::createdAt).setHeader("Since");
        grid.addColumn(a -> disk(a).runs()).setHeader("Runs");
        grid.addColumn(a -> megabytes(disk(a).runBytes())).setHeader("Run folders");
        grid.addColumn(a -> megabytes(disk(a).uploadBytes())).setHeader("Uploads");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(addForm(), grid);
        refresh();
    }

    private HorizontalLayout addForm() {
        TextField name = new TextField("User name");
        name.setId("new-username");
        PasswordField password = new PasswordField("Password");
        password.setId("new-password");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.USER);
        Button add = new Button("Add user", e -> attempt(() -> {
            users.add(name.getValue(), password.getValue(), role.getValue());
            Notification.show("Added " + name.getValue().trim(), 4000, Notification.Position.BOTTOM_START);
            name.clear();
            password.clear();
        }));
        add.setId("add-user");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, password, role, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private HorizontalLayout actions(UserAccount account) {
        Button toggle = new Button(account.enabled() ? "Disable" : "Enable",
                e -> attempt(() -> users.setEnabled(account.username(), !account.enabled())));
        Button reset = new Button("Reset password", e -> resetDialog(account).open());
        return new HorizontalLayout(toggle, reset);
    }

    private Dialog resetDialog(UserAccount account) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New password for " + account.username());
        PasswordField password = new PasswordField("Password");
        dialog.add(password);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), new Button("Set", e -> attempt(() -> {
            users.resetPassword(account.username(), password.getValue());
            dialog.close();
        })));
        return dialog;
    }

    private void attempt(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (UserInputException e) {
            Notification.show(e.field() + ": " + e.getMessage(), 6000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private DiskUsage.UserDisk disk(UserAccount account) {
        return storage.getOrDefault(account.username(), new DiskUsage.UserDisk(account.username(), 0, 0, 0));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private void refresh() {
        storage = new java.util.HashMap<>();
        disk.byUser().forEach(d -> storage.put(d.owner(), d));
        grid.setItems(users.list());
    }
}
