package com.seqplay.ui.inspect;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.List;

/** Server side of the {@code seqplay-state-heatmap} web component. */
@Tag("seqplay-state-heatmap")
@JsModule("./components/state-heatmap.ts")
@NpmPackage(value = "echarts", version = "5.6.0")
class StateHeatmap extends Component implements HasSize {
    /** Colour scales of the component: gates and attention weights from 0 to 1, states centred on 0. */
    enum Scale {
        GATE("gate"), SIGNED("signed"), WEIGHT("weight");

        final String id;

        Scale(String id) {
            this.id = id;
        }
    }

    /** Height per row while rows stay readable, within bounds: 256 units must not make a page of one map. */
    private static final int ROW_PX = 6;
    private static final int MIN_PX = 180;
    private static final int MAX_PX = 520;
    private static final int MARGINS_PX = 70;

    StateHeatmap() {
        setWidthFull();
        setHeight(MIN_PX + "px");
    }

    /**
     * @param values [row][column]
     * @param columnName names the column axis, {@code rowName} the row axis and {@code valueName} the
     *                   value, on the axes and in the hover text
     */
    void show(List<String> columns, List<String> rows, float[][] values, Scale scale, String columnName,
            String rowName, String valueName) {
        int rowPx = rows.size() > 40 ? ROW_PX : 22;
        setHeight(Math.min(MAX_PX, Math.max(MIN_PX, MARGINS_PX + rowPx * rows.size())) + "px");
        JsonObject data = Json.createObject();
        data.put("columns", strings(columns));
        data.put("rows", strings(rows));
        JsonArray valueRows = Json.createArray();
        for (int r = 0; r < values.length; r++) {
            JsonArray row = Json.createArray();
            for (int c = 0; c < values[r].length; c++) {
                // four significant digits are more than a colour can show, and keep the page light
                row.set(c, Math.round(values[r][c] * 1e4) / 1e4);
            }
            valueRows.set(r, row);
        }
        data.put("values", valueRows);
        data.put("scale", scale.id);
        data.put("columnName", columnName);
        data.put("rowName", rowName);
        data.put("valueName", valueName);
        getElement().callJsFunction("show", data);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = Json.createArray();
        for (int i = 0; i < values.size(); i++) {
            a.set(i, values.get(i));
        }
        return a;
    }
}
