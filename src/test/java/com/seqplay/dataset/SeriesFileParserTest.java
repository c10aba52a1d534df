package com.seqplay.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.spec.MissingValues;
import org.junit.jupiter.api.Test;

class SeriesFileParserTest {

    private final SeriesFileParser parser = new SeriesFileParser();

    private Series parse(String text) {
        return parser.parse("sales.csv", text.getBytes(UTF_8));
    }

    @Test
    void reads_a_dated_csv_with_a_header() {
        Series series = parse("date,sales\n2021-01-01,10\n2021-01-02,12.5\n2021-01-03,-3e1\n");
        assertThat(series.name()).isEqualTo("sales");
        assertThat(series.values()).containsExactly(10, 12.5, -30);
        assertThat(series.dates()).containsExactly("2021-01-01", "2021-01-02", "2021-01-03");
    }

    @Test
    void reads_a_single_column_of_numbers_without_a_header() {
        Series series = parse("1\n2\n3.25\n");
        assertThat(series.name()).isEqualTo("sales");
        assertThat(series.values()).containsExactly(1, 2, 3.25);
        assertThat(series.dates()).isNull();
    }

    @Test
    void without_a_header_the_first_row_is_data() {
        Series series = parse("2021-01-01,4\n2021-01-02,5\n");
        assertThat(series.values()).containsExactly(4, 5);
        assertThat(series.dates()).isNull(); // no header, so no date column by name
    }

    @Test
    void the_default_value_column_is_the_last_numeric_one() {
        Series series = parse("month,temperature,city\n1,3.5,Oslo\n2,4.0,Oslo\n");
        assertThat(series.name()).isEqualTo("temperature");
        assertThat(series.values()).containsExactly(3.5, 4.0);
        assertThat(series.dates()).containsExactly("1", "2"); // "month" is a date header
    }

    @Test
    void the_value_column_can_be_chosen_by_name_case_insensitively() {
        Series series = parser.withValueColumn("LOW").parse("t.csv", "day,high,low\nmon,9,1\ntue,8,2\n".getBytes(UTF_8));
        assertThat(series.name()).isEqualTo("low");
        assertThat(series.values()).containsExactly(1, 2);
        assertThat(series.dates()).containsExactly("mon", "tue");
    }

    @Test
    void the_value_column_can_be_chosen_by_index() {
        Series series = parser.withValueColumn(1).parse("t.csv", "day,high,low\nmon,9,1\ntue,8,2\n".getBytes(UTF_8));
        assertThat(series.name()).isEqualTo("high");
        assertThat(series.values()).containsExactly(9, 8);
    }

