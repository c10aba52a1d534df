package com.seqplay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {

    private static final double EPS = 1e-12;

    private static List<String> t(String s) {
        return Bleu.tokenize(s);
    }

    @Test
    void a_candidate_identical_to_its_reference_scores_one() {
        List<String> sentence = t("the quick brown fox jumped over the lazy dog");
        assertThat(Bleu.sentence(sentence, sentence)).isCloseTo(1.0, within(EPS));
        assertThat(Bleu.corpusPercent(List.of(sentence), List.of(sentence))).isCloseTo(100.0, within(1e-10));
    }

    @Test
    void one_substituted_word_matches_the_hand_computed_value() {
        // Reference: the quick brown fox jumped over the lazy dog (9 tokens)
        // Candidate: the FAST brown fox jumped over the lazy dog (9 tokens), so c = r and BP = 1.
        // p1 = 8/9 (only "fast" misses)
        // p2 = 6/8 ("the fast", "fast brown" miss)
        // p3 = 5/7 ("the fast brown", "fast brown fox" miss)
        // p4 = 4/6 ("the fast brown fox", "fast brown fox jumped" miss)
        // BLEU = (8*6*5*4 / (9*8*7*6))^(1/4) = (20/63)^(1/4) = 0.7506238537503395
        // The same sentence pair is the example of the machinelearningmastery.com tutorial
        // "A Gentle Introduction to Calculating the BLEU Score for Text in Python", which reports
        // NLTK's sentence_bleu printing 0.7506238537503395; the value here is derived by hand.
        double bleu = Bleu.sentence(t("the fast brown fox jumped over the lazy dog"),
                t("the quick brown fox jumped over the lazy dog"));
        assertThat(bleu).isCloseTo(Math.pow(20.0 / 63.0, 0.25), within(EPS));
        assertThat(bleu).isCloseTo(0.7506238537503395, within(1e-12));
    }

    @Test
    void a_worked_two_sentence_corpus_sums_clipped_counts_before_dividing() {
        // Sentence 1: candidate "the cat sat on the mat" (6), reference "the cat is on the mat" (6)
        //   1-grams: the x2, cat, on, mat match; sat misses            -> 5 of 6
        //   2-grams: the cat, on the, the mat match (of 5)              -> 3 of 5
        //   3-grams: on the mat matches (of 4)                          -> 1 of 4
        //   4-grams: none of 3 match                                    -> 0 of 3
        // Sentence 2: candidate "there is a cat on the mat" (7),
        //             reference "there is a cat sitting on the mat today" (9)
        //   1-grams: all 7 match                                        -> 7 of 7
        //   2-grams: there is, is a, a cat, on the, the mat (cat on misses) -> 5 of 6
        //   3-grams: there is a, is a cat, on the mat (of 5)            -> 3 of 5
        //   4-grams: there is a cat (of 4)                              -> 1 of 4
        // Corpus: p1 = 12/13, p2 = 8/11, p3 = 4/9, p4 = 1/7; c = 13, r = 15, BP = exp(1 - 15/13)
        // BLEU = exp(-2/13) * (384/9009)^(1/4) = 0.38958221608211263
        List<List<String>> candidates = List.of(t("the cat sat on the mat"), t("there is a cat on the mat"));
        List<List<String>> references = List.of(t("the cat is on the mat"),
                t("there is a cat sitting on the mat today"));

        Bleu.Result result = Bleu.corpusDetailed(candidates, references);

        assertThat(result.precisions()).containsExactly(new double[] {12.0 / 13, 8.0 / 11, 4.0 / 9, 1.0 / 7},
                within(EPS));
        assertThat(result.candidateLength()).isEqualTo(13);
        assertThat(result.referenceLength()).isEqualTo(15);
        assertThat(result.brevityPenalty()).isCloseTo(Math.exp(-2.0 / 13), within(EPS));
        assertThat(result.score()).isCloseTo(0.38958221608211263, within(1e-12));
    }

    @Test
    void corpus_bleu_is_not_the_average_of_sentence_bleu() {
        // Sentence 1 alone has no 4-gram match, so its own BLEU is 0, yet the corpus score is not.
        assertThat(Bleu.sentence(t("the cat sat on the mat"), t("the cat is on the mat"))).isZero();
        // Sentence 2 alone: (1 * 5/6 * 3/5 * 1/4)^(1/4) * exp(1 - 9/7) = (1/8)^(1/4) * exp(-2/7)
        //                 = 0.44683107184405757
        assertThat(Bleu.sentence(t("there is a cat on the mat"), t("there is a cat sitting on the mat today")))
                .isCloseTo(0.44683107184405757, within(1e-12));
    }

    @Test
    void repeated_words_are_clipped_to_their_count_in_the_reference() {
        // Papineni et al.'s own example: 7 x "the" against a reference with two "the" -> p1 = 2/7.
        Bleu.Result result = Bleu.corpusDetailed(List.of(t("the the the the the the the")),
                List.of(t("the cat is on the mat")));
        assertThat(result.precisions()[0]).isCloseTo(2.0 / 7, within(EPS));
        assertThat(result.score()).isZero(); // "the the" never occurs in the reference
    }

    @Test
    void a_short_candidate_with_perfect_precision_pays_the_brevity_penalty() {
        // Candidate: the first 7 of the 9 reference tokens; every n-gram matches (the x2 is allowed
        // because the reference has "the" twice), so BLEU = BP = exp(1 - 9/7) = 0.751477293075286.
        double bleu = Bleu.sentence(t("the quick brown fox jumped over the"),
                t("the quick brown fox jumped over the lazy dog"));
        assertThat(bleu).isCloseTo(Math.exp(1 - 9.0 / 7), within(EPS));
        assertThat(bleu).isCloseTo(0.751477293075286, within(1e-12));
    }

    @Test
    void a_candidate_longer_than_its_reference_has_no_brevity_penalty() {
        // 11 tokens: the reference plus "from space". p1 = 9/11, p2 = 8/10, p3 = 7/9, p4 = 6/8,
        // BP = 1 (c > r). BLEU = (9*8*7*6 / (11*10*9*8))^(1/4) = (42/110)^(1/4) = 0.7860753021519787
        Bleu.Result result = Bleu.corpusDetailed(List.of(t("the quick brown fox jumped over the lazy dog from space")),
                List.of(t("the quick brown fox jumped over the lazy dog")));
        assertThat(result.brevityPenalty()).isEqualTo(1.0);
        assertThat(result.score()).isCloseTo(0.7860753021519787, within(1e-12));
    }

    @Test
    void the_brevity_penalty_is_computed_over_the_corpus_not_per_sentence() {
        // An empty candidate next to a perfect one: every n-gram that exists matches (p_n = 1),
        // c = 9 + 0, r = 9 + 3, BP = exp(1 - 12/9) = exp(-1/3) = 0.7165313105737893.
        List<String> perfect = t("the quick brown fox jumped over the lazy dog");
        double bleu = Bleu.corpus(List.of(perfect, List.of()), List.of(perfect, t("a b c")));
        assertThat(bleu).isCloseTo(Math.exp(-1.0 / 3), within(EPS));
    }

    @Test
    void no_matching_words_give_zero_and_not_nan() {
        double bleu = Bleu.sentence(t("a b c d e"), t("v w x y z"));
        assertThat(bleu).isZero();
        assertThat(Double.isNaN(bleu)).isFalse();
    }

    @Test
    void empty_candidates_score_zero() {
        assertThat(Bleu.sentence(List.of(), t("the cat"))).isZero();
        assertThat(Bleu.corpus(List.of(List.of(), List.of()), List.of(t("a b c d"), t("e f g h")))).isZero();
        Bleu.Result result = Bleu.corpusDetailed(List.of(List.of()), List.of(t("a b")));
        assertThat(result.brevityPenalty()).isZero();
        assertThat(result.precisions()).containsOnly(0.0);
    }

    @Test
    void candidates_shorter_than_four_tokens_score_zero_without_smoothing() {
        // No 4-grams exist, so p4 = 0/0 is taken as 0 and the unsmoothed geometric mean is 0.
        assertThat(Bleu.sentence(t("a b c"), t("a b c"))).isZero();
    }

    @Test
    void an_empty_reference_with_a_nonempty_candidate_scores_zero() {
        assertThat(Bleu.sentence(t("a b c d"), List.of())).isZero();
    }

    @Test
    void mismatched_or_empty_corpora_are_refused() {
        assertThatThrownBy(() -> Bleu.corpus(List.of(t("a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 candidates and 0 references");
        assertThatThrownBy(() -> Bleu.corpus(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenize_splits_on_any_whitespace_and_ignores_the_ends() {
        assertThat(Bleu.tokenize("  a\tb  c\n")).containsExactly("a", "b", "c");
        assertThat(Bleu.tokenize("   ")).isEmpty();
    }

    @Test
    void the_result_record_does_not_expose_its_array() {
        Bleu.Result result = Bleu.corpusDetailed(List.of(t("a b c d")), List.of(t("a b c d")));
        result.precisions()[0] = 42;
        assertThat(result.precisions()[0]).isEqualTo(1.0);
    }
}
