package com.seqplay.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.List;

/**
 * Server side of {@code seqplay-compare-chart}: overlaid curves of runs or groups, a group's band
 * (its spread), smoothing, log scale, zoom and a baseline line. The data goes in one property;
 * smoothing and log scale in their own, so that changing them sends no points again.
 */
@Tag("seqplay-compare-chart")
@JsModule("./components/compare-chart.ts")
@NpmPackage(value = "echarts", version = "5.6.0")
public class CompareChart extends Component implements HasSize {

    /** One line: {@code points} are [x, y]; a group's {@code band} rows are [x, lower, upper], or null. */
    public record Line(String name, List<double[]> points, List<double[]> band) {}

    /** A dashed horizontal line, e.g. the task's baseline. */
    public record Baseline(double value, String label) {}

    /**
     * @param integerX whether x only takes whole numbers (steps, epochs, distances), so that the
     *     axis shows no ticks between them
     */
    public void show(String xName, String yName, boolean integerX, Baseline baseline, List<Line> lines) {
        JsonObject data = Json.createObject();
        data.put("xName", xName);
        data.put("yName", yName);
        data.put("integerX", integerX);
        if (baseline != null) {
            JsonObject b = Json.createObject();
            b.put("value", baseline.value());
            b.put("label", baseline.label());
            data.put("baseline", b);
        }
        JsonArray array = Json.createArray();
        for (Line line : lines) {
            JsonObject l = Json.createObject();
            l.put("name", line.name());
            l.put("points", rows(line.points()));
            if (line.band() != null) {
                l.put("band", rows(line.band()));
            }
            array.set(array.length(), l);
        }
        data.put("lines", array);
        getElement().setPropertyJson("data", data);
    }

    /** Exponential smoothing weight (0 = none), applied in the browser. */
    public void setSmoothing(double weight) {
        getElement().setProperty("smoothing", weight);
    }

    public void setLog(boolean log) {
        getElement().setProperty("log", log);
    }

    private static JsonArray rows(List<double[]> rows) {
        JsonArray out = Json.createArray();
        for (double[] row : rows) {
            JsonArray r = Json.createArray();
            for (int i = 0; i < row.length; i++) {
                r.set(i, Double.isFinite(row[i]) ? row[i] : 0);
            }
            out.set(out.length(), r);
        }
        return out;
    }
}
