package com.seqplay.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextFileParserTest {

    private final TextFileParser parser = new TextFileParser();

    private TextCorpus parse(String text) {
        return parser.parse("corpus.txt", text.getBytes(UTF_8));
    }

    @Test
    void reads_text_and_builds_a_sorted_character_vocabulary() {
        TextCorpus corpus = parse("abba cab\n");
        assertThat(corpus.text()).isEqualTo("abba cab\n");
        assertThat(corpus.length()).isEqualTo(9);
        assertThat(corpus.vocabulary().symbols()).containsExactly("\n", " ", "a", "b", "c");
    }

    @Test
    void a_byte_order_mark_is_stripped_and_crlf_becomes_lf() {
        TextCorpus corpus = parse("\uFEFFone\r\ntwo\rthree\n");
        assertThat(corpus.text()).isEqualTo("one\ntwo\nthree\n");
        assertThat(corpus.vocabulary().contains('\r')).isFalse();
        assertThat(corpus.vocabulary().contains('\uFEFF')).isFalse();
    }

    @Test
    void characters_are_code_points_so_an_emoji_is_one_symbol() {
        TextCorpus corpus = parse("a😀a");
        assertThat(corpus.length()).isEqualTo(3);
        assertThat(corpus.vocabulary().size()).isEqualTo(2);
        assertThat(corpus.vocabulary().decode(corpus.vocabulary().encode("😀a"))).isEqualTo("😀a");
    }

    @Test
    void the_vocabulary_encodes_and_decodes_and_refuses_unknown_characters() {
        CharVocabulary vocabulary = parse("hello").vocabulary();
        assertThat(vocabulary.encode("hole")).containsExactly(1, 3, 2, 0); // e=0 h=1 l=2 o=3
        assertThat(vocabulary.indexOf('z')).isEqualTo(-1);
        assertThatThrownBy(() -> vocabulary.encode("hz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+007A");
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> parser.parse("corpus.txt", new byte[0]))
                .isInstanceOf(DatasetFormatException.class).hasMessage("corpus.txt: the file is empty");
    }

    @Test
    void a_whitespace_only_file_is_refused() {
        assertThatThrownBy(() -> parse(" \r\n\t \n"))
                .hasMessage("corpus.txt: the file contains only whitespace");
    }

    @Test
    void invalid_utf8_is_refused_with_its_line() {
        byte[] content = {'a', '\n', 'b', '\n', 'c', (byte) 0xC3, '(', '\n'};
        assertThatThrownBy(() -> parser.parse("corpus.txt", content))
                .hasMessageStartingWith("corpus.txt line 3: the file is not valid UTF-8");
    }

    @Test
    void a_vocabulary_over_the_limit_is_refused_naming_the_count_and_the_limit() {
        String text = IntStream.range(0, 412).mapToObj(i -> Character.toString(0x100 + i))
                .collect(Collectors.joining());
        assertThatThrownBy(() -> parse(text))
                .hasMessage("corpus.txt: 412 distinct characters, the limit is 200");
    }

    @Test
    void a_vocabulary_at_the_limit_is_accepted() {
        TextFileParser small = new TextFileParser(3);
        assertThat(small.parse("c.txt", "abcabc".getBytes(UTF_8)).vocabulary().size()).isEqualTo(3);
        assertThatThrownBy(() -> small.parse("c.txt", "abcd".getBytes(UTF_8)))
                .hasMessage("c.txt: 4 distinct characters, the limit is 3");
    }

    @Test
    void a_text_shorter_than_one_sequence_plus_its_target_is_refused() {
        TextCorpus corpus = parse("x".repeat(80));
        assertThatThrownBy(() -> corpus.requireMinLength(100))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("corpus.txt has 80 characters; a sequence of 100 plus one target needs at least 101");
    }

    @Test
    void a_text_of_exactly_one_sequence_plus_its_target_is_accepted() {
        TextCorpus corpus = parse("x".repeat(101));
        assertThatCode(() -> corpus.requireMinLength(100)).doesNotThrowAnyException();
        assertThatThrownBy(() -> corpus.requireMinLength(101)).isInstanceOf(DatasetFormatException.class);
    }
}
