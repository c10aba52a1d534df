package com.seqplay.api;

import com.seqplay.config.LimitProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
class RequestBodyLimitConfig {
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ObjectProvider<LimitProperties> limits) {
        var limit = limits.getIfAvailable(LimitProperties::defaults).jsonBody();
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(limit));
        // After the web guard (a refused origin is told so first), before login and Spring MVC.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
