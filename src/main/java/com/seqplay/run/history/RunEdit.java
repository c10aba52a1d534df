package com.seqplay.run.history;

import com.seqplay.run.domain.RunNames;
import com.seqplay.spec.InvalidSpecException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person may change about a run after the fact: its name, notes and tags (a null field
 * stays as it is). Tags are short words, so that a tag filter is exact and a list can show them.
 */
public record RunEdit(String name, String notes, List<String> tags) {
    public static final int MAX_NOTES = 10_000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_LENGTH = 24;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:/+=-]+");

    /**
     * The edit with the name trimmed and the tags trimmed and without repeats.
     *
     * @throws InvalidSpecException naming {@code name}, {@code notes} or {@code tags}
     */
    public RunEdit checked() {
        String n = name == null ? null : name.trim();
        if (n != null && n.isEmpty()) {
            throw new InvalidSpecException("name", "must not be empty");
        }
        RunNames.check(n);
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new InvalidSpecException("notes", "must be at most " + MAX_NOTES + " characters, not "
                    + notes.length());
        }
        List<String> t = null;
        if (tags != null) {
            var unique = new LinkedHashSet<String>();
            for (String tag : tags) {
                String trimmed = tag == null ? "" : tag.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.length() > MAX_TAG_LENGTH || !TAG.matcher(trimmed).matches()) {
                    throw new InvalidSpecException("tags", "'" + trimmed + "' is not a tag: use up to "
                            + MAX_TAG_LENGTH + " letters, digits and _ . : / + = - (no spaces or commas)");
                }
                unique.add(trimmed);
            }
            if (unique.size() > MAX_TAGS) {
                throw new InvalidSpecException("tags", "at most " + MAX_TAGS + " tags, not " + unique.size());
            }
            t = List.copyOf(unique);
        }
        return new RunEdit(n, notes, t);
    }
}
