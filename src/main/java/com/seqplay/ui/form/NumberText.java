package com.seqplay.ui.form;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as people type them: in their locale's notation (its decimal separator, grouping by
 * thousands allowed) and in scientific notation ({@code 1e-3}, {@code 5E-4}, {@code 2.5e+2}).
 *
 * <p>Strict on purpose: a parser that stops at the first character it does not understand reads
 * {@code 1e-3} as 1, which trained runs at a learning rate a thousand times too high. Here the
 * whole text must be a number or it is refused with a message. A grouping separator must be
 * followed by exactly three digits, so that {@code 0,5} in an English locale (or {@code 0.5} in a
 * German one) is refused instead of being read as 5.
 */
public final class NumberText {
    /** Exponents beyond this are no hyperparameter anyone means; the limit also keeps BigDecimal small. */
    private static final int MAX_EXPONENT_DIGITS = 4;
    private static final Pattern EXPONENT = Pattern.compile("[+-]?\\d{1," + MAX_EXPONENT_DIGITS + "}");

    private NumberText() {}

    /**
     * The exact decimal value of {@code text}.
     *
     * @throws NumberFormatException with a message for a person, showing the accepted notation
     */
    public static BigDecimal parse(String text, Locale locale) {
        String s = normalise(text);
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "0" : s.substring(e + 1);
        BigDecimal value = mantissa(mantissa, locale);
        if (value == null || !EXPONENT.matcher(exponent).matches()) {
            throw new NumberFormatException(notANumber(text, locale));
        }
        value = value.scaleByPowerOfTen(Integer.parseInt(exponent));
        return negative ? value.negate() : value;
    }

    /** How the form shows a number: plain digits with the locale's decimal separator, no grouping. */
    public static String format(Number value, Locale locale) {
        BigDecimal exact = value instanceof Double || value instanceof Float
                ? BigDecimal.valueOf(value.doubleValue()) : new BigDecimal(value.toString());
        String plain = exact.stripTrailingZeros().toPlainString();
        return plain.replace('.', DecimalFormatSymbols.getInstance(locale).getDecimalSeparator());
    }

    /** An example in the locale's notation, for messages: "0.001" or "0,001". */
    static String example(Locale locale) {
        return "0" + DecimalFormatSymbols.getInstance(locale).getDecimalSeparator() + "001";
    }

    static String notANumber(String text, Locale locale) {
        return "'" + text.strip() + "' is not a number; write for example " + example(locale) + " or 1e-3";
    }

    /** Trims and turns the typographic minus (U+2212, used by some locales and pasted text) into '-'. */
    private static String normalise(String text) {
        return text.strip().replace('\u2212', '-');
    }

    /** The unsigned digits before the exponent, or null when they are not a number in this notation. */
    private static BigDecimal mantissa(String s, Locale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        String decimal = Pattern.quote(String.valueOf(symbols.getDecimalSeparator()));
        String grouping = groupingPattern(symbols.getGroupingSeparator());
        Matcher m = Pattern.compile("((?:[1-9]\\d{0,2}(?:" + grouping + "\\d{3})+)|\\d*)(?:" + decimal + "(\\d*))?")
                .matcher(s);
        if (!m.matches()) {
            return null;
        }
        String whole = m.group(1).replaceAll(grouping, "");
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        return new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
    }

    /** Locales that group with a (narrow) no-break space also accept the plain space people type. */
    private static String groupingPattern(char separator) {
        if (Character.isSpaceChar(separator)) {
            return "[ \\u00a0\\u202f]";
        }
        return Pattern.quote(String.valueOf(separator));
    }
}
