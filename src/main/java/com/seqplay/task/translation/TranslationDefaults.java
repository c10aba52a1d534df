package com.seqplay.task.translation;

import com.seqplay.dataset.SentencePair;
import com.seqplay.metrics.Bleu;
import com.seqplay.spec.TokenKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token kind, vocabulary, batch, hidden size and training budget that fit a file of sentence
 * pairs, each with its reason. Values the person gave are kept.
 *
 * <ul>
 *   <li>Tokens: words when sentences are long (a mean target of at least {@value #WORD_MIN_CHARS}
 *       characters: the decoder would otherwise spell every word, and a recurrent model pays for
 *       every step) and the data repeats its words enough to learn them (at least
 *       {@value #WORD_MIN_COVERAGE} of the target tokens are words seen twice or more; a word seen
 *       once becomes "unknown" in any held-out sentence). Otherwise characters, which have no
 *       unknown words and suit short strings such as dates, codes or numbers.</li>
 *   <li>Vocabulary: for words, every word seen at least twice on the larger side, rounded up to
 *       a hundred (between {@value #MIN_VOCABULARY} and {@value #MAX_VOCABULARY}); the rest are unknown.</li>
 *   <li>Batch: 64, smaller when that would give fewer than {@value #MIN_UPDATES_PER_EPOCH} updates an epoch.</li>
 *   <li>Hidden size: 128 below {@value #LARGE_DATA} training pairs, 256 from there.</li>
 *   <li>Budget: epochs for about {@value #TARGET_UPDATES} updates (between {@value #MIN_EPOCHS}
 *       and {@value #MAX_EPOCHS}), with early stopping after {@value #PATIENCE} epochs without a
 *       lower validation loss, so a larger file trains for more updates than a fixed epoch count.</li>
 * </ul>
 */
public final class TranslationDefaults {
    static final int WORD_MIN_CHARS = 30;
    static final double WORD_MIN_COVERAGE = 0.9;
    static final int MIN_VOCABULARY = 100;
    static final int MAX_VOCABULARY = 20_000;
    static final int MAX_BATCH = 64;
    static final int MIN_UPDATES_PER_EPOCH = 20;
    static final int LARGE_DATA = 20_000;
    static final int TARGET_UPDATES = 2_000;
    static final int MIN_EPOCHS = 3;
    static final int MAX_EPOCHS = 60;
    static final int PATIENCE = 3;

    /** Values a person gave (null: propose one). */
    public record Given(TokenKind tokens, Integer maxVocabulary, Integer batchSize, Integer hiddenSize, Integer epochs,
            Integer patience) {
        public static final Given NOTHING = new Given(null, null, null, null, null, null);
    }

    /** The proposal; {@code reasons} are keyed by specification field, for the fields proposed here. */
    public record Values(TokenKind tokens, int maxVocabulary, int batchSize, int hiddenSize, int epochs, int patience,
            Map<String, String> reasons) {}

    private TranslationDefaults() {}

    public static Values propose(List<SentencePair> pairs, Given given) {
        Map<String, String> reasons = new LinkedHashMap<>();
        long training = TranslationTask.trainingPairs(pairs.size());
        Stats stats = Stats.of(pairs);

        TokenKind tokens = given.tokens();
        if (tokens == null) {
            boolean longSentences = stats.meanTargetChars() >= WORD_MIN_CHARS;
            boolean repeated = stats.repeatedWordShare() >= WORD_MIN_COVERAGE;
            tokens = longSentences && repeated ? TokenKind.WORD : TokenKind.CHAR;
            reasons.put("tokens", tokens.id() + ": " + tokenReason(tokens, stats, longSentences));
        }
        int vocabulary;
        if (given.maxVocabulary() != null) {
            vocabulary = given.maxVocabulary();
        } else if (tokens == TokenKind.WORD) {
            int seenTwice = Math.max(stats.sourceWordsSeenTwice(), stats.targetWordsSeenTwice());
            vocabulary = Math.max(MIN_VOCABULARY, Math.min(MAX_VOCABULARY, (seenTwice + 99) / 100 * 100));
            reasons.put("maxVocabulary", String.format(Locale.ROOT, "%,d: the words seen at least twice (%,d on the "
                    + "larger side); rarer ones become unknown", vocabulary, seenTwice));
        } else {
            vocabulary = 5_000; // characters: the limit is never reached by real text
        }

        int batch;
        if (given.batchSize() != null) {
            batch = given.batchSize();
        } else {
            batch = MAX_BATCH;
            while (batch > 8 && training / batch < MIN_UPDATES_PER_EPOCH) {
                batch /= 2;
            }
            reasons.put("batchSize", batch == MAX_BATCH ? batch + ": the usual size; " + training / batch
                    + " updates an epoch" : batch + ": " + String.format(Locale.ROOT, "%,d", training)
                    + " training pairs give " + Math.max(1, training / batch) + " updates an epoch at this size");
        }

        int hidden;
        if (given.hiddenSize() != null) {
            hidden = given.hiddenSize();
        } else {
            hidden = training >= LARGE_DATA ? 256 : 128;
            reasons.put("hiddenSize", hidden + (hidden == 256 ? ": a large corpus (" : ": enough for ")
                    + String.format(Locale.ROOT, "%,d", training) + " training pairs" + (hidden == 256 ? ") can feed more units" : ""));
        }

        long perEpoch = Math.max(1, (training + batch - 1) / batch);
        int epochs;
        if (given.epochs() != null) {
            epochs = given.epochs();
        } else {
            epochs = (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, (TARGET_UPDATES + perEpoch - 1) / perEpoch));
            reasons.put("epochs", epochs + ": about " + String.format(Locale.ROOT, "%,d", epochs * perEpoch)
                    + " updates (" + perEpoch + " an epoch), stopping early when the validation loss stops falling");
        }
        int patience;
        if (given.patience() != null) {
            patience = given.patience();
        } else {
            patience = PATIENCE;
            reasons.put("patience", PATIENCE + ": stop after " + PATIENCE + " epochs without a lower validation loss");
        }
        return new Values(tokens, vocabulary, batch, hidden, epochs, patience, reasons);
    }

    private static String tokenReason(TokenKind chosen, Stats s, boolean longSentences) {
        String lengths = String.format(Locale.ROOT, "target sentences average %.0f characters (%.1f words)",
                s.meanTargetChars(), s.meanTargetWords());
        String coverage = String.format(Locale.ROOT, "%.0f%% of target words are seen twice or more",
                100 * s.repeatedWordShare());
        if (chosen == TokenKind.WORD) {
            return lengths + " and " + coverage;
        }
        return longSentences ? "only " + coverage + ", too few to learn as words" : lengths + ", short enough to spell";
    }

    /** What the choice reads from the pairs. */
    record Stats(double meanTargetChars, double meanTargetWords, double repeatedWordShare, int sourceWordsSeenTwice,
            int targetWordsSeenTwice) {
        static Stats of(List<SentencePair> pairs) {
            Map<String, Integer> source = new HashMap<>();
            Map<String, Integer> target = new HashMap<>();
            long chars = 0;
            long targetTokens = 0;
            for (SentencePair p : pairs) {
                chars += p.target().codePointCount(0, p.target().length());
                for (String w : Bleu.tokenize(p.source())) {
                    source.merge(w, 1, Integer::sum);
                }
                List<String> words = Bleu.tokenize(p.target());
                targetTokens += words.size();
                for (String w : words) {
                    target.merge(w, 1, Integer::sum);
                }
            }
            long repeated = target.values().stream().filter(c -> c >= 2).mapToLong(Integer::longValue).sum();
            int n = Math.max(1, pairs.size());
            return new Stats((double) chars / n, (double) targetTokens / n,
                    targetTokens == 0 ? 0 : (double) repeated / targetTokens, seenTwice(source), seenTwice(target));
        }

        private static int seenTwice(Map<String, Integer> counts) {
            return (int) counts.values().stream().filter(c -> c >= 2).count();
        }
    }
}
