package io.qpwscope.ui.sweep;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.sweep.SweepCsv;
import io.qpwscope.sweep.SweepException;
import io.qpwscope.sweep.SweepListener;
import io.qpwscope.sweep.SweepParameter;
import io.qpwscope.sweep.SweepPlan;
import io.qpwscope.sweep.SweepResult;
import io.qpwscope.sweep.SweepRow;
import io.qpwscope.sweep.SweepRunner;
import io.qpwscope.sweep.SweepSuggestions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The trade-off explorer: pick a parameter of the scenario and its values, run the sweep
 * (both modes per value, short headless runs, progress and Cancel), and read the trade-off in
 * {@link TradeOffCharts} and every figure in a {@link RowTable}; "Export CSV…" writes the rows.
 * Kernel figures only; host steal is the footer's line.
 */
public final class ExplorerPane extends BorderPane {
    static final Map<String, Long> DURATIONS = Map.of("200 ms", 200_000_000L, "500 ms", 500_000_000L, "1 s", 1_000_000_000L,
            "2 s", 2_000_000_000L);

    private final Scenario scenario;
    private final Runnable beforeRun;
    private final ComboBox<SweepSuggestions.Suggestion> suggestions = new ComboBox<>();
    private final TextField path = new TextField();
    private final TextField values = new TextField();
    private final ComboBox<String> duration = new ComboBox<>(FXCollections.observableArrayList("200 ms", "500 ms", "1 s", "2 s"));
    private final Button run = new Button("▶ Run sweep");
    private final Button cancel = new Button("Cancel");
    private final Button export = new Button("Export CSV…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Label footer = new Label();
    private final TradeOffCharts charts = new TradeOffCharts();
    private final RowTable table = new RowTable();
    private final ObservableList<SweepRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private SweepRunner runner;
    private SweepPlan plan;
    private SweepResult result;

    /**
     * @param scenario  the scenario to sweep (the lab's current one)
     * @param beforeRun runs on the FX thread before a sweep starts (the lab stops its live run there)
     */
    public ExplorerPane(Scenario scenario, Runnable beforeRun) {
        this.scenario = scenario;
        this.beforeRun = beforeRun;
        getStyleClass().add("sweep-explorer");
        suggestions.getItems().setAll(SweepSuggestions.of(scenario));
        suggestions.setPromptText("parameter…");
        suggestions.setOnAction(e -> {
            var s = suggestions.getValue();
            if (s == null) return;
            path.setText(s.parameter().path());
            values.setText(s.parameter().toString().substring(s.parameter().path().length() + 1));
        });
        if (!suggestions.getItems().isEmpty()) suggestions.getSelectionModel().selectFirst();
        suggestions.getOnAction().handle(null);
        path.setPrefColumnCount(16);
        path.setTooltip(new Tooltip("A scenario field: triggers[0].everyMs, machine.cpus, workloads[1].opsPerLoop, or isolated"));
        values.setPrefColumnCount(16);
        values.setTooltip(new Tooltip("Values separated by commas (by semicolons when a value holds commas: 3;2-3)"));
        duration.setValue("500 ms");
        duration.setTooltip(new Tooltip("Length of each run; each value runs twice (qpw=0, qpw=1)"));
        run.setDefaultButton(true);
        run.setOnAction(e -> run());
        cancel.setOnAction(e -> cancel());
        export.setOnAction(e -> chooseExport());
        run.disableProperty().bind(running);
        cancel.disableProperty().bind(running.not());
        export.setDisable(true);
        progress.setPrefWidth(220);
        progress.visibleProperty().bind(running);
        progress.managedProperty().bind(running);
        suggestions.setPrefWidth(330);

        Label title = new Label("Trade-off explorer — " + scenario.name());
        title.getStyleClass().add("sweep-title");
        FlowPane form = new FlowPane(8, 6, label("Sweep"), suggestions, label("path"), path, label("values"), values,
                label("each run"), duration, run, cancel, progress, export);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        VBox top = new VBox(6, title, form, status);
        top.setPadding(new Insets(8, 10, 4, 10));
        setTop(top);

        table.setItems(rows);
        SplitPane centre = new SplitPane(charts, table);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.68);
        setCenter(centre);

        footer.setWrapText(true);
        footer.getStyleClass().add("sweep-footer");
        footer.setPadding(new Insets(4, 10, 6, 10));
        footer.setText("Kernel figures: the model's own cost, host steal and pause taken out. Host steal is shown here once the sweep has run.");
        setBottom(footer);
        status.setText("Each value runs headless twice, qpw=0 then qpw=1. " + suggestions.getItems().size()
                + " parameters suggested for this scenario; any field path works.");
    }

