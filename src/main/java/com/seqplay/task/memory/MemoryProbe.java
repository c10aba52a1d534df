package com.seqplay.task.memory;

import com.seqplay.spec.MemoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the memory probe's sequences, seeded. A sequence is {@code symbols} random symbols
 * from the alphabet, then {@code distractors} filler steps, then the query token; the answer is the
 * first symbol.
 *
 * <p>Token ids: {@code 0 .. alphabet-1} are the symbols, the next {@value #DISTRACTOR_KINDS} are
 * distractor tokens, the last is the query token; the network reads them one-hot. The filler is
 * drawn at random from a set of its own rather than repeating one blank token, for two reasons:
 * with one blank there are only {@code alphabet^symbols} different sequences (8 with one symbol of
 * eight), so the held-out sequences would repeat training ones and test accuracy would measure
 * recall of seen sequences; and varied filler makes the cell learn to ignore what passes instead of
 * relying on an unchanging input. The filler never shares a token with the symbols and carries no
 * information about the answer, and the symbols after the first are the same alphabet (so "the
 * last symbol seen" is wrong): the only way to answer is to carry the first symbol across the gap.
 */
public final class MemoryProbe {
    /** How many different distractor tokens fill the gap. */
    public static final int DISTRACTOR_KINDS = 4;

    private final int alphabet;
    private final int symbols;
    private final int distractors;

    public MemoryProbe(int alphabet, int symbols, int distractors) {
        if (alphabet < 2 || symbols < 1 || distractors < 0) {
            throw new IllegalArgumentException("a memory probe needs an alphabet of at least 2, at least 1 symbol "
                    + "and no negative gap; got alphabet " + alphabet + ", symbols " + symbols + ", distractors "
                    + distractors);
        }
        this.alphabet = alphabet;
        this.symbols = symbols;
        this.distractors = distractors;
    }

    /** The probe of a completed specification's options. */
    public static MemoryProbe of(MemoryOptions options) {
        return new MemoryProbe(options.alphabet(), options.symbols(), options.distractors());
    }

    /** The same alphabet and symbol count with another gap: to ask a trained model across a longer one. */
    public MemoryProbe withDistractors(int newDistractors) {
        return new MemoryProbe(alphabet, symbols, newDistractors);
    }

    /**
     * One question: its tokens (length {@link #length()}) and the answer, the first token.
     * Treat the array as read-only.
     */
    public record Sequence(int[] tokens) {
        public int answer() {
            return tokens[0];
        }
    }

    /** The three parts of the generated sequences: 80% training, then half the rest each. */
    public record Split(List<Sequence> training, List<Sequence> validation, List<Sequence> test) {}

    /** {@code count} random sequences, the same for the same seed. */
    public List<Sequence> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Sequence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] shown = new int[symbols];
            for (int s = 0; s < symbols; s++) {
                shown[s] = random.nextInt(alphabet);
            }
            out.add(sequence(shown, random));
        }
        return out;
    }

    /** The shown symbols, then the gap filled from {@code random}, then the query. */
    public Sequence sequence(int[] shown, Random random) {
        if (shown.length != symbols) {
            throw new IllegalArgumentException("a sequence of this probe starts with " + symbols + " symbols, not "
                    + shown.length);
        }
        int[] tokens = new int[length()];
        for (int s = 0; s < symbols; s++) {
            if (shown[s] < 0 || shown[s] >= alphabet) {
                throw new IllegalArgumentException("symbol id " + shown[s] + " is outside the alphabet of " + alphabet);
            }
            tokens[s] = shown[s];
        }
        for (int d = 0; d < distractors; d++) {
            tokens[symbols + d] = alphabet + random.nextInt(DISTRACTOR_KINDS);
        }
        tokens[tokens.length - 1] = queryToken();
        return new Sequence(tokens);
    }

    /** Cuts the generated sequences as {@link MemoryTask#TRAIN_FRACTION} says; the test part is the last. */
    public static Split split(List<Sequence> all) {
        int trainEnd = (int) MemoryTask.trainingSequences(all.size());
        int validationEnd = trainEnd + (all.size() - trainEnd) / 2;
        return new Split(all.subList(0, trainEnd), all.subList(trainEnd, validationEnd),
                all.subList(validationEnd, all.size()));
    }

    /** Symbols, then distractors, then the query. */
    public int length() {
        return symbols + distractors + 1;
    }

    /** Size of the one-hot input: the alphabet, the distractor tokens and the query token. */
    public int vocabularySize() {
        return alphabet + DISTRACTOR_KINDS + 1;
    }

    public int queryToken() {
        return alphabet + DISTRACTOR_KINDS;
    }

    public int alphabet() {
        return alphabet;
    }

    public int symbols() {
        return symbols;
    }

    public int distractors() {
        return distractors;
    }

    /** The accuracy of guessing: one over the alphabet. */
    public double chance() {
        return 1.0 / alphabet;
    }

    /**
     * How a symbol is shown: A to Z, then A1 to Z1, A2... (so alphabets beyond 26 stay readable
     * when the symbols are separated by spaces).
     */
    public static String symbolName(int symbol) {
        String letter = String.valueOf((char) ('A' + symbol % 26));
        return symbol < 26 ? letter : letter + symbol / 26;
    }

    /** The shown symbols of a sequence as the UI writes them, for example "C A F". */
    public String shownSymbols(Sequence sequence) {
        var sb = new StringBuilder();
        for (int s = 0; s < symbols; s++) {
            sb.append(s == 0 ? "" : " ").append(symbolName(sequence.tokens()[s]));
        }
        return sb.toString();
    }

    /**
     * Reads symbols written as {@link #shownSymbols} writes them (separated by spaces or commas,
     * case as shown).
     *
     * @throws IllegalArgumentException naming the unknown symbol or the wrong count
     */
    public int[] parseSymbols(String text) {
        String trimmed = text == null ? "" : text.trim();
        String[] names = trimmed.isEmpty() ? new String[0] : trimmed.split("[\\s,]+");
        if (names.length != symbols) {
            throw new IllegalArgumentException("give " + symbols + " symbol" + (symbols == 1 ? "" : "s")
                    + " separated by spaces (for example \"" + example() + "\"), not " + names.length);
        }
        int[] ids = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ids[i] = symbolId(names[i]);
        }
        return ids;
    }

    private int symbolId(String name) {
        for (int s = 0; s < alphabet; s++) {
            if (symbolName(s).equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a symbol of this probe; its alphabet is "
                + symbolName(0) + " to " + symbolName(alphabet - 1));
    }

    private String example() {
        var sb = new StringBuilder();
        for (int s = 0; s < symbols; s++) {
            sb.append(s == 0 ? "" : " ").append(symbolName((s * 2 + 2) % alphabet));
        }
        return sb.toString();
    }
}
