package com.seqplay.ui;

import com.seqplay.run.domain.MetricPoint;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Server side of the {@code seqplay-loss-chart} Lit element: sends metric points to the browser.
 * By default x is the step and there is one unnamed linear y axis; the axes, a second (right)
 * y axis for series of another quantity, and a labelled threshold line are set with the methods
 * below, which return the chart so that a view can configure it in one statement.
 */
@Tag("seqplay-loss-chart")
@JsModule("./components/loss-chart.ts")
@NpmPackage(value = "echarts", version = "5.6.0")
public class LossChart extends Component implements HasSize {
    private XAxis xAxis = XAxis.STEP;
    private final List<JsonObject> rightAxes = new ArrayList<>();

    /** The x axis: its name and whether points are placed by step or by epoch. */
    public LossChart xAxis(XAxis axis) {
        this.xAxis = axis;
        getElement().setAttribute("x-axis", axis.toJson().toJson());
        return this;
    }

    /** The left y axis, for every series not put on a right axis. */
    public LossChart yAxis(YAxis axis) {
        getElement().setAttribute("y-axis", axis.toJson().toJson());
        return this;
    }

    /**
     * Adds an axis on the right for the named series, so a quantity of another size or unit
     * (perplexity beside bits per character) gets its own scale. Several right axes stand side by side.
     */
    public LossChart rightAxis(YAxis axis, Collection<String> seriesNames) {
        JsonObject json = axis.toJson();
        JsonArray names = Json.createArray();
        seriesNames.forEach(n -> names.set(names.length(), n));
        json.put("series", names);
        rightAxes.add(json);
        JsonArray all = Json.createArray();
        rightAxes.forEach(a -> all.set(all.length(), a));
        getElement().setAttribute("right-axes", all.toJson());
        return this;
    }

    /** A dashed horizontal line at {@code value} on the left axis, with a label (e.g. a clipping threshold). */
    public LossChart threshold(double value, String label) {
        JsonObject json = Json.createObject();
        json.put("value", value);
        json.put("label", label);
        getElement().setAttribute("threshold", json.toJson());
        return this;
    }

    /** Takes the threshold line away. */
    public LossChart noThreshold() {
        getElement().removeAttribute("threshold");
        return this;
    }

    /** Removes every series. */
    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** Adds points, grouped by series name. */
    public void add(List<MetricPoint> points) {
        Map<String, List<MetricPoint>> byName = points.stream()
                .collect(Collectors.groupingBy(MetricPoint::name, LinkedHashMap::new, Collectors.toList()));
        byName.forEach((name, list) -> getElement().callJsFunction("addPoints", name, pairs(list)));
    }

    /** Replaces one series with these points: for values that are recomputed, such as a share per epoch. */
    public void set(String seriesName, List<MetricPoint> points) {
        getElement().callJsFunction("setSeries", seriesName, pairs(points));
    }

    private JsonArray pairs(List<MetricPoint> points) {
        JsonArray array = Json.createArray();
        for (int i = 0; i < points.size(); i++) {
            MetricPoint p = points.get(i);
            JsonArray pair = Json.createArray();
            pair.set(0, xAxis.coordinate() == XAxis.Coordinate.EPOCH ? p.epoch() : p.step());
            pair.set(1, p.value());
            array.set(i, pair);
        }
        return array;
    }
}