    /** Starts the sweep with the form's parameter; a bad path or value is reported in the status line instead. */
    public void run() {
        if (running.get()) return;
        try {
            plan = SweepPlan.of(scenario, SweepParameter.parse(path.getText().trim() + "=" + values.getText()));
        } catch (SweepException e) {
            showError(e.getMessage());
            return;
        }
        beforeRun.run();
        rows.clear();
        result = null;
        export.setDisable(true);
        SweepRunner r = new SweepRunner(plan, DURATIONS.getOrDefault(duration.getValue(), 500_000_000L));
        runner = r;
        List<String> xs = plan.parameter().values();
        String param = plan.parameter().path();
        charts.show(param, xs, rows);
        charts.setIsolatedNote(null);
        Task<SweepResult> task = new Task<>() {
            @Override
            protected SweepResult call() {
                return r.run(new SweepListener() {
                    @Override
                    public void starting(int index, int total, String value, int qpw) {
                        updateProgress(index, total);
                        updateMessage(String.format(Locale.ROOT, "Run %d of %d: %s=%s, qpw=%d…", index + 1, total, param, value, qpw));
                    }

                    @Override
                    public void finished(int done, int total, SweepRow row) {
                        updateProgress(done, total);
                        Platform.runLater(() -> {
                            rows.add(row);
                            charts.show(param, xs, rows);
                        });
                    }
                });
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        status.textProperty().bind(task.messageProperty());
        status.getStyleClass().remove("sweep-error");
        task.setOnSucceeded(e -> finish(task.getValue(), null));
        task.setOnFailed(e -> finish(null, task.getException()));
        running.set(true);
        Thread t = new Thread(task, "sweep");
        t.setDaemon(true);
        t.start();
    }

    /** Stops the sweep: the run under way is dropped, the finished ones stay. */
    public void cancel() {
        if (runner != null) runner.cancel();
    }

    private void finish(SweepResult r, Throwable failure) {
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        running.set(false);
        if (failure != null) {
            showError("The sweep failed: " + failure);
            return;
        }
        result = r;
        rows.setAll(r.rows());
        charts.show(r.parameter(), r.values(), rows);
        export.setDisable(r.rows().isEmpty());
        status.setText((r.cancelled() ? "Cancelled after " : "Done: ") + r.rows().size() + " runs of "
                + r.durationNs() / 1_000_000 + " ms.");
        charts.setIsolatedNote(quiet(r));
        footer.setText(footer(r));
    }

    /** When the isolated CPUs saw no interruption, what the rows still say; "" otherwise. */
    static String quiet(SweepResult r) {
        if (r.rows().isEmpty() || r.rows().stream().anyMatch(x -> x.interruptions() > 0)) return "";
        long queued = r.rows().stream().filter(x -> x.qpw() == 0).mapToLong(SweepRow::workQueuedToIsolated).sum();
        long byCaller = r.rows().stream().filter(x -> x.qpw() == 1).mapToLong(SweepRow::workDoneByCaller).sum();
        StringBuilder sb = new StringBuilder("No interruption on the isolated CPUs in any run.");
        if (queued > 0) {
            sb.append(" With qpw=0, ").append(queued).append(" work item").append(queued == 1 ? " was" : "s were")
                    .append(" queued to them and still waited for a kworker when the runs ended (a SCHED_FIFO loop leaves it"
                            + " only to RT throttling); the flush wait column shows what the caller paid.");
        }
        if (byCaller > 0) sb.append(" With qpw=1 the callers drained ").append(byCaller).append(" item").append(byCaller == 1 ? "" : "s")
                .append(" themselves.");
        return sb.toString();
    }

    private static String footer(SweepResult r) {
        String steal = "no runs";
        if (!r.rows().isEmpty()) {
            double min = r.rows().stream().mapToDouble(SweepRow::hostStealShare).min().orElse(0);
            double max = r.rows().stream().mapToDouble(SweepRow::hostStealShare).max().orElse(0);
            steal = String.format(Locale.ROOT, "%.0f–%.0f %% of run time", 100 * min, 100 * max);
        }
        return "Kernel figures: the model's own cost, host steal and pause taken out. Host steal during the sweep: " + steal
                + " (the CPU threads waited for a host core; a quiet machine with a core per emulated CPU keeps it near 0)."
                + " Fast path: ns per kmalloc/kfree, calibrated untraced, median and 95 % interval.";
    }

    private void chooseExport() {
        if (result == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Export sweep as CSV");
        fc.setInitialFileName(scenario.name() + "-sweep.csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) exportCsv(f.toPath());
    }

    /** Writes the last result's rows as CSV (atomically); @return false when there is none or it failed (said in the status line) */
    public boolean exportCsv(Path out) {
        if (result == null) return false;
        try {
            SweepCsv.write(result, out);
            status.setText("Saved " + out);
            return true;
        } catch (IOException e) {
            showError("CSV not saved: " + e.getMessage());
            return false;
        }
    }

    private void showError(String message) {
        status.textProperty().unbind();
        status.setText(message.replace('\n', ' '));
        if (!status.getStyleClass().contains("sweep-error")) status.getStyleClass().add("sweep-error");
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("sweep-form-label");
        return l;
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** The last finished sweep, or null. */
    public SweepResult result() { return result; }

    public String statusText() { return status.getText(); }

    TextField pathField() { return path; }

    TextField valuesField() { return values; }

    ComboBox<String> durationBox() { return duration; }

    TradeOffCharts charts() { return charts; }

    RowTable table() { return table; }

    Label footer() { return footer; }
}
