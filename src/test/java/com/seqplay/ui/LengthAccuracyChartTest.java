package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.events.sample.LengthAccuracySample;
import com.seqplay.events.sample.LengthAccuracySample.Bucket;
import com.seqplay.events.sample.LengthAccuracySample.HeldOut;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthAccuracyChartTest {
    private static final LengthAccuracySample VALIDATION = new LengthAccuracySample(HeldOut.VALIDATION,
            List.of(new Bucket(3, 5, 10, 0.5, 0.7), new Bucket(6, 9, 10, 0.1, 0.4)));
    private static final LengthAccuracySample TEST = new LengthAccuracySample(HeldOut.TEST,
            List.of(new Bucket(3, 5, 7, 1.0, 1.0), new Bucket(6, 6, 6, 0.5, 0.8), new Bucket(7, 9, 7, 0.0, 0.3)));

    @Test
    void hidden_until_a_sample_then_the_test_pairs_stay_once_shown() {
        var chart = new LengthAccuracyChart();
        assertThat(chart.isVisible()).as("other tasks never send one").isFalse();

        chart.show(1, VALIDATION);
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getElement().getAttribute("data-held-out")).isEqualTo("validation");
        assertThat(chart.getElement().getAttribute("data-buckets")).isEqualTo("2");

        chart.show(2, TEST);
        chart.show(3, VALIDATION); // a later validation sample (stored after the test one) changes nothing
        assertThat(chart.getElement().getAttribute("data-held-out")).isEqualTo("test");
        assertThat(chart.getElement().getAttribute("data-buckets")).isEqualTo("3");
        assertThat(chart.getElement().getTextRecursively())
                .contains("3–5 tokens: 100% of 7 pairs (BLEU 100); 6 tokens: 50% of 6 pairs (BLEU 80); "
                        + "7–9 tokens: 0% of 7 pairs (BLEU 30)");
    }
}
