package com.seqplay.ui;

import com.seqplay.run.domain.MetricPoint;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Server side of the {@code seqplay-loss-chart} Lit element: sends metric points to the browser. */
@Tag("seqplay-loss-chart")
@JsModule("./components/loss-chart.ts")
@NpmPackage(value = "echarts", version = "5.6.0")
public class LossChart extends Component implements HasSize {

    /** Removes every series. */
    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** Adds points, grouped by series name. */
    public void add(List<MetricPoint> points) {
        Map<String, List<MetricPoint>> byName = points.stream()
                .collect(Collectors.groupingBy(MetricPoint::name, java.util.LinkedHashMap::new, Collectors.toList()));
        byName.forEach((name, list) -> {
            JsonArray array = Json.createArray();
            for (int i = 0; i < list.size(); i++) {
                JsonArray pair = Json.createArray();
                pair.set(0, list.get(i).step());
                pair.set(1, list.get(i).value());
                array.set(i, pair);
            }
            getElement().callJsFunction("addPoints", name, array);
        });
    }
}
