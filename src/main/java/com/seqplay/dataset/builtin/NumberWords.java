package com.seqplay.dataset.builtin;

import com.seqplay.dataset.SentencePair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A second built-in translation task: a whole number written in English words, to be translated
 * into digits ("three hundred and twelve" to "312"). The output is short and the mapping is
 * exact, so a small encoder-decoder learns it, and mistakes are easy to read (a wrong hundreds
 * digit shows that the model lost "hundred").
 *
 * <p>British usage: "and" before the last part below a hundred ("one hundred and one", "two
 * thousand and five"); hyphens in 21-99 are written as spaces ("twenty one") so that each word
 * is one token.
 */
public final class NumberWords {

    /** Largest number {@link #toWords} can write. */
    public static final int MAX = 999_999;
    /** Largest number the default generator draws. */
    public static final int DEFAULT_MAX = 9_999;

    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"};

    private NumberWords() {
    }

    /** {@code n} pairs with numbers up to {@value #DEFAULT_MAX}. */
    public static List<SentencePair> generate(int n, long seed) {
        return generate(n, seed, DEFAULT_MAX);
    }

    /**
     * {@code n} pairs (words, digits), the same for the same seed. The number of digits is drawn
     * uniformly first and the number within it second, so that short numbers are not drowned by
     * long ones (uniform over 0..9999, 90% would have four digits).
     */
    public static List<SentencePair> generate(int n, long seed, int max) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of pairs must not be negative, got " + n);
        }
        if (max < 0 || max > MAX) {
            throw new IllegalArgumentException("the largest number must be in 0.." + MAX + ", got " + max);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int maxDigits = String.valueOf(max).length();
        List<SentencePair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int digits = 1 + random.nextInt(maxDigits);
            int low = digits == 1 ? 0 : (int) Math.pow(10, digits - 1);
            int high = Math.min(max, (int) Math.pow(10, digits) - 1);
            int value = low + random.nextInt(high - low + 1);
            pairs.add(new SentencePair(toWords(value), Integer.toString(value)));
        }
        return pairs;
    }

    /** The number in English words, e.g. 2310 is "two thousand three hundred and ten". */
    public static String toWords(int number) {
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("only 0.." + MAX + " can be written, got " + number);
        }
        if (number == 0) {
            return SMALL[0];
        }
        int thousands = number / 1000;
        int rest = number % 1000;
        StringBuilder words = new StringBuilder();
        if (thousands > 0) {
            words.append(belowThousand(thousands, false)).append(" thousand");
        }
        if (rest > 0) {
            if (words.length() > 0) {
                words.append(' ');
            }
            // "two thousand and five": the "and" also bridges a missing hundreds part.
            words.append(belowThousand(rest, thousands > 0 && rest < 100));
        }
        return words.toString();
    }

    private static String belowThousand(int number, boolean leadingAnd) {
        int hundreds = number / 100;
        int rest = number % 100;
        StringBuilder words = new StringBuilder();
        if (hundreds > 0) {
            words.append(SMALL[hundreds]).append(" hundred");
        }
        if (rest > 0) {
            if (hundreds > 0) {
                words.append(" and ");
            } else if (leadingAnd) {
                words.append("and ");
            }
            words.append(belowHundred(rest));
        }
        return words.toString();
    }

    private static String belowHundred(int number) {
        if (number < 20) {
            return SMALL[number];
        }
        return number % 10 == 0 ? TENS[number / 10] : TENS[number / 10] + " " + SMALL[number % 10];
    }
}
