package com.seqplay.ui.form;

import com.seqplay.spec.Choice;
import com.seqplay.spec.SpecProblem;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BindingValidationStatus;
import com.vaadin.flow.data.binder.Setter;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.function.ValueProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fields bound with one Binder to one mutable form model ({@code B}): builds each kind of field the
 * New Run form has, with its id, converter and required check, and checks and writes only the
 * fields that are shown.
 *
 * @param <B> the form model the fields edit
 */
public final class FieldSet<B> {
    static final String REQUIRED_NUMBER = "Required: enter a number, for example 0.001 or 1e-3";
    static final String REQUIRED_WHOLE = "Required: enter a whole number";

    private final Binder<B> binder = new Binder<>();
    private final List<FormField> fields = new ArrayList<>();

    /** A whole number typed as text (Integer). */
    public FormField integer(String label, String specField, ValueProvider<B, Integer> get, Setter<B, Integer> set) {
        return number(label, specField, NumberConverter.integer(), REQUIRED_WHOLE, get, set);
    }

    /** A whole number typed as text (Long, for seeds). */
    public FormField wholeLong(String label, String specField, ValueProvider<B, Long> get, Setter<B, Long> set) {
        return number(label, specField, NumberConverter.wholeLong(), REQUIRED_WHOLE, get, set);
    }

    /** A decimal number typed as text, scientific notation included. */
    public FormField decimal(String label, String specField, ValueProvider<B, Double> get, Setter<B, Double> set) {
        return number(label, specField, NumberConverter.decimal(), REQUIRED_NUMBER, get, set);
    }

    private <T extends Number> FormField number(String label, String specField, Converter<String, T> converter,
            String requiredMessage, ValueProvider<B, T> get, Setter<B, T> set) {
        var field = new TextField(label);
        var binding = binder.forField(field)
                .asRequired(notBlank(requiredMessage))
                .withConverter(converter)
                .bind(get, set);
        return add(specField, field, binding);
    }

    /** Free text; blank is "not given" (null), longer than {@code maxLength} is refused. */
    public FormField optionalText(String label, String specField, int maxLength, ValueProvider<B, String> get,
            Setter<B, String> set) {
        var field = new TextField(label);
        field.setMaxLength(maxLength);
        var binding = binder.forField(field)
                .withValidator(v -> v.strip().length() <= maxLength, "At most " + maxLength + " characters")
                .withConverter(v -> v.isBlank() ? null : v.strip(), v -> v == null ? "" : v)
                .bind(get, set);
        return add(specField, field, binding);
    }

    /** One of an enum's values, shown by their labels. */
    public <E extends Enum<E> & Choice> FormField choice(String label, String specField, Class<E> type,
            ValueProvider<B, E> get, Setter<B, E> set) {
        var field = new Select<E>();
        field.setLabel(label);
        field.setItems(type.getEnumConstants());
        field.setItemLabelGenerator(Choice::label);
        var binding = binder.forField(field).asRequired("Required: choose one").bind(get, set);
        return add(specField, field, binding);
    }

    public FormField checkbox(String label, String specField, ValueProvider<B, Boolean> get, Setter<B, Boolean> set) {
        var field = new Checkbox(label);
        return add(specField, field, binder.forField(field).bind(get, set));
    }

    /** A field built elsewhere, bound with {@link #binder()}. */
    public FormField add(String specField, Component component, Binder.Binding<B, ?> binding) {
        component.setId(idOf(component instanceof HasLabel l && l.getLabel() != null
                ? l.getLabel() : specField));
        var field = new FormField(specField, component, binding);
        fields.add(field);
        return field;
    }

    public Binder<B> binder() {
        return binder;
    }

    public List<FormField> fields() {
        return fields;
    }

    /** Fills the fields from the model; clears every error shown. */
    public void read(B bean) {
        binder.readBean(bean);
    }

    /**
     * Checks the shown fields, marking each wrong one, and writes them into {@code bean} if all are
     * right. Returns one problem per wrong field (empty when written).
     */
    @SuppressWarnings("unchecked")
    public List<SpecProblem> write(B bean) {
        List<FormField> shown = fields.stream().filter(FormField::shown).toList();
        List<SpecProblem> problems = new ArrayList<>();
        for (FormField f : shown) {
            BindingValidationStatus<?> status = f.binding().validate();
            if (status.isError()) {
                problems.add(new SpecProblem(f.specField(), status.getMessage().orElse("is not valid")));
            }
        }
        if (problems.isEmpty()) {
            try {
                List<Binder.Binding<B, ?>> bindings = new ArrayList<>();
                shown.forEach(f -> bindings.add((Binder.Binding<B, ?>) f.binding()));
                binder.writeBean(bean, bindings);
            } catch (ValidationException e) {
                throw new IllegalStateException("fields valid one by one refused together: " + e.getMessage(), e);
            }
        }
        return problems;
    }

    /** "Hidden size" -> "hidden-size", "Season length (0: detect)" -> "season-length": ids for browser tests and scripts. */
    static String idOf(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").trim().replaceAll("[^a-z0-9]+", "-");
    }

    /** Binder's default required check treats "  " as a value; here blank is empty. */
    private static Validator<String> notBlank(String message) {
        return (value, context) -> value == null || value.isBlank() ? ValidationResult.error(message)
                : ValidationResult.ok();
    }
}
