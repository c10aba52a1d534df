package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.dataset.SentencePair;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatePairsTest {

    /** 3 March 2021 was a Wednesday. */
    private static final LocalDate MARCH_3_2021 = LocalDate.of(2021, 3, 3);

    @Test
    void every_format_renders_the_documented_example() {
        assertThat(DatePairs.Format.DAY_MONTH_YEAR.render(MARCH_3_2021)).isEqualTo("3 March 2021");
        assertThat(DatePairs.Format.MONTH_DAY_COMMA_YEAR.render(MARCH_3_2021)).isEqualTo("March 3, 2021");
        assertThat(DatePairs.Format.DAY_SLASH_MONTH_SLASH_YEAR.render(MARCH_3_2021)).isEqualTo("03/03/2021");
        assertThat(DatePairs.Format.WEEKDAY_DAY_MON_YY.render(MARCH_3_2021)).isEqualTo("Wed 3 Mar 21");
        assertThat(DatePairs.Format.YEAR_DOT_MONTH_DOT_DAY.render(MARCH_3_2021)).isEqualTo("2021.03.03");
        assertThat(DatePairs.Format.ORDINAL_OF_MONTH_YEAR.render(MARCH_3_2021)).isEqualTo("3rd of march 2021");
        assertThat(DatePairs.Format.LONG_WEEKDAY_MONTH_DAY_YEAR.render(MARCH_3_2021))
                .isEqualTo("Wednesday, March 3, 2021");
        assertThat(DatePairs.Format.DAY_MON_YEAR.render(MARCH_3_2021)).isEqualTo("3 Mar 2021");
        assertThat(DatePairs.Format.MON_ORDINAL_YEAR.render(MARCH_3_2021)).isEqualTo("Mar 3rd, 2021");
        assertThat(DatePairs.Format.DAY_DOT_MONTH_DOT_YEAR.render(MARCH_3_2021)).isEqualTo("3.3.2021");
        assertThat(DatePairs.Format.SHORT_DAY_SLASH_MONTH_SLASH_YY.render(MARCH_3_2021)).isEqualTo("3/3/21");
        assertThat(DatePairs.Format.DAY_DASH_MONTH_DASH_YEAR.render(MARCH_3_2021)).isEqualTo("03-03-2021");
        assertThat(DatePairs.Format.THE_ORDINAL_OF_MONTH_YEAR.render(MARCH_3_2021))
                .isEqualTo("the 3rd of March, 2021");
        assertThat(DatePairs.Format.YEAR_MONTH_DAY.render(MARCH_3_2021)).isEqualTo("2021 March 3");
    }

    @Test
    void slash_and_dash_formats_put_the_day_first() {
        LocalDate april3 = LocalDate.of(2021, 4, 3);
        assertThat(DatePairs.Format.DAY_SLASH_MONTH_SLASH_YEAR.render(april3)).isEqualTo("03/04/2021");
        assertThat(DatePairs.Format.SHORT_DAY_SLASH_MONTH_SLASH_YY.render(april3)).isEqualTo("3/4/21");
        assertThat(DatePairs.Format.DAY_DASH_MONTH_DASH_YEAR.render(april3)).isEqualTo("03-04-2021");
    }

    @Test
    void ordinals_use_the_right_english_suffix() {
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 30, 31).stream().map(DatePairs::ordinalDay))
                .containsExactly("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "24th",
                        "30th", "31st");
    }

    @Test
    void the_same_seed_gives_the_same_pairs_and_another_seed_others() {
        assertThat(DatePairs.generate(200, 7)).isEqualTo(DatePairs.generate(200, 7));
        assertThat(DatePairs.generate(200, 7)).isNotEqualTo(DatePairs.generate(200, 8));
    }

    @Test
    void targets_are_valid_iso_dates_in_the_documented_range() {
        for (SentencePair pair : DatePairs.generate(2000, 1)) {
            assertThat(pair.target()).matches("\\d{4}-\\d{2}-\\d{2}");
            LocalDate date = LocalDate.parse(pair.target()); // throws if not a real calendar date
            assertThat(date).isBetween(DatePairs.FIRST, DatePairs.LAST);
        }
    }

    @Test
    void every_source_reads_back_as_its_target_with_an_independent_parser() {
        for (SentencePair pair : DatePairs.generate(3000, 2)) {
            assertThat(readBack(pair.source())).as(pair.source()).isEqualTo(LocalDate.parse(pair.target()));
        }
    }

    @Test
    void formats_and_casings_actually_vary() {
        List<SentencePair> pairs = DatePairs.generate(1000, 3);
        // the shape of a source: digits as 9, letters as a
        Set<String> shapes = pairs.stream()
                .map(p -> p.source().replaceAll("\\d", "9").replaceAll("\\p{L}+", "a"))
                .collect(Collectors.toSet());
        assertThat(shapes.size()).isGreaterThanOrEqualTo(12);
        assertThat(pairs).anyMatch(p -> p.source().matches(".*[A-Z]{3}.*") && !p.source().matches(".*[a-z].*"));
        assertThat(pairs).anyMatch(p -> p.source().matches(".*[a-z]{3}.*") && !p.source().matches(".*[A-Z].*"));
        assertThat(pairs).anyMatch(p -> p.source().matches(".*[A-Z][a-z].*"));
        // 1000 draws from 36,524 days repeat about 1000^2/(2*36524) = 14 dates by chance
        assertThat(pairs.stream().map(SentencePair::target).distinct().count()).isGreaterThan(950);
    }

    @Test
    void a_negative_count_is_refused() {
        assertThatThrownBy(() -> DatePairs.generate(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DatePairs.generate(0, 0)).isEmpty();
    }

    // ---- an independent reader built from java.time patterns ----

    private static final List<DateTimeFormatter> READERS = List.of(
            reader("d MMMM uuuu"), reader("MMMM d, uuuu"), reader("dd/MM/uuuu"), readerTwoDigitYear("EEE d MMM "),
            reader("uuuu.MM.dd"), reader("d 'of' MMMM uuuu"), reader("EEEE, MMMM d, uuuu"), reader("d MMM uuuu"),
            reader("MMM d, uuuu"), reader("d.M.uuuu"), readerTwoDigitYear("d/M/"), reader("dd-MM-uuuu"),
            reader("'the' d 'of' MMMM, uuuu"), reader("uuuu MMMM d"));

    private static DateTimeFormatter reader(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }

    /** Two-digit years in 1970..2069, the pivot the generator documents. */
    private static DateTimeFormatter readerTwoDigitYear(String prefix) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(prefix)
                .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).toFormatter(Locale.ENGLISH);
    }

    private static LocalDate readBack(String source) {
        String withoutOrdinals = source.replaceAll("(?i)(\\d)(st|nd|rd|th)\\b", "$1");
        for (DateTimeFormatter reader : READERS) {
            try {
                return LocalDate.parse(withoutOrdinals, reader);
            } catch (DateTimeParseException ignored) {
                // try the next pattern
            }
        }
        throw new AssertionError("no pattern reads " + source);
    }
}
