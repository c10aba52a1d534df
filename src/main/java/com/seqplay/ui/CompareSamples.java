package com.seqplay.ui;

import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.history.Grouping;
import com.seqplay.run.history.SideBySide;
import com.seqplay.spec.TaskType;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The compared runs' latest samples side by side, per task: translations of the same held-out
 * sentences, texts from the same prompt, answers to the same memory questions (with each run's
 * share right), forecasts of the same window on one chart. Where the runs' samples are on other
 * inputs it says so above the table instead of lining up unrelated rows.
 */
final class CompareSamples {
    /** The sample kinds read for this section. */
    static final Set<String> KINDS = Set.of("translation", "text", "memory", "forecast");

    private CompareSamples() {}

    /**
     * @param group the specification field runs are grouped by, or null: with grouping, each
     *     column says its run's group
     */
    static List<Component> of(List<Run> runs, Map<Long, List<Sample>> samples, String group) {
        LongFunction<String> header = id -> "#" + id + (group == null ? ""
                : " (" + group + " " + Grouping.value(runs.stream().filter(r -> r.id() == id).findFirst().orElseThrow(),
                        group) + ")");
        List<Component> out = new ArrayList<>();
        for (TaskType task : runs.stream().map(Run::task).distinct().toList()) {
            List<Long> ids = runs.stream().filter(r -> r.task() == task).map(Run::id).toList();
            Div section = new Div();
            section.setId("compare-samples-" + task.id());
            section.addClassName("compare-samples");
            switch (task) {
                case TRANSLATION -> table(section, SideBySide.translations(ids, samples), "source", "reference", header,
                        "held-out sentences");
                case TEXTGEN -> table(section, SideBySide.texts(ids, samples), "prompt", null, header, "prompts");
                case MEMORY -> table(section, SideBySide.memory(ids, samples), "symbols shown", "right answer", header,
                        "questions");
                case FORECASTING -> forecasts(section, SideBySide.forecasts(ids, samples), header);
            }
            if (runs.stream().map(Run::task).distinct().count() > 1) {
                out.add(new H4(task.label()));
            }
            out.add(section);
        }
        return out;
    }

    private static void table(Div section, SideBySide.InputTable t, String inputLabel, String referenceLabel,
            LongFunction<String> header, String inputsWord) {
        if (t.runs().isEmpty()) {
            section.add(new Paragraph("No samples stored yet."));
            return;
        }
        if (!t.sameInputs()) {
            Paragraph note = new Paragraph("These runs' samples are not on the same " + inputsWord + " (another"
                    + " dataset, split or setting): " + t.sharedInputs() + " of " + t.rows().size()
                    + " are shared by all; an empty cell is one that run was not shown.");
            note.addClassName("samples-note");
            section.add(note);
        }
        Element table = HtmlTable.table("compare-samples-table-" + t.kind());
        table.getClassList().add("samples-table");
        Element head = new Element("tr");
        head.appendChild(HtmlTable.cell("th", inputLabel));
        if (referenceLabel != null) {
            head.appendChild(HtmlTable.cell("th", referenceLabel));
        }
        t.runs().forEach(id -> head.appendChild(HtmlTable.cell("th", header.apply(id) + " · epoch " + t.epochs().get(id))));
        table.appendChild(head);
        for (SideBySide.Row row : t.rows()) {
            Element tr = new Element("tr").setAttribute("data-input", row.input());
            tr.appendChild(mono(HtmlTable.cell("td", row.input())));
            if (referenceLabel != null) {
                tr.appendChild(mono(HtmlTable.cell("td", row.reference() == null ? "" : row.reference())));
            }
            for (long id : t.runs()) {
                SideBySide.Answer a = row.answers().get(id);
                Element td = mono(HtmlTable.cell("td", a == null ? "" : a.text()));
                td.setAttribute("data-run", Long.toString(id));
                if (a != null && a.correct() != null) {
                    td.getStyle().set("color", a.correct() ? "var(--lumo-success-text-color)"
                            : "var(--lumo-error-text-color)");
                    td.getClassList().add(a.correct() ? "right" : "wrong");
                }
                tr.appendChild(td);
            }
            table.appendChild(tr);
        }
        if (t.runs().stream().anyMatch(id -> !Double.isNaN(t.accuracy(id)))) {
            Element tr = new Element("tr").setAttribute("data-input", "right");
            tr.appendChild(HtmlTable.cell("th", "right on these"));
            if (referenceLabel != null) {
                tr.appendChild(HtmlTable.cell("td", ""));
            }
            t.runs().forEach(id -> tr.appendChild(HtmlTable.cell("th", Double.isNaN(t.accuracy(id)) ? "–"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * t.accuracy(id)))));
            table.appendChild(tr);
        }
        Div scroll = new Div();
        scroll.getStyle().set("overflow-x", "auto").set("max-width", "100%");
        scroll.getElement().appendChild(table);
        section.add(scroll);
    }

    private static Element mono(Element cell) {
        cell.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("white-space", "pre-wrap");
        return cell;
    }

    private static void forecasts(Div section, List<SideBySide.ForecastWindow> windows, LongFunction<String> header) {
        if (windows.isEmpty()) {
            section.add(new Paragraph("No samples stored yet."));
            return;
        }
        if (windows.size() > 1) {
            Paragraph note = new Paragraph("These runs forecast different windows (another dataset, window or"
                    + " horizon): each window has its own chart, with the runs that forecast it.");
            note.addClassName("samples-note");
            section.add(note);
        }
        for (SideBySide.ForecastWindow w : windows) {
            List<CompareChart.Line> lines = new ArrayList<>();
            lines.add(new CompareChart.Line("history", xy(w.history(), -w.history().length), null));
            lines.add(new CompareChart.Line("actual", xy(w.actual(), 0), null));
            w.forecasts().forEach((id, f) -> lines.add(new CompareChart.Line(header.apply(id) + " · epoch "
                    + w.epochs().get(id), xy(f, 0), null)));
            var chart = new CompareChart();
            chart.addClassName("compare-forecast");
            chart.show("time step (0 = first forecast)", "value (data units)", true, null, lines);
            section.add(chart);
        }
    }

    private static List<double[]> xy(double[] values, int firstX) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new double[] {firstX + i, values[i]});
        }
        return out;
    }
}
