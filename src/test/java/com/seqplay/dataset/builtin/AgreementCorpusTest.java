package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AgreementCorpusTest {

    /** The corpus's one morphological rule: plural nouns and singular verbs end in "s". */
    private static boolean endsInS(String word) {
        return word.endsWith("s");
    }

    @Test
    void the_same_seed_gives_the_same_sentences() {
        assertThat(AgreementCorpus.generate(100, 4, 6)).isEqualTo(AgreementCorpus.generate(100, 4, 6))
                .isNotEqualTo(AgreementCorpus.generate(100, 5, 6));
        assertThat(AgreementCorpus.text(2000, 4, 6)).isEqualTo(AgreementCorpus.text(2000, 4, 6));
    }

    @Test
    void a_sentence_with_a_relative_clause_reads_as_designed() {
        String sentence = AgreementCorpus.generate(1, 0, 7).get(0);
        // the SUBJECT that the NOUN PREP the PLACE VERB VERB .
        assertThat(sentence).matches("the \\w+ that the \\w+ \\w+ the \\w+ \\w+ \\w+ \\.");
    }

    @ParameterizedTest(name = "reach {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 10, 20, 33})
    void the_main_verb_agrees_with_a_subject_exactly_reach_words_back(int reach) {
        for (String sentence : AgreementCorpus.generate(300, reach, reach)) {
            String[] words = sentence.split(" ");
            assertThat(words[0]).isEqualTo("the");
            assertThat(words[words.length - 1]).isEqualTo(".");
            String subject = words[1];
            String verb = words[words.length - 2];
            assertThat(words.length - 4).as(sentence).isEqualTo(reach);
            // plural subject (ends in s) takes the plural verb (no s), and the other way round
            assertThat(endsInS(subject)).as(sentence).isNotEqualTo(endsInS(verb));
        }
    }

    @ParameterizedTest(name = "reach {0}")
    @ValueSource(ints = {4, 5, 6, 9, 15})
    void the_relative_clause_verb_agrees_with_its_own_noun(int reach) {
        for (String sentence : AgreementCorpus.generate(300, 1, reach)) {
            String[] words = sentence.split(" ");
            assertThat(words[2]).isEqualTo("that");
            assertThat(words[3]).isEqualTo("the");
            String clauseNoun = words[4];
            String clauseVerb = words[words.length - 3];
            assertThat(endsInS(clauseNoun)).as(sentence).isNotEqualTo(endsInS(clauseVerb));
        }
    }

    @Test
    void attractors_of_the_other_number_occur_so_copying_the_nearest_noun_fails() {
        List<String> sentences = AgreementCorpus.generate(500, 2, 4);
        long mismatched = sentences.stream().map(s -> s.split(" "))
                .filter(w -> endsInS(w[1]) != endsInS(w[4])).count();
        assertThat(mismatched).isBetween(150L, 350L); // about half
        long pluralSubjects = sentences.stream().filter(s -> endsInS(s.split(" ")[1])).count();
        assertThat(pluralSubjects).isBetween(200L, 300L);
    }

    @Test
    void the_text_form_has_whole_sentences_one_per_line() {
        String text = AgreementCorpus.text(5000, 3, 5);
        assertThat(text.length()).isGreaterThanOrEqualTo(5000);
        assertThat(text).endsWith(" .\n");
        for (String line : text.split("\n")) {
            assertThat(line).startsWith("the ").endsWith(" .");
        }
    }

    @Test
    void a_reach_out_of_range_is_refused() {
        assertThatThrownBy(() -> AgreementCorpus.generate(1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgreementCorpus.text(10, 0, AgreementCorpus.MAX_REACH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
