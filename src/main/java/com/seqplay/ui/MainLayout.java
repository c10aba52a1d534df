package com.seqplay.ui;

import com.seqplay.security.CurrentUser;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** The frame around every page: title bar and navigation. */
public class MainLayout extends AppLayout {
    public MainLayout(CurrentUser currentUser, ObjectProvider<AuthenticationContext> authentication) {
        H1 title = new H1("Seqplay");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        var nav = new SideNav();
        nav.addItem(new SideNavItem("New run", NewRunView.class, VaadinIcon.PLAY.create()));
        nav.addItem(new SideNavItem("Runs", RunsView.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("Why attention", WhyAttentionView.class, VaadinIcon.TIMER.create()));
        addToNavbar(new DrawerToggle(), title);
        addToDrawer(nav);
        if (currentUser.isLab()) {
            addAccountLinks(nav, currentUser, authentication.getObject());
        }
        setPrimarySection(Section.DRAWER);
    }

    /** Lab mode: the account page, the users page for administrators, and a way out. */
    private void addAccountLinks(SideNav nav, CurrentUser currentUser, AuthenticationContext authentication) {
        nav.addItem(new SideNavItem("Account", AccountView.class, VaadinIcon.USER.create()));
        if (currentUser.isAdmin()) {
            nav.addItem(new SideNavItem("Users", AdminView.class, VaadinIcon.USERS.create()));
        }
        var who = new Span(currentUser.username());
        who.addClassNames(LumoUtility.Margin.Left.AUTO, LumoUtility.Margin.Right.SMALL);
        var logout = new Button("Log out", e -> authentication.logout());
        logout.setId("logout");
        logout.addClassNames(LumoUtility.Margin.Right.MEDIUM);
        addToNavbar(who, logout);
    }
}
