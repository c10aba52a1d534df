package com.seqplay.run.domain;

import com.seqplay.task.SpecValidator;
import com.seqplay.spec.InvalidSpecException;

/**
 * The rule for a run's name, in one place: the database column holds {@value #MAX_LENGTH}
 * characters (V1 migration), and both the API and the New Run form refuse a longer name before
 * anything is stored, instead of the insert failing.
 */
public final class RunNames {
    /** The length of {@code runs.name}; the form's text field uses it as its maximum length. */
    public static final int MAX_LENGTH = SpecValidator.MAX_NAME_LENGTH;

    private RunNames() {}

    /**
     * @throws InvalidSpecException naming {@code name} if it is longer than {@link #MAX_LENGTH};
     *     no name at all is fine (the run gets one made from its task, cell and dataset)
     */
    public static void check(String name) {
        if (name != null && name.length() > MAX_LENGTH) {
            throw new InvalidSpecException("name", "must be at most " + MAX_LENGTH + " characters, not "
                    + name.length());
        }
    }
}
