package com.seqplay.ui.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.binder.ValueContext;
import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumberConverterTest {
    private static final ValueContext ENGLISH = new ValueContext(Locale.ENGLISH);
    private static final ValueContext GERMAN = new ValueContext(Locale.GERMANY);
    private static final ValueContext FRENCH = new ValueContext(Locale.FRANCE);

    private static <T> T ok(Result<T> result) {
        assertThat(result.isError()).as("error: %s", result.getMessage().orElse("")).isFalse();
        return result.getOrThrow(IllegalStateException::new);
    }

    private static String error(Result<?> result) {
        assertThat(result.isError()).as("expected an error").isTrue();
        return result.getMessage().orElseThrow();
    }

    @Test
    void scientific_notation_is_read_whole_not_up_to_the_e() {
        var decimal = NumberConverter.decimal();
        assertThat(ok(decimal.convertToModel("1e-3", ENGLISH))).isEqualTo(0.001);
        assertThat(ok(decimal.convertToModel("5e-4", ENGLISH))).isEqualTo(0.0005);
        assertThat(ok(decimal.convertToModel("5E-4", ENGLISH))).isEqualTo(0.0005);
        assertThat(ok(decimal.convertToModel("2.5e+2", ENGLISH))).isEqualTo(250.0);
        assertThat(ok(decimal.convertToModel(" -1.5E1 ", ENGLISH))).isEqualTo(-15.0);
        assertThat(ok(decimal.convertToModel(".5", ENGLISH))).isEqualTo(0.5);
        assertThat(ok(decimal.convertToModel("1e-3", GERMAN))).isEqualTo(0.001);
        assertThat(ok(decimal.convertToModel("2,5e-3", GERMAN))).isEqualTo(0.0025);
    }

    @Test
    void the_locale_decides_the_decimal_separator_and_grouping_needs_three_digits() {
        var decimal = NumberConverter.decimal();
        assertThat(ok(decimal.convertToModel("0.001", ENGLISH))).isEqualTo(0.001);
        assertThat(ok(decimal.convertToModel("1,000.5", ENGLISH))).isEqualTo(1000.5);
        assertThat(ok(decimal.convertToModel("0,001", GERMAN))).isEqualTo(0.001);
        assertThat(ok(decimal.convertToModel("1.000,5", GERMAN))).isEqualTo(1000.5);
        assertThat(ok(decimal.convertToModel("1 000,5", FRENCH))).isEqualTo(1000.5);
        // what the other notation would misread is refused, not guessed
        assertThat(error(decimal.convertToModel("0,5", ENGLISH))).contains("'0,5' is not a number", "0.001 or 1e-3");
        assertThat(error(decimal.convertToModel("0.5", GERMAN))).contains("'0.5' is not a number", "0,001 or 1e-3");
        assertThat(error(decimal.convertToModel("1,00", ENGLISH))).contains("not a number");
    }

    @Test
    void anything_but_a_whole_number_is_refused_with_the_text_in_the_message() {
        var decimal = NumberConverter.decimal();
        for (String text : new String[] {"abc", "1e", "e5", "1e-3e2", "1.2.3", "--1", "1-", ".", "-", "1 e3", "NaN",
                "Infinity", "0x10", "1e-3abc"}) {
            assertThat(error(decimal.convertToModel(text, ENGLISH))).as(text).contains("'" + text.strip() + "'");
        }
        assertThat(error(decimal.convertToModel("1e9999", ENGLISH))).contains("too large");
        assertThat(error(decimal.convertToModel("1e99999", ENGLISH))).contains("not a number");
    }

    @Test
    void whole_numbers_refuse_fractions_and_text() {
        var integer = NumberConverter.integer();
        assertThat(ok(integer.convertToModel("12", ENGLISH))).isEqualTo(12);
        assertThat(ok(integer.convertToModel("1e3", ENGLISH))).isEqualTo(1000);
        assertThat(ok(integer.convertToModel("2.0", ENGLISH))).isEqualTo(2);
        assertThat(ok(integer.convertToModel("2,000", ENGLISH))).isEqualTo(2000);
        assertThat(ok(integer.convertToModel("-3", ENGLISH))).isEqualTo(-3);
        assertThat(error(integer.convertToModel("2.5", ENGLISH))).isEqualTo("'2.5' must be a whole number");
        assertThat(error(integer.convertToModel("1e-3", ENGLISH))).contains("whole number");
        assertThat(error(integer.convertToModel("abc", ENGLISH))).contains("'abc' is not a number");
        assertThat(error(integer.convertToModel("3000000000", ENGLISH))).contains("too large");
        assertThat(ok(NumberConverter.wholeLong().convertToModel("3000000000", ENGLISH))).isEqualTo(3_000_000_000L);
        assertThat(error(NumberConverter.wholeLong().convertToModel("1e30", ENGLISH))).contains("too large");
    }

    @Test
    void an_empty_field_converts_to_null_so_that_the_binding_decides_if_it_is_required() {
        assertThat(ok(NumberConverter.decimal().convertToModel("", ENGLISH))).isNull();
        assertThat(ok(NumberConverter.integer().convertToModel("   ", ENGLISH))).isNull();
    }

    @Test
    void numbers_are_shown_in_full_in_the_locale_and_read_back_to_the_same_value() {
        var decimal = NumberConverter.decimal();
        assertThat(decimal.convertToPresentation(0.0005, ENGLISH)).isEqualTo("0.0005");
        assertThat(decimal.convertToPresentation(0.0005, GERMAN)).isEqualTo("0,0005");
        assertThat(decimal.convertToPresentation(5.0, ENGLISH)).isEqualTo("5");
        assertThat(decimal.convertToPresentation(1e-9, ENGLISH)).isEqualTo("0.000000001");
        assertThat(decimal.convertToPresentation(null, ENGLISH)).isEmpty();
        assertThat(NumberConverter.integer().convertToPresentation(60_000, ENGLISH)).isEqualTo("60000");
        for (double d : new double[] {0.001, 0.0005, 0.1 + 0.2, 1.0 / 3, 123456.789, -2.5, 1e-12, 7e20}) {
            for (ValueContext context : new ValueContext[] {ENGLISH, GERMAN, FRENCH}) {
                assertThat(ok(decimal.convertToModel(decimal.convertToPresentation(d, context), context))).isEqualTo(d);
            }
        }
    }

    @Test
    void the_parser_keeps_the_exact_decimal() {
        assertThat(NumberText.parse("1e-3", Locale.ENGLISH)).isEqualByComparingTo(new BigDecimal("0.001"));
        assertThat(NumberText.parse("\u22122.5", Locale.ENGLISH)).isEqualByComparingTo(new BigDecimal("-2.5"));
    }
}
