package com.seqplay.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A value with a fixed set of forms that people pick from: its {@link #id()} is how specifications,
 * the API and stored runs spell it, its {@link #label()} how the form shows it. Every choice in a
 * specification is an enum implementing this, so that Jackson reads and writes the id and a form
 * offers exactly the enum's values.
 */
public interface Choice {
    @JsonValue
    String id();

    String label();

    /** The constant of {@code type} spelled {@code id}, if any. */
    static <E extends Enum<E> & Choice> Optional<E> fromId(Class<E> type, String id) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.id().equals(id)).findFirst();
    }

    /** "a, b or c": the ids of {@code type}, for messages that list what is allowed. */
    static String idsOf(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        String ids = Arrays.stream(constants).map(c -> ((Choice) c).id()).collect(Collectors.joining(", "));
        int last = ids.lastIndexOf(", ");
        return last < 0 ? ids : ids.substring(0, last) + " or " + ids.substring(last + 2);
    }
}
