package com.seqplay.events.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Averages the sampled health measurements of each layer over each epoch: the trainer measures
 * some iterations of an epoch, the charts and the flag use the epoch's mean. A non-finite
 * measurement makes the mean non-finite, which is what the exploding rule looks for.
 */
public final class EpochMeans {
    private final Map<HealthQuantity, Map<String, TreeMap<Integer, double[]>>> sums = new LinkedHashMap<>();

    /** Adds one measurement of a layer in an epoch. */
    public void add(HealthQuantity quantity, String layer, int epoch, double value) {
        double[] sum = sums.computeIfAbsent(quantity, q -> new LinkedHashMap<>())
                .computeIfAbsent(layer, l -> new TreeMap<>())
                .computeIfAbsent(epoch, e -> new double[2]);
        sum[0] += value;
        sum[1]++;
    }

    /** The epoch's mean per layer, for the layers measured in it. */
    public Map<String, Double> of(HealthQuantity quantity, int epoch) {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.getOrDefault(quantity, Map.of()).forEach((layer, byEpoch) -> {
            double[] sum = byEpoch.get(epoch);
            if (sum != null) {
                means.put(layer, sum[0] / sum[1]);
            }
        });
        return means;
    }

    /** Each layer's mean in the first epoch it was measured. */
    public Map<String, Double> first(HealthQuantity quantity) {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.getOrDefault(quantity, Map.of()).forEach((layer, byEpoch) -> {
            double[] sum = byEpoch.firstEntry().getValue();
            means.put(layer, sum[0] / sum[1]);
        });
        return means;
    }

    /** Every layer's means by epoch, in epoch order. */
    public Map<String, Map<Integer, Double>> byLayer(HealthQuantity quantity) {
        Map<String, Map<Integer, Double>> out = new LinkedHashMap<>();
        sums.getOrDefault(quantity, Map.of()).forEach((layer, byEpoch) -> {
            Map<Integer, Double> means = new LinkedHashMap<>();
            byEpoch.forEach((epoch, sum) -> means.put(epoch, sum[0] / sum[1]));
            out.put(layer, means);
        });
        return out;
    }

    /** Judges one epoch with {@link HealthRules}; empty when nothing was measured in it. */
    public Optional<HealthSummary> judge(int epoch) {
        Map<String, Double> ratios = of(HealthQuantity.UPDATE_RATIO, epoch);
        if (ratios.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(HealthRules.judge(epoch, ratios, of(HealthQuantity.GRADIENT_STD, epoch),
                first(HealthQuantity.GRADIENT_STD)));
    }

    /** The worst judgement over every epoch measured; empty before any measurement. */
    public Optional<HealthSummary> worst() {
        Optional<HealthSummary> worst = Optional.empty();
        var epochs = sums.getOrDefault(HealthQuantity.UPDATE_RATIO, Map.of()).values().stream()
                .flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
        for (int epoch : epochs) {
            Optional<HealthSummary> judged = judge(epoch);
            if (judged.isPresent()) {
                worst = Optional.of(worst.map(w -> w.worse(judged.get())).orElse(judged.get()));
            }
        }
        return worst;
    }
}
