package com.seqplay.run.history;

import com.seqplay.events.sample.ForecastSample;
import com.seqplay.events.sample.GradientReachSample;
import com.seqplay.events.sample.MemorySample;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.events.sample.TextSample;
import com.seqplay.events.sample.TranslationSample;
import com.seqplay.run.domain.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latest sample of each compared run, lined up by input: the same held-out sentence with
 * each run's translation, the same prompt with each run's text, the same memory question with
 * each run's answer, the same forecast window with each run's forecast. Runs whose samples were
 * made on other inputs (another dataset, another split) are not forced into one row: each input
 * gets its own row, and {@link InputTable#sameInputs()} says whether every run answered every input.
 */
public final class SideBySide {
    private SideBySide() {}

    /** One run's answer to one input; {@code correct} is null where there is no single right answer (text). */
    public record Answer(String text, Boolean correct) {}

    /** One input (a source sentence, a prompt, a question), its reference if it has one, and each run's answer. */
    public record Row(String input, String reference, Map<Long, Answer> answers) {}

    /**
     * Inputs by answers: one row per input, one column per run ({@code runs}, in comparison order),
     * with the epoch each run's sample comes from.
     */
    public record InputTable(String kind, List<Long> runs, Map<Long, Integer> epochs, List<Row> rows) {
        /** Whether every run answered every input: only then is reading across a row a fair comparison. */
        public boolean sameInputs() {
            return rows.stream().allMatch(r -> r.answers().keySet().containsAll(runs));
        }

        /** How many inputs every run answered. */
        public long sharedInputs() {
            return rows.stream().filter(r -> r.answers().keySet().containsAll(runs)).count();
        }

        /** Share of a run's answers that are right, over the inputs it answered; NaN where answers have no right or wrong. */
        public double accuracy(long run) {
            long judged = 0;
            long right = 0;
            for (Row r : rows) {
                Answer a = r.answers().get(run);
                if (a != null && a.correct() != null) {
                    judged++;
                    right += a.correct() ? 1 : 0;
                }
            }
            return judged == 0 ? Double.NaN : (double) right / judged;
        }
    }

    /** Runs that forecast the same window: what the models read, what happened, and each run's forecast. */
    public record ForecastWindow(int origin, double[] history, double[] actual, Map<Long, double[]> forecasts,
            Map<Long, Integer> epochs) {}

    /** One run's latest gradient-reach curve: relative gradient size by distance in steps (0 = the last input). */
    public record ReachCurve(long run, int epoch, double[] relativeNorm) {}

    /**
     * The latest sample of {@code kind} for each run, in the order of {@code runs}; runs without
     * one are left out. Samples are epoch-ordered per run, so the last one read is the latest.
     */
    static Map<Long, Sample> latest(List<Long> runs, Map<Long, List<Sample>> samples, String kind) {
        Map<Long, Sample> out = new LinkedHashMap<>();
        for (long run : runs) {
            for (Sample s : samples.getOrDefault(run, List.of())) {
                if (s.kind().equals(kind) && (out.get(run) == null || s.epoch() >= out.get(run).epoch())) {
                    out.put(run, s);
                }
            }
        }
        return out;
    }

    /** Held-out sentences by each run's translation, marked right where it equals the reference. */
    public static InputTable translations(List<Long> runs, Map<Long, List<Sample>> samples) {
        var table = new TableBuilder(TranslationSample.KIND, runs);
        latest(runs, samples, TranslationSample.KIND).forEach((run, s) -> {
            if (s.payload() instanceof TranslationSample t) {
                table.epoch(run, s.epoch());
                t.pairs().forEach(p -> table.answer(p.source(), p.reference(), run,
                        new Answer(p.output(), p.output().equals(p.reference()))));
            }
        });
        return table.build();
    }

    /** Prompts by each run's generated continuation. */
    public static InputTable texts(List<Long> runs, Map<Long, List<Sample>> samples) {
        var table = new TableBuilder(TextSample.KIND, runs);
        latest(runs, samples, TextSample.KIND).forEach((run, s) -> {
            if (s.payload() instanceof TextSample t) {
                table.epoch(run, s.epoch());
                table.answer(t.prompt(), null, run, new Answer(t.continuation(), null));
            }
        });
        return table.build();
    }

    /**
     * Memory questions (the symbols shown; the gap length is part of the question where the runs
     * bridge different gaps) by each run's answer and the probability it gave it.
     */
    public static InputTable memory(List<Long> runs, Map<Long, List<Sample>> samples) {
        var table = new TableBuilder(MemorySample.KIND, runs);
        Map<Long, MemorySample> latest = new LinkedHashMap<>();
        latest(runs, samples, MemorySample.KIND).forEach((run, s) -> {
            if (s.payload() instanceof MemorySample m) {
                table.epoch(run, s.epoch());
                latest.put(run, m);
            }
        });
        boolean gapsDiffer = latest.values().stream().map(MemorySample::distractors).distinct().count() > 1;
        latest.forEach((run, m) -> m.questions().forEach(q -> table.answer(
                gapsDiffer ? q.symbols() + " (gap " + m.distractors() + ")" : q.symbols(), q.truth(), run,
                new Answer(String.format(Locale.ROOT, "%s (p %.2f)", q.answer(), q.probability()), q.correct()))));
        return table.build();
    }

    /**
     * The runs' latest forecasts, one window per distinct (origin, history, actual): runs on the
     * same data and split share one window; others get their own.
     */
    public static List<ForecastWindow> forecasts(List<Long> runs, Map<Long, List<Sample>> samples) {
        List<ForecastWindow> windows = new ArrayList<>();
        latest(runs, samples, ForecastSample.KIND).forEach((run, s) -> {
            if (!(s.payload() instanceof ForecastSample f)) {
                return;
            }
            ForecastWindow window = windows.stream().filter(w -> w.origin() == f.origin()
                    && Arrays.equals(w.history(), f.history()) && Arrays.equals(w.actual(), f.actual()))
                    .findFirst().orElse(null);
            if (window == null) {
                window = new ForecastWindow(f.origin(), f.history(), f.actual(), new LinkedHashMap<>(),
                        new LinkedHashMap<>());
                windows.add(window);
            }
            window.forecasts().put(run, f.forecast());
            window.epochs().put(run, s.epoch());
        });
        return windows;
    }

    /** Each run's latest gradient-reach curve, in comparison order. */
    public static List<ReachCurve> reach(List<Long> runs, Map<Long, List<Sample>> samples) {
        List<ReachCurve> out = new ArrayList<>();
        latest(runs, samples, GradientReachSample.KIND).forEach((run, s) -> {
            SamplePayload p = s.payload();
            if (p instanceof GradientReachSample g) {
                out.add(new ReachCurve(run, s.epoch(), g.relativeNorm()));
            }
        });
        return out;
    }

    /** Rows in the order inputs first appear (first run's order first). */
    private static final class TableBuilder {
        private final String kind;
        private final List<Long> runs;
        private final Map<Long, Integer> epochs = new LinkedHashMap<>();
        private final Map<String, Row> rows = new LinkedHashMap<>();

        TableBuilder(String kind, List<Long> runs) {
            this.kind = kind;
            this.runs = runs;
        }

        void epoch(long run, int epoch) {
            epochs.put(run, epoch);
        }

        void answer(String input, String reference, long run, Answer answer) {
            // the reference is part of the input: the same source with another reference is another item
            String key = input + "\u0000" + (reference == null ? "" : reference);
            rows.computeIfAbsent(key, k -> new Row(input, reference, new LinkedHashMap<>())).answers()
                    .putIfAbsent(run, answer);
        }

        InputTable build() {
            // only runs that have a sample of this kind are columns
            List<Long> columns = runs.stream().filter(epochs::containsKey).toList();
            return new InputTable(kind, columns, Map.copyOf(epochs), List.copyOf(rows.values()));
        }
    }
}
