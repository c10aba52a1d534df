package com.seqplay.events.health;

/** How a run's gradients behave, judged by {@link HealthRules}. Ordered from good to worst. */
public enum HealthFlag {
    HEALTHY("healthy"),
    VANISHING("vanishing gradients"),
    EXPLODING("exploding gradients");

    private final String label;

    HealthFlag(String label) {
        this.label = label;
    }

    /** A few words for a badge. */
    public String label() {
        return label;
    }

    /** The worse of two flags. */
    public HealthFlag worse(HealthFlag other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
