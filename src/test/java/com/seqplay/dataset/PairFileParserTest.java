package com.seqplay.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairFileParserTest {

    private final PairFileParser parser = new PairFileParser();

    private List<SentencePair> parse(String text) {
        return parser.parse("dates.tsv", text.getBytes(UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void reads_tab_separated_pairs() {
        assertThat(parse("3 March 2021\t2021-03-03\nMarch 4, 2020\t2020-03-04\n")).containsExactly(
                new SentencePair("3 March 2021", "2021-03-03"), new SentencePair("March 4, 2020", "2020-03-04"));
    }

    @Test
    void a_last_line_without_a_line_break_is_read() {
        assertThat(parse("a\tb\nc\td")).hasSize(2);
    }

    @Test
    void columns_after_the_second_are_ignored() {
        assertThat(parse("a\tb\tnote\tmore\n")).containsExactly(new SentencePair("a", "b"));
    }

    @Test
    void crlf_line_ends_leave_no_carriage_return_in_the_target() {
        assertThat(parse("a\tb\r\nc\td\r\n")).containsExactly(new SentencePair("a", "b"), new SentencePair("c", "d"));
    }

    @Test
    void a_byte_order_mark_is_stripped() {
        assertThat(parse("\uFEFFhallo\thello\n")).containsExactly(new SentencePair("hallo", "hello"));
    }

    @Test
    void blank_lines_are_skipped_but_still_counted_for_line_numbers() {
        assertThat(parse("\na\tb\n   \n\nc\td\n")).hasSize(2);
        assertThatThrownBy(() -> parse("a\tb\n\n\nbroken\n"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("dates.tsv line 4: there is no tab between the source and the target");
    }

    @Test
    void sides_are_stripped_of_surrounding_spaces_and_keep_unicode() {
        assertThat(parse("  Grüße, 世界 😀 \t greetings \n")).containsExactly(new SentencePair("Grüße, 世界 😀", "greetings"));
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> parser.parse("dates.tsv", new byte[0]))
                .isInstanceOf(DatasetFormatException.class).hasMessage("dates.tsv: the file is empty");
        assertThatThrownBy(() -> parse("\uFEFF")).hasMessage("dates.tsv: the file is empty");
    }

    @Test
    void a_file_of_blank_lines_is_refused() {
        assertThatThrownBy(() -> parse("\n \r\n\t\n")).isInstanceOf(DatasetFormatException.class)
                .hasMessage("dates.tsv: the file has no pairs, only blank lines");
    }

    @Test
    void a_line_without_a_tab_is_refused_with_its_line_number() {
        assertThatThrownBy(() -> parse("a\tb\nc d\n"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("dates.tsv line 2: there is no tab between the source and the target")
                .satisfies(e -> {
                    DatasetFormatException d = (DatasetFormatException) e;
                    assertThat(d.fileName()).isEqualTo("dates.tsv");
                    assertThat(d.line()).isEqualTo(2);
                    assertThat(d.reason()).isEqualTo("there is no tab between the source and the target");
                });
    }

    @Test
    void an_empty_target_side_is_refused() {
        String text = "a\tb\n".repeat(16) + "3 March 2021\t  \n";
        assertThatThrownBy(() -> parse(text)).hasMessage("dates.tsv line 17: the target side is empty");
        assertThatThrownBy(() -> parse("a\t\tnote\n")).hasMessage("dates.tsv line 1: the target side is empty");
    }

    @Test
    void an_empty_source_side_is_refused() {
        assertThatThrownBy(() -> parse("a\tb\n\t2021-03-03\n")).hasMessage("dates.tsv line 2: the source side is empty");
    }

    @Test
    void invalid_utf8_is_refused_with_its_line() {
        // line 2 holds 0xE9 alone: "é" in Latin-1, not valid UTF-8
        byte[] content = concat("ok\tfine\n".getBytes(UTF_8), bytes('c', 'a', 'f', 0xE9, '\t', 'x', '\n'));
        assertThatThrownBy(() -> parser.parse("dates.tsv", content))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith("dates.tsv line 2: the file is not valid UTF-8")
                .hasMessageContaining("0xE9");
    }

    @Test
    void a_truncated_multibyte_sequence_at_the_end_is_refused() {
        byte[] content = concat("a\tb\n".getBytes(UTF_8), bytes('c', '\t', 0xE2, 0x82));
        assertThatThrownBy(() -> parser.parse("dates.tsv", content))
                .hasMessageStartingWith("dates.tsv line 2: the file is not valid UTF-8");
    }

    @Test
    void a_single_very_long_line_is_refused_with_its_length_and_the_limit() {
        String text = "a\tb\n" + "x".repeat(12_000) + "\ty\n";
        assertThatThrownBy(() -> parse(text))
                .hasMessage("dates.tsv line 2: the line is 12,002 characters long; the limit is 10,000");
    }

    @Test
    void the_line_limit_is_configurable() {
        PairFileParser strict = new PairFileParser(5);
        assertThat(strict.parse("p.tsv", "ab\tcd\n".getBytes(UTF_8))).hasSize(1);
        assertThatThrownBy(() -> strict.parse("p.tsv", "abc\tcd\n".getBytes(UTF_8)))
                .hasMessage("p.tsv line 1: the line is 6 characters long; the limit is 5");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
