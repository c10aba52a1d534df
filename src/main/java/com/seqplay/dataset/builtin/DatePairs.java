package com.seqplay.dataset.builtin;

import com.seqplay.dataset.SentencePair;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The built-in translation task {@code builtin:dates}: a date as a person might write it, to be
 * translated into ISO 8601 ({@code 2021-03-03}). Small enough for a small encoder-decoder, yet it
 * needs reordering (month names before days), lookup (names to numbers) and copying.
 *
 * <p>Dates are uniform over 1970-01-01..2069-12-31, so that a two-digit year is never ambiguous:
 * 70-99 are 1970-1999 and 00-69 are 2000-2069. Numeric formats with slashes or dashes are always
 * day first (European: {@code 03/04/2021} is 3 April), never the American month-first order, so
 * that every source has exactly one right answer. Names are English.
 */
public final class DatePairs {

    public static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2069, 12, 31);

    /** The ways a date is written; the examples show 3 March 2021 (a Wednesday). */
    public enum Format {
        /** {@code 3 March 2021} */
        DAY_MONTH_YEAR(d -> d.getDayOfMonth() + " " + month(d) + " " + d.getYear()),
        /** {@code March 3, 2021} */
        MONTH_DAY_COMMA_YEAR(d -> month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
        /** {@code 03/03/2021}, day first */
        DAY_SLASH_MONTH_SLASH_YEAR(pattern("dd/MM/uuuu")),
        /** {@code Wed 3 Mar 21} */
        WEEKDAY_DAY_MON_YY(d -> weekday(d) + " " + d.getDayOfMonth() + " " + mon(d) + " " + twoDigitYear(d)),
        /** {@code 2021.03.03} */
        YEAR_DOT_MONTH_DOT_DAY(pattern("uuuu.MM.dd")),
        /** {@code 3rd of march 2021} */
        ORDINAL_OF_MONTH_YEAR(d -> ordinalDay(d.getDayOfMonth()) + " of " + month(d).toLowerCase(Locale.ROOT)
                + " " + d.getYear()),
        /** {@code Wednesday, March 3, 2021} */
        LONG_WEEKDAY_MONTH_DAY_YEAR(d -> d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", "
                + month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
        /** {@code 3 Mar 2021} */
        DAY_MON_YEAR(d -> d.getDayOfMonth() + " " + mon(d) + " " + d.getYear()),
        /** {@code Mar 3rd, 2021} */
        MON_ORDINAL_YEAR(d -> mon(d) + " " + ordinalDay(d.getDayOfMonth()) + ", " + d.getYear()),
        /** {@code 3.3.2021}, day first */
        DAY_DOT_MONTH_DOT_YEAR(pattern("d.M.uuuu")),
        /** {@code 3/3/21}, day first */
        SHORT_DAY_SLASH_MONTH_SLASH_YY(d -> d.getDayOfMonth() + "/" + d.getMonthValue() + "/" + twoDigitYear(d)),
        /** {@code 03-03-2021}, day first */
        DAY_DASH_MONTH_DASH_YEAR(pattern("dd-MM-uuuu")),
        /** {@code the 3rd of March, 2021} */
        THE_ORDINAL_OF_MONTH_YEAR(d -> "the " + ordinalDay(d.getDayOfMonth()) + " of " + month(d) + ", " + d.getYear()),
        /** {@code 2021 March 3} */
        YEAR_MONTH_DAY(d -> d.getYear() + " " + month(d) + " " + d.getDayOfMonth());

        private final Function<LocalDate, String> renderer;

        Format(Function<LocalDate, String> renderer) {
            this.renderer = renderer;
        }

        public String render(LocalDate date) {
            return renderer.apply(date);
        }

        /** Whether the format has words, so that upper and lower case variants differ from it. */
        public boolean hasLetters() {
            return render(LocalDate.of(2021, 3, 3)).chars().anyMatch(Character::isLetter);
        }
    }

    private DatePairs() {
    }

    /**
     * {@code n} pairs (written date, ISO date), the same for the same seed. Each pair draws a
     * date, a format and, for formats with words, a casing: as written (60%), all lower case
     * (20%) or all upper case (20%).
     */
    public static List<SentencePair> generate(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of pairs must not be negative, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Format[] formats = Format.values();
        long days = LAST.toEpochDay() - FIRST.toEpochDay() + 1;
        List<SentencePair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LocalDate date = LocalDate.ofEpochDay(FIRST.toEpochDay() + random.nextLong(days));
            Format format = formats[random.nextInt(formats.length)];
            String source = format.render(date);
            int casing = random.nextInt(10);
            if (casing >= 8) {
                source = source.toUpperCase(Locale.ROOT);
            } else if (casing >= 6) {
                source = source.toLowerCase(Locale.ROOT);
            }
            pairs.add(new SentencePair(source, iso(date)));
        }
        return pairs;
    }

    /** The target side: ISO 8601 calendar date, {@code uuuu-MM-dd}. */
    public static String iso(LocalDate date) {
        return date.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    static String ordinalDay(int day) {
        int lastTwo = day % 100;
        String suffix;
        if (lastTwo >= 11 && lastTwo <= 13) {
            suffix = "th"; // 11th, 12th, 13th, not 11st
        } else {
            suffix = switch (day % 10) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return day + suffix;
    }

    private static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String mon(LocalDate d) {
        // TextStyle.SHORT can be "Sept" in newer CLDR data; the first three letters are stable.
        return month(d).substring(0, 3);
    }

    private static String weekday(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH).substring(0, 3);
    }

    private static String twoDigitYear(LocalDate d) {
        return String.format("%02d", d.getYear() % 100);
    }

    private static Function<LocalDate, String> pattern(String pattern) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        return formatter::format;
    }
}
