package com.seqplay.run.domain;

import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.TaskDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The name a run gets when nobody gives it one: what tells it apart from its neighbours in the
 * list, "textgen gru h128 clip5 #31". The task, cell, hidden size and clipping are always there,
 * the dataset only when it is not the task's default, the run's id last.
 */
public final class DefaultRunName {
    private DefaultRunName() {}

    /** @param id the run's id, or null before it has one */
    public static String of(RunSpec spec, Long id) {
        List<String> parts = new ArrayList<>();
        parts.add(spec.task().id());
        parts.add(spec.cell().id());
        if (spec.hiddenSize() != null) {
            parts.add("h" + spec.hiddenSize());
        }
        if (spec.clipping() != null) {
            parts.add(clipping(spec.clipping()));
        }
        if (spec.dataset() != null && !spec.dataset().equals(TaskDefinitions.of(spec.task()).defaultDataset())) {
            parts.add(spec.dataset());
        }
        if (id != null) {
            parts.add("#" + id);
        }
        String name = String.join(" ", parts);
        return name.length() <= RunNames.MAX_LENGTH ? name : name.substring(0, RunNames.MAX_LENGTH);
    }

    /** "noclip", "clip5" (global norm, the default kind), or the mode and its threshold: "value0.5". */
    static String clipping(Clipping c) {
        if (c.mode() == ClippingMode.NONE) {
            return "noclip";
        }
        String threshold = c.threshold() == null ? "" : number(c.threshold());
        return (c.mode() == ClippingMode.GLOBAL_NORM ? "clip" : c.mode().id()) + threshold;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
