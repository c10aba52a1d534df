package com.seqplay.events;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Encodes events as single lines with a marker prefix. The marker lets the reader tell events
 * apart from anything else a library prints on standard output, which then goes to the run's log.
 */
public final class EventCodec {
    public static final String PREFIX = "@seqplay ";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private EventCodec() {}

    public static String encode(TrainerEvent event) {
        try {
            return PREFIX + MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a TrainerEvent always serialises", e);
        }
    }

    /** The event on this line, or empty if the line is not an event (ordinary output, or an unknown type). */
    public static Optional<TrainerEvent> decode(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(line.substring(PREFIX.length()), TrainerEvent.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
