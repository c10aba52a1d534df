package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.dataset.SentencePair;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private static final List<String> SENTENCES = List.of(
            "the cat sat on the mat", "the dog sat on the log", "a cat and a dog", "the aardvark sat");

    private static Vocabulary words(int max) {
        return Vocabulary.build(SENTENCES.stream().map(Tokenization.WORD::split).toList(), max);
    }

    @Test
    void word_tokens_with_a_vocabulary_limit_turn_rare_words_into_unk() {
        Vocabulary v = words(4); // the (5), sat (3), a (2), cat (2) ... ties in token order
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<s>", "</s>", "the", "sat", "a", "cat");
        int[] ids = v.encode(Tokenization.WORD.split("the aardvark sat on a zebra"));
        assertThat(ids).containsExactly(v.id("the"), Vocabulary.UNK_ID, v.id("sat"), Vocabulary.UNK_ID, v.id("a"),
                Vocabulary.UNK_ID);
        assertThat(v.decode(ids)).containsExactly("the", "<unk>", "sat", "<unk>", "a", "<unk>");
    }

    @Test
    void without_a_binding_limit_every_training_word_is_known() {
        Vocabulary v = words(1000);
        assertThat(v.size()).isEqualTo(4 + 10);
        assertThat(v.encode(Tokenization.WORD.split("the aardvark and the log")))
                .doesNotContain(Vocabulary.UNK_ID);
    }

    @Test
    void text_that_spells_a_special_token_is_unknown_not_special() {
        Vocabulary v = Vocabulary.build(List.of(List.of("<s>", "x", "</s>")), 10);
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<s>", "</s>", "x");
        assertThat(v.encode(List.of("<s>", "x", "</s>", "<pad>")))
                .containsExactly(Vocabulary.UNK_ID, 4, Vocabulary.UNK_ID, Vocabulary.UNK_ID);
    }

    @Test
    void a_saved_vocabulary_reads_back_with_the_same_ids() {
        Vocabulary v = words(6);
        Vocabulary back = Vocabulary.of(v.tokens());
        for (String w : List.of("the", "cat", "zebra", "mat")) {
            assertThat(back.id(w)).isEqualTo(v.id(w));
        }
        assertThatThrownBy(() -> Vocabulary.of(List.of("a", "b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void char_tokens_are_code_points_spaces_included_and_word_tokens_normalise_spaces() {
        assertThat(Tokenization.CHAR.split("a b😀")).containsExactly("a", " ", "b", "😀");
        assertThat(Tokenization.CHAR.join(Tokenization.CHAR.split("3 March  2021"))).isEqualTo("3 March  2021");
        assertThat(Tokenization.WORD.split("  two   hundred ")).containsExactly("two", "hundred");
        assertThat(Tokenization.WORD.normalize("  two   hundred ")).isEqualTo("two hundred");
    }

    @Test
    void the_split_is_80_10_10_seeded_and_disjoint() {
        List<SentencePair> pairs = IntStream.range(0, 1000).mapToObj(i -> new SentencePair("s" + i, "t" + i)).toList();
        DataSplit a = DataSplit.of(pairs, 7);
        DataSplit b = DataSplit.of(pairs, 7);
        assertThat(a.train()).hasSize(800).isEqualTo(b.train());
        assertThat(a.validation()).hasSize(100).doesNotContainAnyElementsOf(a.train());
        assertThat(a.test()).hasSize(100).doesNotContainAnyElementsOf(a.train())
                .doesNotContainAnyElementsOf(a.validation());
        assertThat(DataSplit.of(pairs, 8).validation()).isNotEqualTo(a.validation());
        assertThat(DataSplit.of(pairs.subList(0, 3), 1).train()).hasSize(1);
        assertThatThrownBy(() -> DataSplit.of(pairs.subList(0, 2), 1)).hasMessageContaining("at least 3");
    }
}
