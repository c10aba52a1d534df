package com.seqplay.security;

import com.seqplay.config.SeqplayProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refuses an unknown {@code seqplay.mode}, and warns at start-up when the login-free default listens beyond this machine: then anyone who can
 * reach the port can submit, read and cancel everything. Lab mode is the answer.
 */
@Component
class ExposureWarning {
    private static final Logger log = LoggerFactory.getLogger(ExposureWarning.class);
    private final SeqplayProperties properties;
    private final String address;

    ExposureWarning(SeqplayProperties properties, @Value("${server.address:}") String address) {
        this.properties = properties;
        this.address = address;
        // Neither security chain would apply to an unknown mode: refuse rather than guess.
        if (!Modes.LOCAL.equalsIgnoreCase(properties.mode()) && !Modes.isLab(properties)) {
            throw new LabSetupException("seqplay.mode is '" + properties.mode() + "'; it must be 'local' or 'lab'.",
                    "Start with --seqplay.mode=local (the default, one person, no login) or --seqplay.mode=lab (accounts).");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfExposed() {
        if (!Modes.isLab(properties) && !isLoopback(address)) {
            log.warn("""

                    *** Seqplay is listening on {} without lab mode: there is no login, and anyone who can reach \
                    this port can submit, read and cancel every run. Listen on 127.0.0.1 (the default), or start \
                    with --seqplay.mode=lab to require accounts. ***""", address.isBlank() ? "all addresses" : address);
        }
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false; // Spring Boot then listens on every interface
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
