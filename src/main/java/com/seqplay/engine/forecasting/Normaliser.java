package com.seqplay.engine.forecasting;

/**
 * Standardises values with the mean and standard deviation of the training part only: the
 * validation part and the test tail are the future, and fitting on them would leak it into the
 * model. A constant training part gets a standard deviation of 1, so nothing divides by zero.
 */
public record Normaliser(double mean, double std) {

    public Normaliser {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std <= 0) {
            throw new IllegalArgumentException("a normaliser needs a finite mean and a positive std, got "
                    + mean + " and " + std);
        }
    }

    /** Fits on these values (the training part), with the population standard deviation. */
    public static Normaliser fit(double[] training) {
        if (training.length == 0) {
            throw new IllegalArgumentException("cannot fit a normaliser on no values");
        }
        double mean = 0;
        for (double v : training) {
            mean += v;
        }
        mean /= training.length;
        double squares = 0;
        for (double v : training) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / training.length);
        return new Normaliser(mean, std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1.0);
    }

    public double normalise(double value) {
        return (value - mean) / std;
    }

    public double denormalise(double value) {
        return value * std + mean;
    }
}
