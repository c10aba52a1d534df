package com.seqplay.task.translation;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.dataset.SentencePair;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TokenKind;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults proposed from uploaded sentence pairs: the token kind the data suits, and a budget that grows with it. */
class TranslationDefaultsTest {
    private static final String[] SUBJECTS = {"the cat", "my brother", "the old teacher", "a young doctor", "our neighbour",
        "the little girl", "his friend", "the farmer"};
    private static final String[] VERBS = {"reads", "sees", "likes", "buys", "finds", "paints", "sells", "watches"};
    private static final String[] OBJECTS = {"a red book", "the big house", "an old car", "the blue boat", "a small garden",
        "the new bicycle", "a green apple", "the long letter"};

    @Test
    void long_sentences_with_repeated_words_get_word_tokens_and_a_vocabulary_of_the_repeated_words() {
        var values = TranslationDefaults.propose(sentences(3_000, 1), TranslationDefaults.Given.NOTHING);

        assertThat(values.tokens()).isEqualTo(TokenKind.WORD);
        assertThat(values.reasons().get("tokens")).startsWith("word: target sentences average")
                .contains("100% of target words are seen twice or more");
        assertThat(values.maxVocabulary()).isEqualTo(TranslationDefaults.MIN_VOCABULARY);
        assertThat(values.reasons()).containsKeys("maxVocabulary", "batchSize", "hiddenSize", "epochs", "patience");
    }

    @Test
    void short_strings_such_as_dates_are_spelt_in_characters() {
        List<SentencePair> dates = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            int d = 1 + r.nextInt(28);
            int m = 1 + r.nextInt(12);
            int y = 1950 + r.nextInt(80);
            dates.add(new SentencePair(d + "/" + m + "/" + y, "%04d-%02d-%02d".formatted(y, m, d)));
        }
        var values = TranslationDefaults.propose(dates, TranslationDefaults.Given.NOTHING);

        assertThat(values.tokens()).isEqualTo(TokenKind.CHAR);
        assertThat(values.reasons().get("tokens")).isEqualTo(
                "char: target sentences average 10 characters (1.0 words), short enough to spell");
        assertThat(values.reasons()).doesNotContainKey("maxVocabulary");
    }

    @Test
    void long_sentences_of_words_seen_once_stay_in_characters() {
        Random r = new Random(5);
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pairs.add(new SentencePair(randomWords(r, 6), randomWords(r, 6)));
        }
        var values = TranslationDefaults.propose(pairs, TranslationDefaults.Given.NOTHING);

        assertThat(values.tokens()).isEqualTo(TokenKind.CHAR);
        assertThat(values.reasons().get("tokens")).startsWith("char: only ").endsWith("too few to learn as words");
    }

    @Test
    void the_budget_is_counted_in_updates_so_a_larger_file_trains_longer_per_run_but_fewer_epochs() {
        var small = TranslationDefaults.propose(sentences(500, 2), TranslationDefaults.Given.NOTHING);
        var large = TranslationDefaults.propose(sentences(40_000, 2), TranslationDefaults.Given.NOTHING);

        assertThat(small.batchSize()).isLessThan(64);
        long smallUpdates = small.epochs() * ((TranslationTask.trainingPairs(500) + small.batchSize() - 1) / small.batchSize());
        long largeUpdates = large.epochs() * ((TranslationTask.trainingPairs(40_000) + 63) / 64);
        assertThat(large.batchSize()).isEqualTo(64);
        assertThat(large.hiddenSize()).isEqualTo(256);
        assertThat(small.hiddenSize()).isEqualTo(128);
        assertThat(large.epochs()).isLessThan(small.epochs());
        assertThat(small.epochs()).as("a small file reaches the epoch cap before the update target")
                .isEqualTo(TranslationDefaults.MAX_EPOCHS);
        assertThat(smallUpdates).isLessThan(TranslationDefaults.TARGET_UPDATES);
        assertThat(largeUpdates).isBetween(2_000L, 2_700L).isGreaterThan(smallUpdates);
        assertThat(small.patience()).isEqualTo(3);
    }

    @Test
    void values_the_person_gave_are_kept_and_not_explained() {
        var given = new TranslationDefaults.Given(TokenKind.CHAR, 300, 16, 64, 4, 0);
        var values = TranslationDefaults.propose(sentences(3_000, 1), given);

        assertThat(values).extracting(v -> v.tokens(), v -> v.maxVocabulary(), v -> v.batchSize(), v -> v.hiddenSize(),
                v -> v.epochs(), v -> v.patience()).containsExactly(TokenKind.CHAR, 300, 16, 64, 4, 0);
        assertThat(values.reasons()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 100, 1_000, 10_000, 100_000})
    void a_proposal_for_an_upload_of_any_size_is_accepted(int pairs) {
        StringBuilder file = new StringBuilder();
        for (SentencePair p : sentences(pairs, 7)) {
            file.append(p.source()).append('\t').append(p.target()).append('\n');
        }
        byte[] content = file.toString().getBytes(StandardCharsets.UTF_8);
        UploadedData.Lookup uploads = ref -> ref.equals("upload:1") ? Optional.of(new UploadedData("pairs.tsv", content))
                : Optional.empty();

        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"upload:1"}"""), uploads);

        assertThat(spec.translation().tokens()).isEqualTo(TokenKind.WORD);
        assertThat(spec.batchSize()).isLessThanOrEqualTo((int) TranslationTask.trainingPairs(pairs));
        assertThat(spec.patience()).isEqualTo(3);
    }

    @Test
    void the_built_in_datasets_keep_their_tuned_defaults() {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:dates"}"""));
        assertThat(spec.epochs()).isEqualTo(6);
        assertThat(spec.translation().tokens()).isEqualTo(TokenKind.CHAR);
    }

    /** English-like pairs from a small grammar; the "translation" reverses the word order. */
    private static List<SentencePair> sentences(int n, long seed) {
        Random r = new Random(seed);
        List<SentencePair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + VERBS[r.nextInt(VERBS.length)] + " "
                    + OBJECTS[r.nextInt(OBJECTS.length)];
            List<String> words = new ArrayList<>(List.of(s.split(" ")));
            java.util.Collections.reverse(words);
            out.add(new SentencePair(s, String.join(" ", words) + " today"));
        }
        return out;
    }

    private static String randomWords(Random r, int count) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < count; w++) {
            if (w > 0) {
                b.append(' ');
            }
            for (int c = 0; c < 7; c++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
        }
        return b.toString();
    }
}
