package com.seqplay.ui;

import com.seqplay.security.Modes;
import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Lab mode's chain for the web UI: Vaadin's Spring Security integration with the login page.
 * Each view declares who may open it ({@code @PermitAll} for every logged-in user,
 * {@code @RolesAllowed("ADMIN")} for the admin page, {@code @AnonymousAllowed} for the login and
 * error pages), and Vaadin checks it on every navigation. The API has its own chain, tried first.
 */
@Configuration
@ConditionalOnProperty(name = "seqplay.mode", havingValue = Modes.LAB)
class LabWebSecurity extends VaadinWebSecurity {
    @Override
    protected void configure(HttpSecurity http) throws Exception {
        // The CrossSiteGuard writes these for every response already.
        http.headers(h -> h.frameOptions(f -> f.disable()).contentTypeOptions(c -> c.disable()));
        super.configure(http);
        setLoginView(http, LoginView.class);
    }
}
