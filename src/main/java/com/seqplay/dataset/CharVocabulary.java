package com.seqplay.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The distinct characters of a text, sorted by code point so that the same text always gets the
 * same ids. A "character" is a Unicode code point: an emoji is one symbol, not two UTF-16 halves.
 */
public final class CharVocabulary {

    private final int[] codePoints;

    private CharVocabulary(int[] sortedDistinctCodePoints) {
        this.codePoints = sortedDistinctCodePoints;
    }

    /** The vocabulary of a text. */
    public static CharVocabulary of(String text) {
        return new CharVocabulary(text.codePoints().distinct().sorted().toArray());
    }

    public int size() {
        return codePoints.length;
    }

    /** The id of a code point, or -1 when it is not in the vocabulary. */
    public int indexOf(int codePoint) {
        int index = Arrays.binarySearch(codePoints, codePoint);
        return index >= 0 ? index : -1;
    }

    public boolean contains(int codePoint) {
        return indexOf(codePoint) >= 0;
    }

    /** The code point with this id. */
    public int codePoint(int index) {
        return codePoints[index];
    }

    /** Each symbol as a string, in id order. */
    public List<String> symbols() {
        return IntStream.of(codePoints).mapToObj(Character::toString).toList();
    }

    /** The ids of a text's characters; refuses a character outside the vocabulary. */
    public int[] encode(String text) {
        return text.codePoints().map(cp -> {
            int index = indexOf(cp);
            if (index < 0) {
                throw new IllegalArgumentException("the character " + Character.toString(cp)
                        + " (U+" + String.format("%04X", cp) + ") is not in the vocabulary");
            }
            return index;
        }).toArray();
    }

    /** The text with these ids. */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int id : ids) {
            text.appendCodePoint(codePoints[id]);
        }
        return text.toString();
    }
}
