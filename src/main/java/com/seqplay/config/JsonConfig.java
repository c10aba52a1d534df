package com.seqplay.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.json.Json;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Spring's JSON (REST bodies, error pages) uses the project's one configured mapper. */
@Configuration(proxyBeanMethods = false)
class JsonConfig {
    @Bean
    @Primary
    ObjectMapper objectMapper() {
        return Json.MAPPER;
    }
}
