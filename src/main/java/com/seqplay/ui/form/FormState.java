package com.seqplay.ui.form;

import com.seqplay.spec.CellType;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.TaskType;
import com.seqplay.task.BuiltinDataset;

/** The choices on the form that decide which other fields apply (values as currently selected). */
public record FormState(TaskType task, CellType cell, ClippingMode clipping, String dataset) {
    public boolean builtinDataset() {
        return dataset == null || dataset.startsWith(BuiltinDataset.PREFIX);
    }
}
