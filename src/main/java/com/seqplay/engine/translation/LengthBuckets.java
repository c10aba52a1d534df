package com.seqplay.engine.translation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups held-out pairs by source length into buckets of about equal size (quantiles), so that each
 * bucket's exact match rests on about as many pairs. Fixed widths would not do: the built-in
 * data sets crowd most sources into a few lengths and leave the longest widths with a handful of
 * pairs, whose score is noise. Pairs of one length always share a bucket, so buckets never overlap;
 * with fewer distinct lengths than buckets there is one bucket per length.
 */
final class LengthBuckets {
    /** Five buckets: enough to see a trend, and about 20% of the held-out pairs in each. */
    static final int DEFAULT_COUNT = 5;

    private LengthBuckets() {}

    /**
     * One bucket of pairs.
     *
     * @param minLength the shortest source in it
     * @param maxLength the longest source in it
     * @param indices positions of its pairs in the list given to {@link #of}
     */
    record Bucket(int minLength, int maxLength, List<Integer> indices) {}

    /** Buckets of the given source lengths, shortest first; none for no pairs. */
    static List<Bucket> of(int[] lengths, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one bucket is needed, got " + count);
        }
        List<Integer> order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).thenComparingInt(i -> i)).toList();
        List<Bucket> buckets = new ArrayList<>();
        int from = 0;
        for (int b = 1; b <= count && from < order.size(); b++) {
            // share what is left among the buckets left, so a bucket stretched by a common length
            // is not followed by a tiny one
            int to = from + Math.max(1, (int) Math.round((double) (order.size() - from) / (count - b + 1)));
            // a length split across two buckets would make their ranges overlap: keep it whole
            while (to < order.size() && lengths[order.get(to)] == lengths[order.get(to - 1)]) {
                to++;
            }
            List<Integer> indices = order.subList(from, to);
            buckets.add(new Bucket(lengths[indices.get(0)], lengths[indices.get(indices.size() - 1)],
                    List.copyOf(indices)));
            from = to;
        }
        return buckets;
    }
}
