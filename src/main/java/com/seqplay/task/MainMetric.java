package com.seqplay.task;

/**
 * The one number a run of a task is judged by, which way is better, and the baseline it must beat
 * to have learned anything (a key of the run's {@code baselines}).
 */
public record MainMetric(String name, Direction direction, String baseline, String baselineLabel) {
    public enum Direction {
        LOWER_IS_BETTER,
        HIGHER_IS_BETTER;

        public boolean better(double a, double b) {
            return this == LOWER_IS_BETTER ? a < b : a > b;
        }
    }
}
