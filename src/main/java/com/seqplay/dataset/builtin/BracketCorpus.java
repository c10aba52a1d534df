package com.seqplay.dataset.builtin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated corpus of balanced brackets of four kinds with filler letters, one expression per
 * line, e.g. {@code a(b[cc]{<d>})e}. To predict a closing bracket a model must remember which
 * brackets are still open and in what order: a stack in its hidden state, as deep as
 * {@code maxDepth}, with filler letters stretching the distance between an opening bracket and
 * its partner.
 *
 * <p>Each line is a random walk: about 20 to 60 symbols of opening (never beyond the maximum
 * depth), closing (never below zero) and letters, then every open bracket closed in order. The
 * first symbol always opens a bracket, so every line has at least one pair.
 */
public final class BracketCorpus {

    public static final int MAX_DEPTH = 50;
    static final String OPENING = "([{<";
    static final String CLOSING = ")]}>";
    private static final String LETTERS = "abcde";

    private BracketCorpus() {
    }

    /** {@code nLines} expressions (without line breaks), the same for the same seed and depth. */
    public static List<String> generate(int nLines, long seed, int maxDepth) {
        if (nLines < 0) {
            throw new IllegalArgumentException("the number of lines must not be negative, got " + nLines);
        }
        requireDepth(maxDepth);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(nLines);
        for (int i = 0; i < nLines; i++) {
            lines.add(line(random, maxDepth));
        }
        return lines;
    }

    /** Whole lines until the text has at least {@code minChars} characters. */
    public static String text(int minChars, long seed, int maxDepth) {
        requireDepth(maxDepth);
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(minChars + 200);
        while (text.length() < minChars) {
            text.append(line(random, maxDepth)).append('\n');
        }
        return text.toString();
    }

    private static String line(SplittableRandom random, int maxDepth) {
        int length = 20 + random.nextInt(41);
        StringBuilder line = new StringBuilder(length + maxDepth);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < length; i++) {
            double roll = random.nextDouble();
            boolean canOpen = open.size() < maxDepth;
            boolean canClose = !open.isEmpty();
            if (i == 0 || (canOpen && (roll < 0.35 || (!canClose && roll < 0.6)))) {
                int kind = random.nextInt(OPENING.length());
                open.push(kind);
                line.append(OPENING.charAt(kind));
            } else if (canClose && (roll >= 0.65 || (!canOpen && roll >= 0.4))) {
                line.append(CLOSING.charAt(open.pop()));
            } else {
                line.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
        }
        while (!open.isEmpty()) {
            line.append(CLOSING.charAt(open.pop()));
        }
        return line.toString();
    }

    private static void requireDepth(int maxDepth) {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("the maximum depth must be in 1.." + MAX_DEPTH + ", got " + maxDepth);
        }
    }
}
