package io.qpwscope.ui.lab;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineFailure;
import io.qpwscope.engine.EngineStats;
import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.scenario.Problem;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Trigger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The lab's view model: the scenario, the engine run made from it, and the commands a user
 * gives (run, stop, reboot with new kernel config, flip qpw, fire triggers). Properties are
 * read-only to views and change on the FX thread only; blocking engine work goes through
 * {@link EngineSession}.
 */
public final class LabModel implements AutoCloseable {
    private final EngineSession session = new EngineSession();
    private final ScenarioLoader loader = new ScenarioLoader();
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyObjectWrapper<Path> scenarioFile = new ReadOnlyObjectWrapper<>(this, "scenarioFile");
    private final ReadOnlyBooleanWrapper isEdited = new ReadOnlyBooleanWrapper(this, "edited");
    /** The scenario as last opened (file or bundled default) and its file: a reboot back to it is that file again. */
    private Scenario opened;
    private Path openedFile;
    private final ReadOnlyObjectWrapper<Engine> engine = new ReadOnlyObjectWrapper<>(this, "engine");
    private final ReadOnlyObjectWrapper<BootResult> boot = new ReadOnlyObjectWrapper<>(this, "boot");
    private final ReadOnlyObjectWrapper<EngineStats> stats = new ReadOnlyObjectWrapper<>(this, "stats");
    private final ReadOnlyObjectWrapper<RunStatus> runStatus = new ReadOnlyObjectWrapper<>(this, "runStatus");
    private final ReadOnlyObjectWrapper<Recording> recording = new ReadOnlyObjectWrapper<>(this, "recording");
    private final ReadOnlyObjectWrapper<EngineFailure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyIntegerWrapper qpw = new ReadOnlyIntegerWrapper(this, "qpw", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private Consumer<String> errorSink = s -> { };

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() { return scenario.getReadOnlyProperty(); }

    /** The file the running scenario is, null if it has none (the bundled default, an edited scenario). */
    public ReadOnlyObjectProperty<Path> scenarioFileProperty() { return scenarioFile.getReadOnlyProperty(); }

    /** Whether the scenario differs from the one last opened (a reboot with edits): no file holds it. */
    public ReadOnlyBooleanProperty editedProperty() { return isEdited.getReadOnlyProperty(); }

    /** The engine of the current run (running or stopped). */
    public ReadOnlyObjectProperty<Engine> engineProperty() { return engine.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<BootResult> bootProperty() { return boot.getReadOnlyProperty(); }

    /** Refreshed by {@link #pollStats()} a few times a second. */
    public ReadOnlyObjectProperty<EngineStats> statsProperty() { return stats.getReadOnlyProperty(); }

    /** The run's state for the status line, refreshed with {@link #statsProperty()}; null before the first run. */
    public ReadOnlyObjectProperty<RunStatus> runStatusProperty() { return runStatus.getReadOnlyProperty(); }

    /** The recording of the current run (growing while it runs), null before the first run. */
    public ReadOnlyObjectProperty<Recording> recordingProperty() { return recording.getReadOnlyProperty(); }

    /** Why the current run failed (an engine thread died), null while it has not; cleared by the next run. */
    public ReadOnlyObjectProperty<EngineFailure> failureProperty() { return failure.getReadOnlyProperty(); }

    /** The task each CPU runs, by CPU number (lane titles); empty before the first run. */
    public String[] cpuTasks() {
        EngineStats s = stats.get();
        if (s == null) return new String[0];
        String[] titles = new String[s.cpus().size()];
        for (io.qpwscope.trace.CpuMetrics c : s.cpus()) titles[c.cpu()] = c.task();
        return titles;
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** True while the engine boots, stops or quiesces for a switch. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** The qpw now in force in the engine (0/1), -1 before boot. */
    public ReadOnlyIntegerProperty qpwProperty() { return qpw.getReadOnlyProperty(); }

    /** Last notice for the status line. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Last error (bad scenario, switch refused), empty if none. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public Scenario scenario() { return scenario.get(); }

    public Engine engine() { return engine.get(); }

    /** Loads a scenario file (no run yet). */
    public void open(Path file) throws IOException, ScenarioException {
        Scenario s = loader.load(file);
        opened(s, file);
    }

    /** Uses the bundled default scenario (no run yet). */
    public void openDefault() {
        opened(loader.loadDefault(), null);
    }

    private void opened(Scenario s, Path file) {
        opened = s;
        openedFile = file;
        show(s);
    }

    /** Makes {@code s} the scenario, with its file (if it is the one opened) set first, for the scenario's listeners. */
    private void show(Scenario s) {
        boolean same = s.equals(opened);
        scenarioFile.set(same ? openedFile : null);
        isEdited.set(!same);
        scenario.set(s);
    }

    /** Boots the current scenario and runs it. */
    public CompletableFuture<Engine> run() {
        return boot(scenario.get(), "run");
    }

    /**
     * "Reboots" with changed kernel config, boot line, machine or workload: validates the
     * edited scenario exactly as a file would be validated, stops the engine, starts a new one.
     * @return false (and sets {@link #errorProperty()}) if the edit is invalid; the run continues
     */
    public boolean reboot(Scenario edited) {
        try {
            Scenario valid = loader.parse(loader.toJson(edited), edited.name() + " (edited)");
            show(valid);
            boot(valid, "reboot");
            return true;
        } catch (ScenarioException e) {
            StringBuilder b = new StringBuilder("Not rebooted: ");
            for (Problem p : e.problems()) b.append(p.path()).append(": ").append(p.message()).append("; ");
            setError(b.substring(0, b.length() - 2));
            return false;
        }
    }

    private CompletableFuture<Engine> boot(Scenario s, String what) {
        return boot(s, what, null);
    }

    private CompletableFuture<Engine> boot(Scenario s, String what, Integer qpwOverride) {
        assertFx();
        busy.set(true);
        setError("");
        return session.boot(s, qpwOverride).whenComplete((e, ex) -> Platform.runLater(() -> {
            busy.set(false);
            if (ex != null) {
                setError("Could not " + what + " " + s.name() + ": " + rootMessage(ex));
                return;
            }
            failure.set(null);
            engine.set(e);
            e.addFailureListener(f -> Platform.runLater(() -> {
                if (engine.get() == e) failure.set(f);
            }));
            running.set(true);
            pollStats();
            recording.set(e.recording());
            boot.set(e.boot());
            qpw.set(e.qpw());
            if (!what.equals("restart")) message.set(what.equals("run") ? "Running " + s.name() : "Rebooted: " + e.boot().reason());
            pollStats();
        }));
    }

    public CompletableFuture<Engine> stop() {
        assertFx();
        busy.set(true);
        return session.stop().whenComplete((e, ex) -> Platform.runLater(() -> {
            busy.set(false);
            running.set(false);
            pollStats();
            message.set("Stopped");
        }));
    }

    /**
     * Flips qpw live. The engine quiesces every CPU first (stop_machine style) on the
     * control thread; the property follows once it is done.
     */
    public CompletableFuture<Boolean> requestQpw(int value) {
        assertFx();
        Engine e = engine.get();
        if (e == null || !running.get()) return CompletableFuture.completedFuture(false);
        if (!e.boot().configQpw()) {
            setError("CONFIG_QPW=n: qpw cannot be switched, this kernel always uses local_lock + queue_work_on");
            qpw.set(-1);
            qpw.set(e.qpw());
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        return session.setQpw(value).whenComplete((ok, ex) -> Platform.runLater(() -> {
            busy.set(false);
            Engine now = engine.get();
            if (ex != null || !Boolean.TRUE.equals(ok)) {
                setError("qpw switch refused" + (ex != null ? ": " + rootMessage(ex) : ""));
            } else {
                message.set("Switched live to qpw=" + value + (value == 1 ? " (per-CPU spinlocks)" : " (local_lock + queue_work_on)"));
            }
            if (now != null) {
                qpw.set(-1);
                qpw.set(now.qpw());
            }
        }));
    }

    /** A housekeeping CPU issues {@code t} (the scenario's trigger CPU if any, else the first non-isolated). */
    public CompletableFuture<Boolean> fire(Trigger t) {
        assertFx();
        int cpu = triggerCpu();
        message.set("cpu" + cpu + ": " + t.command);
        return session.trigger(t, cpu);
    }

    /** The CPU that runs user triggers. */
    public int triggerCpu() {
        Scenario s = scenario.get();
        BootResult b = boot.get();
        if (s != null && s.triggers() != null && !s.triggers().isEmpty()) return s.triggers().getFirst().cpu();
        int n = s == null ? 1 : s.machine().cpus();
        for (int c = 0; c < n; c++) if (b == null || !b.isolated(c)) return c;
        return 0;
    }

    /** Reads the engine counters (cheap); called a few times a second by the window, not per event. */
    public void pollStats() {
        Engine e = engine.get();
        if (e == null) return;
        EngineStats s = e.stats();
        stats.set(s);
        runStatus.set(RunStatus.of(e, s));
        if (running.get() != e.running()) running.set(e.running());
    }

    /** Memory (heap and off-heap) held by a run's recorded events. */
    public static long recordingBytes(Engine e) {
        return EngineSession.recordingBytes(e);
    }

    public void setErrorSink(Consumer<String> sink) {
        errorSink = sink;
    }

    private void setError(String s) {
        error.set(s);
        if (!s.isEmpty()) errorSink.accept(s);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static void assertFx() {
        assert Platform.isFxApplicationThread() : "LabModel commands run on the FX thread";
    }

    @Override
    public void close() {
        session.close();
    }
}
