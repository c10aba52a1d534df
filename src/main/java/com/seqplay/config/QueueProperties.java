package com.seqplay.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sharing the trainer slots ({@code seqplay.queue.*}): runs start in turns between users, so one
 * person's grid of 50 runs does not hold everyone else up.
 *
 * @param maxRunningPerUser the most runs one user may have training at once; 0 is no limit
 *     (the one-person default), 1 is a good start for a lab
 * @param maxQueuedPerUser the most runs one user may have waiting; a submission beyond is refused
 */
@ConfigurationProperties("seqplay.queue")
public record QueueProperties(@DefaultValue("0") int maxRunningPerUser, @DefaultValue("200") int maxQueuedPerUser) {

    public static QueueProperties defaults() {
        return new QueueProperties(0, 200);
    }
}
