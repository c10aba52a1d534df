package com.seqplay.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.run.domain.MetricPoint;
import com.vaadin.flow.component.html.Paragraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingHealthChartsTest {
    private static MetricPoint point(String name, int epoch, double value) {
        return new MetricPoint(name, epoch * 10L, epoch, value, null);
    }

    private static HealthBadge badge(TrainingHealthCharts charts) {
        return (HealthBadge) charts.getChildren().filter(c -> c instanceof HealthBadge).findFirst().orElseThrow();
    }

    private static String reason(TrainingHealthCharts charts) {
        return charts.getChildren().filter(c -> c.getId().orElse("").equals("health-reason"))
                .map(c -> ((Paragraph) c).getText()).findFirst().orElseThrow();
    }

    @Test
    void aHealthyRunShowsAHealthyBadgeAndAnExplodingEpochRaisesTheFlag() {
        var charts = new TrainingHealthCharts();
        assertFalse(badge(charts).isVisible(), "no badge before any measurement");
        charts.add(List.of(point("health.update_ratio.0", 1, 1e-3), point("health.update_ratio.0", 1, 3e-3),
                point("train_loss", 1, 2.0)));
        assertTrue(badge(charts).isVisible());
        assertEquals("healthy", badge(charts).getText());

        charts.add(List.of(point("health.update_ratio.0", 2, 0.4), point("health.update_ratio.0", 2, 0.2)));
        assertEquals("⚠ exploding gradients", badge(charts).getText());
        assertTrue(reason(charts).contains("epoch 2, layer 0: update/parameter ratio 0.3"), reason(charts));
    }
}