    @Test
    void an_unknown_column_name_is_refused_listing_the_header() {
        assertThatThrownBy(() -> parser.withValueColumn("price").parse("t.csv", "day,high\nmon,9\n".getBytes(UTF_8)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("t.csv line 1: there is no column named \"price\"; the header has: day, high");
    }

    @Test
    void a_column_index_past_the_last_column_is_refused() {
        assertThatThrownBy(() -> parser.withValueColumn(5).parse("t.csv", "1,2\n3,4\n".getBytes(UTF_8)))
                .hasMessage("t.csv line 1: the value column 6 was asked for but the row has only 2 columns");
    }

    @Test
    void the_date_column_can_be_chosen_explicitly() {
        Series series = parser.withDateColumn("when").parse("t.csv", "when,v\nq1,1\nq2,2\n".getBytes(UTF_8));
        assertThat(series.dates()).containsExactly("q1", "q2");
        Series byIndex = parser.withDateColumn(0).parse("t.csv", "q1,1\nq2,2\n".getBytes(UTF_8));
        assertThat(byIndex.dates()).containsExactly("q1", "q2");
    }

    @Test
    void a_byte_order_mark_and_crlf_line_ends_are_accepted() {
        Series series = parse("\uFEFFdate,value\r\n2021-01,1\r\n2021-02,2\r\n");
        assertThat(series.name()).isEqualTo("value"); // not "\uFEFFvalue"-style garbage in the header
        assertThat(series.values()).containsExactly(1, 2);
        assertThat(series.dates()).containsExactly("2021-01", "2021-02");
    }

    @Test
    void semicolon_files_with_decimal_commas_are_read() {
        Series series = parse("date;value\n2021-01;3,5\n2021-02;4\n");
        assertThat(series.values()).containsExactly(3.5, 4);
    }

    @Test
    void tab_separated_files_are_read() {
        Series series = parse("date\tvalue\n2021-01\t3.5\n2021-02\t4\n");
        assertThat(series.values()).containsExactly(3.5, 4);
        assertThat(series.dates()).containsExactly("2021-01", "2021-02");
    }

    @Test
    void the_separator_is_sniffed_from_the_first_line() {
        assertThat(SeriesFileParser.sniffDelimiter("a,b,c\n")).isEqualTo(',');
        assertThat(SeriesFileParser.sniffDelimiter("a;b\n")).isEqualTo(';');
        assertThat(SeriesFileParser.sniffDelimiter("2021;3,5\n")).isEqualTo(';');
        assertThat(SeriesFileParser.sniffDelimiter("\n\na\tb\n")).isEqualTo('\t');
        assertThat(SeriesFileParser.sniffDelimiter("\"x;y\",z\n")).isEqualTo(',');
        assertThat(SeriesFileParser.sniffDelimiter("42\n")).isEqualTo(',');
    }

    @Test
    void quoted_fields_and_blank_lines_are_handled() {
        Series series = parse("\"date\",\"value\"\n\n\"2021-01\",\"7\"\n\n\"2021-02\",8\n");
        assertThat(series.values()).containsExactly(7, 8);
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> parser.parse("sales.csv", new byte[0]))
                .isInstanceOf(DatasetFormatException.class).hasMessage("sales.csv: the file is empty");
        assertThatThrownBy(() -> parse("\uFEFF \r\n\n")).hasMessage("sales.csv: the file is empty");
    }

    @Test
    void a_header_without_data_is_refused() {
        assertThatThrownBy(() -> parse("date,value\n"))
                .hasMessage("sales.csv: the file has a header line but no data rows");
        assertThatThrownBy(() -> parser.withValueColumn("value").parse("sales.csv", "date,value\n\n".getBytes(UTF_8)))
                .hasMessage("sales.csv: the file has a header line but no data rows");
    }

    @Test
    void a_ragged_row_is_refused_with_its_line() {
        assertThatThrownBy(() -> parse("date,value,note\n2021-01,1,a\n2021-02,2\n"))
                .hasMessage("sales.csv line 3: the row has 2 fields but the header has 3");
        assertThatThrownBy(() -> parse("1,2\n3\n"))
                .hasMessage("sales.csv line 2: the row has 1 field but the first row has 2");
    }

    @Test
    void a_non_numeric_value_is_refused_naming_line_and_column() {
        assertThatThrownBy(() -> parse("date,value\n2021-01,1\n2021-02,2\n2021-03,abc\n"))
                .hasMessage("sales.csv line 4: column 2 (\"value\"): \"abc\" is not a number");
        // thousands separators and units are not numbers either
        assertThatThrownBy(() -> parse("v\n1\n2 kg\n")).hasMessage("sales.csv line 3: column 1 (\"v\"): \"2 kg\" is not a number");
    }

    @Test
    void a_decimal_comma_in_a_comma_separated_file_is_not_a_number() {
        assertThatThrownBy(() -> parse("v\n1\n\"3,5\"\n")).hasMessageContaining("line 3").hasMessageContaining("\"3,5\" is not a number");
    }

    @Test
    void nan_and_infinity_text_are_refused() {
        assertThatThrownBy(() -> parse("date,value\n2021-01,1\n2021-02,NaN\n"))
                .hasMessageStartingWith("sales.csv line 3: column 2 (\"value\") holds \"NaN\"; NaN and infinite values are not allowed");
        assertThatThrownBy(() -> parse("value\n1\n-Infinity\n")).hasMessageContaining("line 3").hasMessageContaining("\"-Infinity\"");
        assertThatThrownBy(() -> parse("value\n1\ninf\n")).hasMessageContaining("line 3");
        assertThatThrownBy(() -> parse("value\n1\n1e999\n"))
                .hasMessage("sales.csv line 3: column 1 (\"value\"): \"1e999\" is too large to be a finite number");
    }

    @Test
    void java_only_number_syntax_is_refused() {
        // Double.parseDouble would accept these; a person's spreadsheet never means them.
        assertThatThrownBy(() -> parse("value\n1\n0x10\n")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> parse("value\n1\n2d\n")).hasMessageContaining("is not a number");
    }

    @Test
    void a_missing_value_is_refused_by_default_naming_the_line() {
        assertThatThrownBy(() -> parse("date,value\n2021-01,1\n2021-02,\n2021-03,3\n"))
                .hasMessage("sales.csv line 3: the value in column 2 (\"value\") is missing; "
                        + "fill it in, or choose interpolation of missing values");
    }

    @Test
    void missing_values_can_be_interpolated_linearly() {
        Series series = parser.withMissingValues(MissingValues.INTERPOLATE)
                .parse("s.csv", "v\n1\n\n\n4\n".getBytes(UTF_8));
        // the two blank lines are skipped as blank lines, not missing cells
        assertThat(series.values()).containsExactly(1, 4);

        Series gaps = parser.withMissingValues(MissingValues.INTERPOLATE)
                .parse("s.csv", "day,v\na,\nb,2\nc,\nd,\ne,8\nf,\n".getBytes(UTF_8));
        // leading gap takes 2, the gap between 2 and 8 is 4 and 6, the trailing gap takes 8
        assertThat(gaps.values()).containsExactly(new double[] {2, 2, 4, 6, 8, 8}, within(1e-12));
        assertThat(gaps.dates()).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void interpolation_refuses_a_column_with_no_values_at_all() {
        assertThatThrownBy(() -> parser.withMissingValues(MissingValues.INTERPOLATE)
                .withValueColumn("v").parse("s.csv", "d,v\na,\nb,\n".getBytes(UTF_8)))
                .hasMessage("s.csv: every value is missing");
    }

    @Test
    void a_file_without_any_numeric_column_is_refused() {
        assertThatThrownBy(() -> parse("name,city\nann,oslo\nbob,rome\n"))
                .hasMessageStartingWith("sales.csv line 2: no column holds numbers");
    }

    @Test
    void unbalanced_quotes_are_refused_with_a_line() {
        assertThatThrownBy(() -> parse("v\n1\n\"2\n3\n"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cannot be read as delimited text");
    }

    @Test
    void invalid_utf8_is_refused_with_its_line() {
        byte[] content = {'v', '\n', '1', '\n', (byte) 0xFF, '\n'};
        assertThatThrownBy(() -> parser.parse("sales.csv", content))
                .hasMessageStartingWith("sales.csv line 3: the file is not valid UTF-8");
    }

    @Test
    void a_headerless_series_is_named_after_the_file() {
        assertThat(parser.parse("uploads/energy.v2.csv", "1\n2\n".getBytes(UTF_8)).name()).isEqualTo("energy.v2");
    }
}
