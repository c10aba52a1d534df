package com.seqplay.events.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A sample as plain text, for a terminal or a log: one line per pair, short summaries of the numbers. */
public final class SampleText {
    private static final int SHOWN_NUMBERS = 8;

    private SampleText() {}

    public static String of(SamplePayload payload) {
        if (payload instanceof TextSample t) {
            return "[" + t.prompt() + "]" + t.continuation();
        }
        if (payload instanceof TranslationSample t) {
            return t.pairs().stream().map(p -> p.source() + " -> " + p.output() + " (" + p.reference() + ")")
                    .collect(Collectors.joining("\n"));
        }
        if (payload instanceof AttentionSample a) {
            return "attention over " + String.join(" ", a.source()) + " -> " + String.join(" ", a.output());
        }
        if (payload instanceof ForecastSample f) {
            return "forecast " + numbers(f.forecast()) + ", actual " + numbers(f.actual());
        }
        if (payload instanceof GradientReachSample g) {
            return "relative gradient norm by distance " + numbers(g.relativeNorm());
        }
        if (payload instanceof MemorySample m) {
            return "after " + m.distractors() + " distractors:\n" + m.questions().stream()
                    .map(q -> q.symbols() + " -> " + q.answer() + " (" + q.truth() + ")").collect(Collectors.joining("\n"));
        }
        if (payload instanceof LengthAccuracySample l) {
            return "exact match by source length (" + l.heldOut().name().toLowerCase(Locale.ROOT) + " pairs): "
                    + l.buckets().stream().map(b -> String.format(Locale.ROOT, "%d-%d tokens %.0f%% of %d",
                            b.minTokens(), b.maxTokens(), 100 * b.exactMatch(), b.pairs()))
                    .collect(Collectors.joining(", "));
        }
        return ((RawSample) payload).content();
    }

    private static String numbers(double[] values) {
        String shown = Arrays.stream(values).limit(SHOWN_NUMBERS).mapToObj(v -> String.format(Locale.ROOT, "%.3g", v))
                .collect(Collectors.joining(", "));
        return "[" + shown + (values.length > SHOWN_NUMBERS ? ", ...]" : "]");
    }
}
