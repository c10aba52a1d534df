package com.seqplay.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** The frame around every page: title bar and navigation. */
public class MainLayout extends AppLayout {
    public MainLayout() {
        H1 title = new H1("Seqplay");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        var nav = new SideNav();
        nav.addItem(new SideNavItem("New run", NewRunView.class, VaadinIcon.PLAY.create()));
        nav.addItem(new SideNavItem("Runs", RunsView.class, VaadinIcon.LIST.create()));
        addToNavbar(new DrawerToggle(), title);
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
