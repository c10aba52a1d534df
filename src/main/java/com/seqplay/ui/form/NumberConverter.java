package com.seqplay.ui.form;

import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.data.converter.Converter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

/**
 * Converts a text field's text to the number type of a specification field with
 * {@link NumberText}: the user's locale notation and scientific notation, the whole text or an
 * error. Vaadin's NumberField cannot be used: its browser input refuses {@code 1e-3}. An empty
 * text converts to null; bindings that need a value say so with {@code asRequired}.
 *
 * @param <T> Double, Integer or Long
 */
public final class NumberConverter<T extends Number> implements Converter<String, T> {
    private final Function<BigDecimal, T> narrow;

    private NumberConverter(Function<BigDecimal, T> narrow) {
        this.narrow = narrow;
    }

    /** Any finite number. */
    public static NumberConverter<Double> decimal() {
        return new NumberConverter<>(v -> {
            double d = v.doubleValue();
            if (Double.isInfinite(d)) {
                throw new NumberFormatException("is too large");
            }
            return d;
        });
    }

    /** A whole number that fits an int: {@code 2.5} and {@code 3000000000} are refused, {@code 1e3} is 1000. */
    public static NumberConverter<Integer> integer() {
        return new NumberConverter<>(v -> {
            try {
                return whole(v).intValueExact();
            } catch (ArithmeticException e) {
                throw new NumberFormatException("is too large; the largest allowed is " + Integer.MAX_VALUE);
            }
        });
    }

    /** A whole number that fits a long (seeds). */
    public static NumberConverter<Long> wholeLong() {
        return new NumberConverter<>(v -> {
            try {
                return whole(v).longValueExact();
            } catch (ArithmeticException e) {
                throw new NumberFormatException("is too large; the largest allowed is " + Long.MAX_VALUE);
            }
        });
    }

    private static BigDecimal whole(BigDecimal v) {
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new NumberFormatException("must be a whole number");
        }
        return v;
    }

    @Override
    public Result<T> convertToModel(String text, ValueContext context) {
        if (text == null || text.isBlank()) {
            return Result.ok(null);
        }
        Locale locale = locale(context);
        BigDecimal value;
        try {
            value = NumberText.parse(text, locale);
        } catch (NumberFormatException e) {
            return Result.error(e.getMessage());
        }
        try {
            return Result.ok(narrow.apply(value));
        } catch (NumberFormatException e) {
            return Result.error("'" + text.strip() + "' " + e.getMessage());
        }
    }

    @Override
    public String convertToPresentation(T value, ValueContext context) {
        return value == null ? "" : NumberText.format(value, locale(context));
    }

    /** The field's locale (the browser's, through the UI); English when there is none, as in plain unit tests. */
    private static Locale locale(ValueContext context) {
        return context == null ? Locale.ENGLISH : context.getLocale().orElse(Locale.ENGLISH);
    }
}
