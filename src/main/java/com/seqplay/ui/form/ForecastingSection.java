package com.seqplay.ui.form;

import com.seqplay.spec.ForecastingOptions;
import com.seqplay.spec.MissingValues;
import com.seqplay.spec.TaskType;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasting's options on the form: window, horizon and season; for an uploaded CSV also its
 * columns and what to do with gaps (a built-in series has neither).
 */
public final class ForecastingSection extends TaskSection<ForecastingSection.Model, ForecastingOptions> {
    /** Column names or numbers are free text; longer than this is surely a mistake. */
    private static final int MAX_COLUMN_LENGTH = 200;
    private static final int MAX_VALUE_COLUMNS_LENGTH = 4000;

    static final class Model {
        Integer builtinSize;
        Integer window;
        Integer horizon;
        Integer period;
        String valueColumn;
        String dateColumn;
        MissingValues missingValues;
        Integer backtests;
        String seriesColumn;
        /** Comma-separated on the form, a list in the specification. */
        String valueColumns;
        Integer ensemble;
    }

    public ForecastingSection() {
        super(ForecastingOptions.class);
        fields.integer("Look-back window", "window", m -> m.window, (m, v) -> m.window = v)
                .helper("Past points the model sees for each forecast.");
        fields.integer("Forecast horizon", "horizon", m -> m.horizon, (m, v) -> m.horizon = v)
                .helper("Points predicted at once.");
        fields.integer("Season length (0: detect)", "period", m -> m.period, (m, v) -> m.period = v)
                .helper("For the seasonal-naive baseline.");
        fields.integer("Backtest cut-offs (0: off)", "backtests", m -> m.backtests, (m, v) -> m.backtests = v)
                .helper("The model is trained again at each cut-off and scored there: mean and spread.");
        fields.optionalText("Value column", "valueColumn", MAX_COLUMN_LENGTH, m -> m.valueColumn,
                (m, v) -> m.valueColumn = v)
                .helper("Name or number (1 is the first); empty: the only numeric column.")
                .shownWhen(state -> !state.builtinDataset());
        fields.optionalText("Date column", "dateColumn", MAX_COLUMN_LENGTH, m -> m.dateColumn,
                (m, v) -> m.dateColumn = v)
                .helper("Optional: name or number.")
                .shownWhen(state -> !state.builtinDataset());
        fields.optionalText("Series column (long format)", "seriesColumn", MAX_COLUMN_LENGTH, m -> m.seriesColumn,
                (m, v) -> m.seriesColumn = v)
                .helper("Several series in one file: the column naming each row's series; one model learns from all.")
                .shownWhen(state -> !state.builtinDataset());
        fields.optionalText("Value columns (wide format)", "valueColumns", MAX_VALUE_COLUMNS_LENGTH,
                m -> m.valueColumns, (m, v) -> m.valueColumns = v)
                .helper("Several series side by side: their columns, separated by commas, or * for every numeric one.")
                .shownWhen(state -> !state.builtinDataset());
        fields.integer("Ensemble (networks averaged)", "ensemble", m -> m.ensemble, (m, v) -> m.ensemble = v)
                .helper("Networks trained with different seeds whose forecasts are averaged; each costs a training.");
        fields.choice("Missing values", "missingValues", MissingValues.class, m -> m.missingValues,
                (m, v) -> m.missingValues = v)
                .shownWhen(state -> !state.builtinDataset());
    }

    @Override
    public TaskType task() {
        return TaskType.FORECASTING;
    }

    @Override
    protected Model modelOf(ForecastingOptions o) {
        var m = new Model();
        m.builtinSize = o.builtinSize();
        m.window = o.window();
        m.horizon = o.horizon();
        m.period = o.period();
        m.valueColumn = o.valueColumn();
        m.dateColumn = o.dateColumn();
        m.missingValues = o.missingValues();
        m.backtests = o.backtests();
        m.seriesColumn = o.seriesColumn();
        m.valueColumns = o.valueColumns() == null ? null : String.join(", ", o.valueColumns());
        m.ensemble = o.ensemble();
        return m;
    }

    @Override
    protected ForecastingOptions optionsOf(Model m) {
        List<String> columns = m.valueColumns == null || m.valueColumns.isBlank() ? null
                : Arrays.stream(m.valueColumns.split(",")).map(String::strip).toList();
        return new ForecastingOptions(m.builtinSize, m.window, m.horizon, m.period, m.valueColumn, m.dateColumn,
                m.missingValues, m.backtests, m.seriesColumn, columns, m.ensemble);
    }
}
