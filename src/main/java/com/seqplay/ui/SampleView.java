package com.seqplay.ui;

import com.seqplay.events.sample.AttentionSample;
import com.seqplay.events.sample.MemorySample;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.events.sample.SampleText;
import com.seqplay.events.sample.TextSample;
import com.seqplay.events.sample.TranslationSample;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/**
 * One epoch's sample in the samples panel, drawn as what it is: text as the prompt (marked) and
 * the model's continuation, translations and memory answers as "source -> output (reference)"
 * lines, attention as a small heatmap. Anything else (content stored by an older version) shows
 * as its text.
 */
final class SampleView extends Div {

    SampleView(int epoch, SamplePayload payload) {
        addClassName("sample");
        getElement().setAttribute("data-kind", payload.kind());
        getStyle().set("margin", "0 0 var(--lumo-space-s) 0");
        Span label = new Span("epoch " + epoch + (payload instanceof AttentionSample ? " attention" : "") + ": ");
        label.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(label, body(payload));
    }

    private static Component body(SamplePayload payload) {
        if (payload instanceof TextSample t) {
            Span prompt = new Span(t.prompt());
            prompt.addClassName("sample-prompt");
            prompt.getStyle().set("font-weight", "bold").set("background", "var(--lumo-contrast-10pct)");
            Span continuation = new Span(t.continuation());
            continuation.addClassName("sample-continuation");
            return text(prompt, continuation);
        }
        if (payload instanceof TranslationSample t) {
            return lines(t.pairs().stream().map(p -> line(p.source(), p.output(), p.reference())).toList());
        }
        if (payload instanceof MemorySample m) {
            List<Component> lines = new java.util.ArrayList<>();
            lines.add(new Span("after " + m.distractors() + " distractors:\n"));
            m.questions().forEach(q -> lines.add(line(q.symbols(), q.answer(), q.truth())));
            return lines(lines);
        }
        if (payload instanceof AttentionSample a) {
            Div box = new Div(new Span(String.join(" ", a.source()) + " -> " + String.join(" ", a.output())));
            AttentionMap map = new AttentionMap();
            map.show(a.source(), a.output(), a.weights()); // the map sets its height by its rows
            map.setMaxWidth("32em");
            box.add(map);
            return box;
        }
        return text(new Span(SampleText.of(payload)));
    }

    /** "source -> output (reference)", the output marked right or wrong. */
    private static Component line(String source, String output, String reference) {
        Span out = new Span(output);
        out.getStyle().set("color", output.equals(reference) ? "var(--lumo-success-text-color)"
                : "var(--lumo-error-text-color)");
        return new Span(new Span(source + " -> "), out, new Span(" (" + reference + ")\n"));
    }

    private static Component lines(List<Component> lines) {
        return text(lines.toArray(Component[]::new));
    }

    private static Pre text(Component... parts) {
        Pre pre = new Pre(parts);
        pre.getStyle().set("white-space", "pre-wrap").set("margin", "0");
        return pre;
    }
}
