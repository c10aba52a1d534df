package com.seqplay.ui;

import com.seqplay.spec.TaskType;
import java.util.List;

/**
 * The held-out metrics of a run, one point per epoch, with one axis per quantity: bits per
 * character and perplexity (about 3 and 15) on one axis would flatten the one that matters.
 */
class HeldOutChart extends LossChart {

    HeldOutChart() {
        xAxis(XAxis.EPOCH);
        yAxis(YAxis.linear("value"));
    }

    /** Sets the axes for the metrics that a task reports. */
    void forTask(TaskType task) {
        switch (task) {
            case TEXTGEN -> yAxis(YAxis.linear("bits per character (bpc)"))
                    .rightAxis(YAxis.linear("perplexity"), List.of("perplexity"));
            case TRANSLATION -> yAxis(YAxis.share("score (BLEU, exact match)"));
            case FORECASTING -> yAxis(YAxis.linear("error in data units (mae, rmse)"))
                    .rightAxis(YAxis.linear("MASE"), List.of("mase"))
                    .rightAxis(YAxis.linear("sMAPE (%)"), List.of("smape"));
            case MEMORY -> yAxis(YAxis.share("accuracy"));
        }
    }
}
