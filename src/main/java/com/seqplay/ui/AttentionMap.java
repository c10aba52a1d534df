package com.seqplay.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;
import java.util.List;

/** Server side of the {@code seqplay-attention-map} heatmap. */
@Tag("seqplay-attention-map")
@JsModule("./components/attention-map.ts")
@NpmPackage(value = "echarts", version = "5.6.0")
class AttentionMap extends Component implements HasSize {
    /** Enough height per output row for its label to stay readable, and room for the axis names. */
    private static final int ROW_PX = 22;
    private static final int MARGINS_PX = 110;
    private static final int MIN_PX = 300;

    AttentionMap() {
        setWidthFull();
        setHeight(MIN_PX + "px");
    }

    /** Draws the weights: one row per output token, one column per source token. */
    void show(List<String> source, List<String> output, double[][] weights) {
        setHeight(Math.max(MIN_PX, MARGINS_PX + ROW_PX * weights.length) + "px");
        JsonArray rows = Json.createArray();
        for (int r = 0; r < weights.length; r++) {
            JsonArray row = Json.createArray();
            for (int c = 0; c < weights[r].length; c++) {
                row.set(c, weights[r][c]);
            }
            rows.set(r, row);
        }
        getElement().callJsFunction("show", strings(source), strings(output), rows);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = Json.createArray();
        for (int i = 0; i < values.size(); i++) {
            a.set(i, values.get(i));
        }
        return a;
    }
}
