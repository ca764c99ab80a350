package io.qpwscope.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.ui.FxSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every chart's x axis labels every swept value, on the axis, after the things that left
 * JavaFX's fixed category axis with stale (hidden or old) tick labels: a new sweep's values at
 * the same size, and the axis measured at another width than it is laid out at.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TradeOffTickLabelsTest {

    @Test
    void shouldLabelEverySweptValueAfterNewValuesAndAStrayMeasure() throws Exception {
        FxSupport.start();
        TradeOffCharts charts = FxSupport.onFx(() -> {
            TradeOffCharts c = new TradeOffCharts();
            new Scene(c, 1400, 700);
            c.show("triggers[0].everyMs", List.of("50", "100", "200", "300"), List.of());
            layout(c);
            return c;
        });
        assertLabels(charts, List.of("50", "100", "200", "300"), "first sweep");
        FxSupport.onFx(() -> {
            charts.show("kernel.drainBatch", List.of("8", "16", "32"), List.of());
            layout(charts);
        });
        assertLabels(charts, List.of("8", "16", "32"), "a second sweep's values at the same size");
        FxSupport.onFx(() -> {
            for (LineChart<String, Number> c : List.of(charts.interruptionsChart(), charts.latencyChart(), charts.fastPathChart())) {
                c.getXAxis().prefHeight(5_000); // measuring takes the category spacing for that width
            }
            layout(charts);
        });
        assertLabels(charts, List.of("8", "16", "32"), "after the axes were measured at another width");
    }

    private static void layout(TradeOffCharts c) {
        for (int i = 0; i < 3; i++) {
            c.applyCss();
            c.layout();
        }
    }

    private static void assertLabels(TradeOffCharts charts, List<String> values, String when) throws Exception {
        for (LineChart<String, Number> c : List.of(charts.interruptionsChart(), charts.latencyChart(), charts.fastPathChart())) {
            List<String> shown = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            double width = FxSupport.onFx(() -> {
                CategoryAxis axis = (CategoryAxis) c.getXAxis();
                for (var n : axis.getChildrenUnmodifiable()) {
                    if (n instanceof Text t && t.isVisible()) {
                        shown.add(t.getText());
                        xs.add(t.getBoundsInParent().getCenterX());
                    }
                }
                return axis.getWidth();
            });
            String name = c.getTitle();
            assertEquals(values, shown, name + ": every value labelled, in order (" + when + ")");
            for (int i = 0; i < xs.size(); i++) {
                double x = xs.get(i);
                assertTrue(x > 0 && x < width, name + ": label " + shown.get(i) + " at " + x + " lies on the axis 0.." + width + " (" + when + ")");
                double expected = (width - 10) / values.size() * (i + 0.5) + 5; // 5 px margins, half a category's gap at each end
                assertEquals(expected, x, 3.0, name + ": label " + shown.get(i) + " sits at its category (" + when + ")");
            }
        }
    }
}
