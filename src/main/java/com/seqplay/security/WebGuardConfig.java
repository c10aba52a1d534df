package com.seqplay.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the {@link CrossSiteGuard} in front of everything else, login included, in every mode. */
@Configuration
class WebGuardConfig {
    /** Before Spring Security's chain (-100), so that a refused request never reaches a login. */
    static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    HostAllowList hostAllowList(SecuritySettings settings, @Value("${server.address:}") String address) {
        List<String> names = new ArrayList<>(settings.allowedHosts());
        if (isConcrete(address)) {
            names.add(address);
        }
        return new HostAllowList(names);
    }

    @Bean
    FilterRegistrationBean<CrossSiteGuard> crossSiteGuard(HostAllowList hosts, SecuritySettings settings) {
        var registration = new FilterRegistrationBean<>(new CrossSiteGuard(hosts, settings.contentSecurityPolicy()));
        registration.setOrder(GUARD_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** An address people can type: not empty and not a wildcard such as 0.0.0.0. */
    static boolean isConcrete(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return !InetAddress.getByName(address).isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }
}
