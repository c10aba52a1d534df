package com.seqplay.dataset.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated English-like corpus where the verb must agree in number with a subject that lies
 * {@code reach} words back: "the dog that the cats near the river chase runs ." The words in
 * between hold nouns of either number (attractors), so that only a model that remembers the
 * subject across them predicts "runs" rather than "run". Raising the reach shows where a plain
 * RNN's memory fades and an LSTM or GRU keeps going.
 *
 * <p>A sentence is {@code the SUBJECT <reach words> VERB .}, one per line. The inserted words:
 * <ul>
 *   <li>reach 0: nothing; 1: an adverb ("often"); 2: a short phrase ("near them"); 3: a
 *       prepositional phrase ("near the rivers");</li>
 *   <li>reach 4 or more: a relative clause "that the NOUN ... VERB" whose own verb agrees with its
 *       own noun, padded to length with prepositional phrases after its noun (three words each),
 *       then a short phrase or an adverb for a remainder of two or one.</li>
 * </ul>
 * Every noun and verb is regular: plural nouns and singular verbs end in "s", and nothing else
 * in those positions does, which keeps the corpus checkable.
 */
public final class AgreementCorpus {

    /** Longest insertion allowed. */
    public static final int MAX_REACH = 60;

    private static final String[] SUBJECTS = {"dog", "cat", "bird", "horse", "farmer", "teacher", "pilot", "doctor",
        "girl", "boy", "king", "friend"};
    private static final String[] PLACES = {"river", "house", "table", "garden", "window", "tree", "car", "bridge"};
    private static final String[] PREPOSITIONS = {"near", "behind", "beside", "under", "with"};
    private static final String[] PRONOUNS = {"it", "them", "him", "her"};
    private static final String[] ADVERBS = {"often", "never", "rarely", "quietly", "gladly"};
    /** Singular forms; the plural drops the final "s" (or "es" after ch). */
    private static final String[] INTRANSITIVE = {"runs", "sleeps", "sings", "waits", "smiles", "laughs", "falls",
        "swims"};
    private static final String[] TRANSITIVE = {"chases", "sees", "likes", "follows", "helps", "knows", "loves",
        "watches"};

    private AgreementCorpus() {
    }

    /** {@code nSentences} sentences (without line breaks), the same for the same seed and reach. */
    public static List<String> generate(int nSentences, long seed, int reach) {
        if (nSentences < 0) {
            throw new IllegalArgumentException("the number of sentences must not be negative, got " + nSentences);
        }
        requireReach(reach);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> sentences = new ArrayList<>(nSentences);
        for (int i = 0; i < nSentences; i++) {
            sentences.add(sentence(random, reach));
        }
        return sentences;
    }

    /** Whole sentences, one per line, until the text has at least {@code minChars} characters. */
    public static String text(int minChars, long seed, int reach) {
        requireReach(reach);
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(minChars + 200);
        while (text.length() < minChars) {
            text.append(sentence(random, reach)).append('\n');
        }
        return text.toString();
    }

    private static String sentence(SplittableRandom random, int reach) {
        boolean plural = random.nextBoolean();
        List<String> words = new ArrayList<>(reach + 4);
        words.add("the");
        words.add(noun(pick(random, SUBJECTS), plural));
        if (reach >= 4) {
            relativeClause(random, reach, words);
        } else {
            padding(random, reach, words);
        }
        words.add(verb(pick(random, INTRANSITIVE), plural));
        words.add(".");
        return String.join(" ", words);
    }

    /** "that the NOUN <padding> VERB", exactly {@code reach} words, the verb agreeing with NOUN. */
    private static void relativeClause(SplittableRandom random, int reach, List<String> words) {
        boolean plural = random.nextBoolean();
        words.add("that");
        words.add("the");
        words.add(noun(pick(random, SUBJECTS), plural));
        padding(random, reach - 4, words);
        words.add(verb(pick(random, TRANSITIVE), plural));
    }

    /** Exactly {@code length} words of phrases that carry no subject of their own. */
    private static void padding(SplittableRandom random, int length, List<String> words) {
        for (int i = 0; i < length / 3; i++) {
            words.add(pick(random, PREPOSITIONS));
            words.add("the");
            words.add(noun(pick(random, PLACES), random.nextBoolean()));
        }
        if (length % 3 == 2) {
            words.add(pick(random, PREPOSITIONS));
            words.add(pick(random, PRONOUNS));
        } else if (length % 3 == 1) {
            words.add(pick(random, ADVERBS));
        }
    }

    private static String noun(String singular, boolean plural) {
        return plural ? singular + "s" : singular;
    }

    private static String verb(String singular, boolean plural) {
        if (!plural) {
            return singular;
        }
        return singular.endsWith("ches") ? singular.substring(0, singular.length() - 2)
                : singular.substring(0, singular.length() - 1);
    }

    private static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static void requireReach(int reach) {
        if (reach < 0 || reach > MAX_REACH) {
            throw new IllegalArgumentException("the reach must be in 0.." + MAX_REACH + " words, got " + reach);
        }
    }
}
