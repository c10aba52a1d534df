package com.seqplay.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Corpus BLEU (Papineni et al., 2002) with one reference per sentence and no smoothing.
 *
 * <p>For each order n = 1..4 the clipped n-gram matches and the candidate n-gram totals are
 * summed over the whole corpus before dividing (corpus-level modified precision p_n). BLEU is
 * {@code BP * exp(mean(ln p_n))} with the brevity penalty {@code BP = exp(1 - r/c)} when
 * {@code c <= r} and 1 otherwise (c: total candidate length, r: total reference length).
 * Results are in [0, 1]; {@link #corpusPercent} gives the usual x100 reporting scale.
 *
 * <p>Without smoothing any order with zero matches makes BLEU exactly 0 (never NaN), as does an
 * order with no candidate n-grams at all (for example every candidate shorter than 4 tokens) and
 * a corpus whose candidates are all empty.
 */
public final class Bleu {

    /** Highest n-gram order, as in the original definition. */
    public static final int MAX_ORDER = 4;

    private Bleu() {
    }

    /**
     * Everything BLEU is made of, so that a UI can show why a score is what it is.
     *
     * @param score           BLEU in [0, 1]
     * @param precisions      corpus modified precisions p_1..p_4 (index 0 is p_1)
     * @param brevityPenalty  BP in (0, 1], or 0 when the candidates are all empty
     * @param candidateLength c, total candidate tokens
     * @param referenceLength r, total reference tokens
     */
    public record Result(double score, double[] precisions, double brevityPenalty,
                         long candidateLength, long referenceLength) {
        public Result {
            precisions = precisions.clone();
        }

        @Override
        public double[] precisions() {
            return precisions.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && score == r.score && Arrays.equals(precisions, r.precisions)
                    && brevityPenalty == r.brevityPenalty && candidateLength == r.candidateLength
                    && referenceLength == r.referenceLength;
        }

        @Override
        public int hashCode() {
            return Objects.hash(score, Arrays.hashCode(precisions), brevityPenalty, candidateLength, referenceLength);
        }

        @Override
        public String toString() {
            return "Bleu.Result[score=" + score + ", precisions=" + Arrays.toString(precisions)
                    + ", brevityPenalty=" + brevityPenalty + ", c=" + candidateLength + ", r=" + referenceLength + "]";
        }
    }

    /** Corpus BLEU in [0, 1]; candidates.get(i) is scored against references.get(i). */
    public static double corpus(List<? extends List<String>> candidates, List<? extends List<String>> references) {
        return corpusDetailed(candidates, references).score();
    }

    /** Corpus BLEU on the 0..100 scale most papers and tools report. */
    public static double corpusPercent(List<? extends List<String>> candidates,
                                       List<? extends List<String>> references) {
        return 100.0 * corpus(candidates, references);
    }

    /** BLEU of a single sentence pair: the corpus formula over a corpus of one (no smoothing). */
    public static double sentence(List<String> candidate, List<String> reference) {
        return corpus(List.of(candidate), List.of(reference));
    }

    /** Splits on runs of whitespace; the tokenizer the playground's translation tasks use. */
    public static List<String> tokenize(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /** Corpus BLEU together with its parts. */
    public static Result corpusDetailed(List<? extends List<String>> candidates,
                                        List<? extends List<String>> references) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("BLEU needs one reference per candidate, got "
                    + candidates.size() + " candidates and " + references.size() + " references");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("BLEU of an empty corpus is undefined");
        }
        long[] matches = new long[MAX_ORDER];
        long[] totals = new long[MAX_ORDER];
        long c = 0;
        long r = 0;
        for (int i = 0; i < candidates.size(); i++) {
            List<String> candidate = candidates.get(i);
            List<String> reference = references.get(i);
            c += candidate.size();
            r += reference.size();
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<List<String>, Integer> candidateCounts = ngramCounts(candidate, n);
                Map<List<String>, Integer> referenceCounts = ngramCounts(reference, n);
                for (Map.Entry<List<String>, Integer> e : candidateCounts.entrySet()) {
                    // Clipping: a candidate n-gram is credited at most as often as the reference has it.
                    matches[n - 1] += Math.min(e.getValue(), referenceCounts.getOrDefault(e.getKey(), 0));
                }
                totals[n - 1] += Math.max(0, candidate.size() - n + 1);
            }
        }
        double[] precisions = new double[MAX_ORDER];
        double logSum = 0;
        boolean anyZero = false;
        for (int n = 0; n < MAX_ORDER; n++) {
            precisions[n] = totals[n] == 0 ? 0.0 : (double) matches[n] / totals[n];
            if (precisions[n] == 0.0) {
                anyZero = true;
            } else {
                logSum += Math.log(precisions[n]);
            }
        }
        double bp = brevityPenalty(c, r);
        // ln(0) would poison the mean with -Infinity and 0 * Infinity with NaN; the limit is 0.
        double score = anyZero ? 0.0 : bp * Math.exp(logSum / MAX_ORDER);
        return new Result(Math.min(1.0, score), precisions, bp, c, r);
    }

    /** exp(1 - r/c) when c <= r, else 1; 0 for an empty candidate side (the limit as c -> 0). */
    static double brevityPenalty(long c, long r) {
        if (c == 0) {
            return 0.0;
        }
        return c > r ? 1.0 : Math.exp(1.0 - (double) r / c);
    }

    private static Map<List<String>, Integer> ngramCounts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }
}
