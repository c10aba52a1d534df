package com.seqplay.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database backups ({@code seqplay.backup.*}), written to {@code <data-dir>/backups/}.
 *
 * @param interval how often to back up while the server runs; zero (the default) is never
 * @param keep how many backups to keep; older ones are deleted
 */
@ConfigurationProperties("seqplay.backup")
public record BackupProperties(@DefaultValue("0s") Duration interval, @DefaultValue("7") int keep) {}
