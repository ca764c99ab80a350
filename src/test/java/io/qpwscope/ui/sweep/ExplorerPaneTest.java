package io.qpwscope.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.sweep.SweepResult;
import io.qpwscope.sweep.SweepRow;
import io.qpwscope.ui.FxSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The explorer on the seed scenario: prefilled, runs a short sweep, fills its charts and table, exports CSV. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExplorerPaneTest {
    @TempDir Path dir;

    private static Scenario seed() throws Exception {
        return new ScenarioLoader().loadBundled(ScenarioLoader.DEFAULT_SCENARIO);
    }

    private static void awaitIdle(ExplorerPane pane) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (FxSupport.onFx(() -> pane.runningProperty().get())) {
            assertTrue(System.nanoTime() < deadline, "the sweep ends in time");
            Thread.sleep(50);
        }
    }

    private static int points(LineChart<String, Number> c, int series) {
        return c.getData().get(series).getData().size();
    }

    @Test
    void shouldFillBothChartsAndTheTableAfterASweep() throws Exception {
        FxSupport.start();
        Stage stage = FxSupport.onFx(() -> new Stage());
        AtomicInteger beforeRuns = new AtomicInteger();
        try {
            ExplorerPane pane = FxSupport.onFx(() -> ExplorerWindow.open(stage, null, seed(), beforeRuns::incrementAndGet), 60);
            assertEquals("triggers[0].everyMs", FxSupport.onFx(() -> pane.pathField().getText()), "prefilled with the drain period");
            assertTrue(FxSupport.onFx(() -> pane.valuesField().getText()).contains("300"), "values around the scenario's 300 ms");
            FxSupport.onFx(() -> {
                pane.valuesField().setText("150,300");
                pane.durationBox().setValue("200 ms");
                pane.run();
            });
            assertEquals(1, beforeRuns.get(), "the lab's live run is stopped first");
            awaitIdle(pane);
            SweepResult r = FxSupport.onFx(pane::result);
            assertFalse(r.cancelled());
            assertEquals(List.of("150", "150", "300", "300"), r.rows().stream().map(SweepRow::value).toList());
            TradeOffCharts charts = FxSupport.onFx(pane::charts);
            for (LineChart<String, Number> c : List.of(charts.interruptionsChart(), charts.latencyChart())) {
                assertEquals(2, FxSupport.onFx(() -> c.getData().size()), "one line per mode");
                assertEquals(2, FxSupport.onFx(() -> points(c, 0)));
                assertEquals(2, FxSupport.onFx(() -> points(c, 1)));
            }
            XYChart.Data<String, Number> first = FxSupport.onFx(() -> charts.interruptionsChart().getData().get(1).getData().get(0));
            assertEquals("150", first.getXValue());
            assertEquals(r.rows().get(1).interruptions(), first.getYValue().longValue(), "qpw=1's line holds the qpw=1 row");
            long measured = r.rows().stream().filter(x -> x.fastPathNsPerOp() != null).count();
            int fastPoints = FxSupport.onFx(() -> points(charts.fastPathChart(), 0) + points(charts.fastPathChart(), 1));
            assertEquals(measured, (long) fastPoints, "a fast-path point per measured run");
            FxSupport.onFx(() -> {
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            });
            assertEquals(measured, (long) FxSupport.onFx(() -> charts.fastPathChart().whiskerCount()), "each point has its interval");
            assertEquals(4, FxSupport.onFx(() -> pane.table().getItems().size()));
            assertTrue(FxSupport.onFx(() -> pane.footer().getText()).contains("Host steal during the sweep"));
            assertTrue(FxSupport.onFx(pane::statusText).startsWith("Done: 4 runs"), FxSupport.onFx(pane::statusText));

            Path csv = dir.resolve("sweep.csv");
            assertTrue(FxSupport.onFx(() -> pane.exportCsv(csv)));
            assertEquals(5, Files.readAllLines(csv).size());
            FxSupport.save(FxSupport.onFx(() -> stage.getScene().snapshot(null)), "trade-off-explorer.png");
        } finally {
            FxSupport.onFx(() -> stage.hide());
        }
    }

    @Test
    void shouldSayWhatIsWrongWithABadValueAndNotRun() throws Exception {
        FxSupport.start();
        Stage stage = FxSupport.onFx(() -> new Stage());
        AtomicInteger beforeRuns = new AtomicInteger();
        try {
            ExplorerPane pane = FxSupport.onFx(() -> ExplorerWindow.open(stage, null, seed(), beforeRuns::incrementAndGet), 60);
            FxSupport.onFx(() -> {
                pane.pathField().setText("machine.cpus");
                pane.valuesField().setText("4,0");
                pane.run();
            });
            assertFalse(FxSupport.onFx(() -> pane.runningProperty().get()));
            assertEquals(0, beforeRuns.get());
            String status = FxSupport.onFx(pane::statusText);
            assertTrue(status.contains("machine.cpus=0 makes the scenario invalid"), status);
            assertNull(FxSupport.onFx(pane::result));
        } finally {
            FxSupport.onFx(() -> stage.hide());
        }
    }

    @Test
    void shouldStopEarlyWhenCancelled() throws Exception {
        FxSupport.start();
        Stage stage = FxSupport.onFx(() -> new Stage());
        try {
            ExplorerPane pane = FxSupport.onFx(() -> ExplorerWindow.open(stage, null, seed(), () -> { }), 60);
            FxSupport.onFx(() -> {
                pane.valuesField().setText("150,300");
                pane.durationBox().setValue("2 s");
                pane.run();
            });
            Thread.sleep(300);
            FxSupport.onFx(pane::cancel);
            awaitIdle(pane);
            SweepResult r = FxSupport.onFx(pane::result);
            assertTrue(r.cancelled());
            assertTrue(r.rows().size() < 4, "stopped before the last run: " + r.rows().size());
            assertTrue(FxSupport.onFx(pane::statusText).startsWith("Cancelled after"));
        } finally {
            FxSupport.onFx(() -> stage.hide());
        }
    }
}
