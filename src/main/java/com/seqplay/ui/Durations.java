package com.seqplay.ui;

/** Short human durations for progress displays ("2 min 5 s"). */
final class Durations {
    private Durations() {}

    static String format(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
