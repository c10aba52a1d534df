package com.seqplay.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.dataset.SeriesFileParser.Column;
import com.seqplay.spec.MissingValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files of several series: long format with a series column, wide format with a column per series. */
class ManySeriesParserTest {
    private static final SeriesFileParser LONG = new SeriesFileParser().withSeriesColumn(Column.named("store"));

    private static List<Series> parse(SeriesFileParser parser, String text) {
        return parser.parseAll("stores.csv", text.getBytes(UTF_8));
    }

    @Test
    void a_long_file_gives_one_series_per_id_in_the_order_they_first_appear_with_their_dates() {
        List<Series> all = parse(LONG, """
                store,month,sales
                north,2020-01,10
                south,2020-01,100
                north,2020-02,11
                south,2020-02,101
                north,2020-03,12
                """);
        assertThat(all).extracting(Series::name).containsExactly("north", "south");
        assertThat(all.get(0).values()).containsExactly(10, 11, 12);
        assertThat(all.get(0).dates()).containsExactly("2020-01", "2020-02", "2020-03");
        assertThat(all.get(1).values()).containsExactly(100, 101);
    }

    @Test
    void the_series_column_may_be_numeric_and_given_by_index_and_is_never_taken_for_the_values() {
        List<Series> all = parse(new SeriesFileParser().withSeriesColumn(Column.at(0)), "id;v\n7;1,5\n8;2\n7;3\n");
        assertThat(all).extracting(Series::name).containsExactly("7", "8");
        assertThat(all.get(0).values()).containsExactly(1.5, 3);
    }

    @Test
    void a_long_file_refuses_an_empty_id_and_a_bad_value_naming_line_and_column() {
        assertThatThrownBy(() -> parse(LONG, "store,sales\nnorth,1\n,2\n"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("stores.csv line 3: the series id in column 1 (\"store\") is empty");
        assertThatThrownBy(() -> parse(LONG, "store,sales\nnorth,1\nsouth,2\nnorth,x\n"))
                .hasMessage("stores.csv line 4: column 2 (\"sales\"): \"x\" is not a number");
        assertThatThrownBy(() -> parse(LONG, "store,sales\nnorth,1\nsouth\n"))
                .hasMessage("stores.csv line 3: the row has 1 field but the header has 2");
    }

    @Test
    void an_unknown_series_column_is_refused_listing_the_header() {
        assertThatThrownBy(() -> parse(new SeriesFileParser().withSeriesColumn(Column.named("shop")), "store,sales\na,1\n"))
                .hasMessage("stores.csv line 1: there is no series column named \"shop\"; the header has: store, sales");
    }

    @Test
    void gaps_are_interpolated_within_each_series_and_a_series_without_values_is_named() {
        var parser = LONG.withMissingValues(MissingValues.INTERPOLATE);
        List<Series> all = parse(parser, "store,sales\na,1\nb,5\na,\nb,7\na,3\n");
        assertThat(all.get(0).values()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> parse(parser, "store,sales\na,1\nb,\nb,\n"))
                .hasMessage("stores.csv: every value of series \"b\" is missing");
    }

    @Test
    void a_wide_file_gives_one_series_per_named_column_sharing_the_dates() {
        List<Series> all = parse(new SeriesFileParser().withValueColumns(List.of(Column.named("b"), Column.at(1))),
                "date,a,b,c\nd1,1,2,3\nd2,4,5,6\n");
        assertThat(all).extracting(Series::name).containsExactly("b", "a");
        assertThat(all.get(0).values()).containsExactly(2, 5);
        assertThat(all.get(1).dates()).containsExactly("d1", "d2");
    }

    @Test
    void every_numeric_column_but_the_date_is_a_series() {
        List<Series> all = parse(new SeriesFileParser().withEveryNumericColumn(),
                "month,city,x,y\n1,Oslo,1,2\n2,Oslo,3,4\n");
        assertThat(all).extracting(Series::name).containsExactly("x", "y");
        assertThat(all.get(1).values()).containsExactly(2, 4);
    }

    @Test
    void a_wide_file_refuses_a_bad_cell_an_unknown_column_and_a_column_named_twice() {
        var wide = new SeriesFileParser().withValueColumns(List.of(Column.named("a"), Column.named("b")));
        assertThatThrownBy(() -> parse(wide, "a,b\n1,2\n3,oops\n"))
                .hasMessage("stores.csv line 3: column 2 (\"b\"): \"oops\" is not a number");
        assertThatThrownBy(() -> parse(new SeriesFileParser().withValueColumns(List.of(Column.named("z"))), "a,b\n1,2\n"))
                .hasMessage("stores.csv line 1: there is no value column named \"z\"; the header has: a, b");
        assertThatThrownBy(() -> parse(new SeriesFileParser().withValueColumns(List.of(Column.named("a"), Column.at(0))),
                "a,b\n1,2\n")).hasMessage("stores.csv line 1: the value column 1 is named twice");
    }

    @Test
    void a_one_series_reader_refuses_a_file_of_several() {
        assertThatThrownBy(() -> LONG.parse("stores.csv", "store,sales\na,1\nb,2\n".getBytes(UTF_8)))
                .hasMessage("stores.csv: the file holds 2 series where one was expected");
    }
}
