package com.seqplay.events.health;

import java.util.Locale;
import java.util.Map;

/**
 * When a layer's training is called vanishing or exploding. The trainer judges each epoch with
 * these rules (for the run's flag) and the run page draws the same thresholds.
 *
 * <p>Where the numbers come from: a widely taught rule of thumb (Karpathy's CS231n notes on
 * babysitting the learning process) says the ratio of the update's norm to the weights' norm
 * should be around 1e-3 per step: lower and learning crawls, higher and the learning rate is
 * probably too high. The flags sit two orders of magnitude either side of that, so an ordinary
 * learning-rate choice never raises them:
 * <ul>
 *   <li><b>exploding</b>: an epoch's mean ratio above {@value #EXPLODING_RATIO} (each step moves the
 *       layer by a tenth of its own size: the weights are thrown around, not refined), or any
 *       measurement that is not a finite number;</li>
 *   <li><b>vanishing</b>: an epoch's mean ratio below {@value #VANISHING_RATIO} (it would take
 *       100,000 steps to move the layer by its own size: it is frozen), or the spread of the
 *       layer's gradient collapsing below {@value #GRADIENT_COLLAPSE} of what it was in the first
 *       epoch (no signal reaches the layer any more).</li>
 * </ul>
 */
public final class HealthRules {
    /** The healthy order of magnitude of the update-to-parameter ratio. */
    public static final double HEALTHY_RATIO = 1e-3;
    public static final double EXPLODING_RATIO = 1e-1;
    public static final double VANISHING_RATIO = 1e-5;
    /** A layer's gradient spread below this fraction of its first epoch's counts as collapsed. */
    public static final double GRADIENT_COLLAPSE = 1e-4;
    /** Shown next to the charts: the rules above in a person's words. */
    public static final String EXPLANATION = "A step of about 1/1,000 of a layer's size (ratio 1e-3) is the usual "
            + "healthy rate. Above 1e-1 per step (or any value that is not a number) the run is flagged as exploding; "
            + "below 1e-5, or when a layer's gradient spread falls to 1/10,000 of its first epoch's, as vanishing.";

    private HealthRules() {}

    /**
     * Judges one epoch.
     *
     * @param ratios the epoch's mean update-to-parameter ratio per layer
     * @param gradientStds the epoch's mean gradient spread per layer
     * @param firstGradientStds each layer's gradient spread in the first epoch it was measured
     */
    public static HealthSummary judge(int epoch, Map<String, Double> ratios, Map<String, Double> gradientStds,
            Map<String, Double> firstGradientStds) {
        HealthSummary worst = HealthSummary.healthy(epoch);
        for (var e : ratios.entrySet()) {
            double r = e.getValue();
            if (!Double.isFinite(r)) {
                worst = worst.worse(new HealthSummary(HealthFlag.EXPLODING, epoch, e.getKey(),
                        "update/parameter ratio is not a finite number"));
            } else if (r > EXPLODING_RATIO) {
                worst = worst.worse(new HealthSummary(HealthFlag.EXPLODING, epoch, e.getKey(),
                        String.format(Locale.ROOT, "update/parameter ratio %.2g (healthy about 1e-3)", r)));
            } else if (r < VANISHING_RATIO) {
                worst = worst.worse(new HealthSummary(HealthFlag.VANISHING, epoch, e.getKey(),
                        String.format(Locale.ROOT, "update/parameter ratio %.2g (healthy about 1e-3)", r)));
            }
        }
        for (var e : gradientStds.entrySet()) {
            double s = e.getValue();
            Double first = firstGradientStds.get(e.getKey());
            if (!Double.isFinite(s)) {
                worst = worst.worse(new HealthSummary(HealthFlag.EXPLODING, epoch, e.getKey(),
                        "gradient spread is not a finite number"));
            } else if (first != null && first > 0 && s < first * GRADIENT_COLLAPSE) {
                worst = worst.worse(new HealthSummary(HealthFlag.VANISHING, epoch, e.getKey(),
                        String.format(Locale.ROOT, "gradient spread fell from %.2g to %.2g", first, s)));
            }
        }
        return worst;
    }
}
