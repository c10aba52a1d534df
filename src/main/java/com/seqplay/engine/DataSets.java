package com.seqplay.engine;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Row operations on DL4J data sets, done here because ND4J's own get them wrong or slowly. */
public final class DataSets {
    private DataSets() {}

    /**
     * Puts the examples in a random order (a Fisher-Yates shuffle seeded with {@code seed}), the same
     * order for features, labels and their masks. Not {@code DataSet.shuffle}: in ND4J 1.0.0-M2.1 it
     * moves arrays of different data types by different permutations, and nothing fails when it does.
     * The forecasting windows (float features, double targets) came out paired with other windows'
     * targets: 3,440 of 3,441 pairs, so the network learned noise around its reference forecast.
     */
    public static void shuffle(DataSet data, long seed) {
        int n = data.numExamples();
        if (n < 2) {
            return;
        }
        DataSet shuffled = rows(data, permuted(n, n - 1, new Random(seed)));
        data.setFeatures(shuffled.getFeatures());
        data.setLabels(shuffled.getLabels());
        data.setFeaturesMaskArray(shuffled.getFeaturesMaskArray());
        data.setLabelsMaskArray(shuffled.getLabelsMaskArray());
    }

    /**
     * At most {@code most} examples drawn at random without replacement (the data set itself when
     * it has no more), in their order in the set. Not every k-th example: in a set in time order that
     * would see only some phases of a season (every 6th window of an hourly series with a daily
     * season sees 4 of its 24 hours). Seeded with the set's size, so the draw is repeatable.
     */
    public static DataSet sample(DataSet data, int most) {
        int n = data.numExamples();
        if (n <= most) {
            return data;
        }
        // the last `most` places after `most` steps of the shuffle are a uniform draw
        int[] order = permuted(n, most, new Random(n));
        return rows(data, Arrays.stream(order, n - most, n).sorted().toArray());
    }

    /** 0 .. n-1 after the first {@code steps} steps of a Fisher-Yates shuffle from the end (all n - 1: a full shuffle). */
    private static int[] permuted(int n, int steps, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i >= n - steps && i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** The examples {@code picked}, in that order, as a data set of arrays of its own. */
    public static DataSet rows(DataSet data, int[] picked) {
        return new DataSet(rows(data.getFeatures(), picked), rows(data.getLabels(), picked),
                rows(data.getFeaturesMaskArray(), picked), rows(data.getLabelsMaskArray(), picked));
    }

    /**
     * The given rows along the first dimension, as a new array: one native gather over the rows
     * flattened ({@code pullRows}); indexing with {@code SpecifiedIndex} took 0.15-0.3 s for 4,096
     * of 25,640 forecasting windows, as long as evaluating them. Null stays null.
     */
    static INDArray rows(INDArray array, int[] picked) {
        if (array == null) {
            return null;
        }
        long[] shape = array.shape();
        INDArray flat = array.reshape('c', shape[0], array.length() / shape[0]); // a view, or a copy where none can be
        long[] pickedShape = shape.clone();
        pickedShape[0] = picked.length;
        return Nd4j.pullRows(flat, 1, picked).reshape('c', pickedShape);
    }
}
