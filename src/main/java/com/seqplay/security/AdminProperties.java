package com.seqplay.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator of lab mode ({@code seqplay.admin.*}). The password has no default: it
 * comes from {@code seqplay.admin.password} or the environment variable
 * {@code SEQPLAY_ADMIN_PASSWORD}, and is used only to create the account if it does not exist.
 */
@ConfigurationProperties("seqplay.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {}
