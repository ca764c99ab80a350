package io.qpwscope.ui.sweep;

import io.qpwscope.sweep.SweepRow;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The trade-off, one line per mode against the swept value: on the left what the isolated
 * CPUs pay (interruptions, worst interruption, kernel part), on the right what the
 * housekeeping CPUs pay (fast-path ns per kmalloc/kfree with its 95 % interval).
 */
final class TradeOffCharts extends HBox {
    static final String[] MODES = {"qpw=0 (queue work to the CPU)", "qpw=1 (per-CPU spinlocks, drain remotely)"};

    private final LineChart<String, Number> interruptions = chart("Interruptions per run", "count");
    private final LineChart<String, Number> latency = chart("Worst interruption (kernel part)", "µs");
    private final Label isolatedNote = new Label();
    private final IntervalLineChart fastPath;
    private static final String FAST_PATH_TITLE = "Fast path: ns per kmalloc/kfree (median, 95 % interval)";

    TradeOffCharts() {
        super(12);
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("ns per op");
        y.setForceZeroInRange(false);
        fastPath = new IntervalLineChart(x, y);
        fastPath.setTitle(FAST_PATH_TITLE);
        style(fastPath);
        for (LineChart<String, Number> c : List.of(interruptions, latency, fastPath)) {
            CategoryAxis axis = (CategoryAxis) c.getXAxis();
            axis.widthProperty().addListener((o, a, w) -> relayTicks(axis));
            axis.categorySpacingProperty().addListener((o, a, w) -> relayTicks(axis));
        }
        isolatedNote.setWrapText(true);
        isolatedNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        isolatedNote.getStyleClass().add("sweep-note");
        isolatedNote.managedProperty().bind(isolatedNote.visibleProperty());
        isolatedNote.setVisible(false);
        latency.setLegendVisible(false); // the interruptions chart above names the modes
        VBox isolated = column("Isolated CPUs — what the application pays", interruptions, latency, isolatedNote);
        VBox housekeeping = column("Housekeeping CPUs — what every allocation pays", fastPath);
        HBox.setHgrow(isolated, Priority.ALWAYS);
        HBox.setHgrow(housekeeping, Priority.ALWAYS);
        getChildren().addAll(isolated, housekeeping);
        setPadding(new Insets(4, 8, 4, 8));
    }

    /** Draws {@code rows} against {@code values} (the x axis, in sweep order; values with no row yet are left open). */
    void show(String parameter, List<String> values, List<SweepRow> rows) {
        for (LineChart<String, Number> c : List.of(interruptions, latency, fastPath)) {
            CategoryAxis x = (CategoryAxis) c.getXAxis();
            // set once per sweep: resetting equal categories while points arrive lost the tick labels now and then
            if (!x.getCategories().equals(values)) {
                x.setCategories(FXCollections.observableArrayList(values));
                relayTicks(x);
            }
            x.setLabel(parameter);
        }
        interruptions.setData(series(rows, r -> r.interruptions(), false));
        latency.setData(series(rows, r -> r.worstInterruptionKnown() ? r.worstInterruptionKernelNs() / 1e3 : Double.NaN, false));
        fastPath.setData(series(rows, r -> r.fastPathNsPerOp() == null ? Double.NaN : r.fastPathNsPerOp(), true));
        fastPath.fitY();
        boolean unmeasured = !rows.isEmpty() && rows.stream().allMatch(r -> r.fastPathNsPerOp() == null);
        fastPath.setTitle(unmeasured ? FAST_PATH_TITLE + " — not measured (no kmalloc task, or runs too short to calibrate)" : FAST_PATH_TITLE);
    }

    /**
     * Makes {@code x} rebuild its tick marks at its next layout. With fixed categories
     * ({@code setCategories}) a JavaFX axis rebuilds them only when its length changes or its
     * range is invalidated ({@code requestAxisLayout} does neither), and it takes the category
     * spacing as a side effect of being measured ({@code prefHeight(width)}). Tick marks built
     * from an older category list or spacing sit at no category or off the axis and are hidden:
     * the x labels of a chart then vanish while its points are drawn right (the real window
     * under Xvfb, where the window is laid out at several sizes before its final one).
     */
    private static void relayTicks(CategoryAxis x) {
        x.invalidateRange(new java.util.ArrayList<>(x.getCategories()));
    }

    /** A line under the isolated CPUs' charts (why they are flat, say); null or empty hides it. */
    void setIsolatedNote(String text) {
        isolatedNote.setText(text == null ? "" : text);
        isolatedNote.setVisible(text != null && !text.isEmpty());
    }

    LineChart<String, Number> interruptionsChart() { return interruptions; }

    LineChart<String, Number> latencyChart() { return latency; }

    IntervalLineChart fastPathChart() { return fastPath; }

    private static javafx.collections.ObservableList<XYChart.Series<String, Number>> series(List<SweepRow> rows,
            ToDoubleFunction<SweepRow> y, boolean interval) {
        javafx.collections.ObservableList<XYChart.Series<String, Number>> out = FXCollections.observableArrayList();
        for (int mode = 0; mode < 2; mode++) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(MODES[mode]);
            for (SweepRow r : rows) {
                if (r.qpw() != mode) continue;
                double v = y.applyAsDouble(r);
                if (Double.isNaN(v)) continue;
                XYChart.Data<String, Number> d = new XYChart.Data<>(r.value(), v);
                if (interval && r.fastPathLowNs() != null && r.fastPathHighNs() != null) {
                    d.setExtraValue(new double[] {r.fastPathLowNs(), r.fastPathHighNs()});
                }
                s.getData().add(d);
            }
            out.add(s);
        }
        return out;
    }

    private static LineChart<String, Number> chart(String title, String yLabel) {
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        LineChart<String, Number> c = new LineChart<>(new CategoryAxis(), y);
        c.setTitle(title);
        style(c);
        return c;
    }

    private static void style(LineChart<String, Number> c) {
        c.setAnimated(false);
        c.getXAxis().setAnimated(false); // an animated category axis now and then left its tick labels faded out
        c.getYAxis().setAnimated(false);
        c.setCreateSymbols(true);
        c.setLegendVisible(true);
        c.getStyleClass().add("sweep-chart");
        c.setMinHeight(160);
        VBox.setVgrow(c, Priority.ALWAYS);
    }

    private static VBox column(String title, javafx.scene.Node... charts) {
        Label t = new Label(title);
        t.getStyleClass().add("sweep-chart-title");
        VBox box = new VBox(2, t);
        box.getChildren().addAll(charts);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPrefWidth(100);
        return box;
    }
}
