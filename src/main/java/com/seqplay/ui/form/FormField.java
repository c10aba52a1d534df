package com.seqplay.ui.form;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.function.SerializablePredicate;

/**
 * One field of the New Run form: its component, its Binder binding, the specification field it
 * edits (as {@link com.seqplay.spec.SpecProblem} names it, so that a problem found by the
 * validator lands on it) and the condition under which it applies. A field that does not apply is
 * hidden, neither checked nor written: the specification keeps the value it had.
 */
public final class FormField {
    private final String specField;
    private final Component component;
    private final Binder.Binding<?, ?> binding;
    private SerializablePredicate<FormState> appliesWhen = state -> true;
    private String helper;

    FormField(String specField, Component component, Binder.Binding<?, ?> binding) {
        this.specField = specField;
        this.component = component;
        this.binding = binding;
    }

    /** Restricts the field to the states where {@code condition} holds (in addition to earlier ones). */
    public FormField shownWhen(SerializablePredicate<FormState> condition) {
        SerializablePredicate<FormState> before = appliesWhen;
        appliesWhen = state -> before.test(state) && condition.test(state);
        return this;
    }

    /** A line under the field saying what it does. */
    public FormField helper(String text) {
        helper = text;
        if (component instanceof HasHelper h) {
            h.setHelperText(text);
        }
        return this;
    }

    /**
     * Shows why the field has its value ("Proposed from the data: 24: two seasons of 12") in place
     * of its usual helper line; null brings the usual line back.
     */
    void note(String reason) {
        if (component instanceof HasHelper h) {
            h.setHelperText(reason == null ? helper : reason);
        }
    }

    public String specField() {
        return specField;
    }

    public Component component() {
        return component;
    }

    public Binder.Binding<?, ?> binding() {
        return binding;
    }

    public String label() {
        return component instanceof HasLabel l && l.getLabel() != null ? l.getLabel() : specField;
    }

    boolean appliesIn(FormState state) {
        return appliesWhen.test(state);
    }

    void showFor(FormState state) {
        component.setVisible(appliesIn(state));
    }

    boolean shown() {
        return component.isVisible();
    }

    /** Marks the field with a problem the validator found; Binder clears it when the value changes. */
    void showProblem(String message) {
        if (component instanceof HasValidation v) {
            v.setErrorMessage(message);
            v.setInvalid(true);
        }
    }
}
