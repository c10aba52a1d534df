package com.seqplay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LanguageModelMetricsTest {

    private static final double EPS = 1e-12;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void one_nat_per_character_is_one_over_ln_two_bits() {
        assertThat(LanguageModelMetrics.bitsPerCharacter(Math.log(2))).isCloseTo(1.0, within(EPS));
        assertThat(LanguageModelMetrics.bitsPerCharacter(1.0)).isCloseTo(1.4426950408889634, within(EPS));
    }

    @Test
    void perplexity_is_the_exponential_of_the_mean_nats() {
        assertThat(LanguageModelMetrics.perplexity(Math.log(5))).isCloseTo(5.0, within(EPS));
        assertThat(LanguageModelMetrics.perplexity(0)).isEqualTo(1.0);
    }

    @Test
    void uniform_bpc_is_log2_of_the_vocabulary_size() {
        assertThat(LanguageModelMetrics.uniformBpc(256)).isCloseTo(8.0, within(EPS));
        assertThat(LanguageModelMetrics.uniformBpc(1)).isZero();
        assertThatThrownBy(() -> LanguageModelMetrics.uniformBpc(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unigram_bpc_uses_add_one_smoothing_worked_by_hand() {
        // training "aab": N = 3, vocabulary {a, b}: V = 2
        // P(a) = (2+1)/(3+2) = 3/5, P(b) = (1+1)/(3+2) = 2/5
        // held-out "ab": bits = (-log2 3/5 - log2 2/5)/2 = 1.0294468445267841
        double expected = (-log2(0.6) - log2(0.4)) / 2;
        assertThat(LanguageModelMetrics.unigramBpc("aab", "ab")).isCloseTo(expected, within(EPS));
        assertThat(expected).isCloseTo(1.0294468445267841, within(1e-12));
    }

    @Test
    void unigram_bpc_gives_unseen_characters_a_finite_cost() {
        // training "aab", held-out "c": vocabulary {a, b, c}, P(c) = (0+1)/(3+3) -> log2 6 bits
        double bpc = LanguageModelMetrics.unigramBpc("aab", "c");
        assertThat(bpc).isCloseTo(log2(6), within(EPS));
    }

    @Test
    void unigram_bpc_counts_code_points_not_utf16_units() {
        // "😀" is one character (two UTF-16 units): training "😀😀a", held-out "😀"
        // N = 3, V = 2, P(😀) = 3/5
        assertThat(LanguageModelMetrics.unigramBpc("😀😀a", "😀")).isCloseTo(-log2(0.6), within(EPS));
    }

    @Test
    void unigram_bpc_over_token_ids_matches_the_text_version() {
        // tokens: a = 0, b = 1, vocabulary of 2, same numbers as the worked example
        assertThat(LanguageModelMetrics.unigramBpc(new int[] {0, 0, 1}, new int[] {0, 1}, 2))
                .isCloseTo(LanguageModelMetrics.unigramBpc("aab", "ab"), within(EPS));
    }

    @Test
    void a_unigram_model_never_does_worse_than_uniform_on_its_own_training_text_by_much() {
        String text = "the cat sat on the mat and the dog sat on the log";
        double unigram = LanguageModelMetrics.unigramBpc(text, text);
        double uniform = LanguageModelMetrics.uniformBpc((int) text.chars().distinct().count());
        assertThat(unigram).isLessThan(uniform);
    }

    @Test
    void unigram_bpc_refuses_empty_held_out_text_and_tokens_outside_the_vocabulary() {
        assertThatThrownBy(() -> LanguageModelMetrics.unigramBpc("abc", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LanguageModelMetrics.unigramBpc(new int[] {0, 3}, new int[] {0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token 3");
    }
}
