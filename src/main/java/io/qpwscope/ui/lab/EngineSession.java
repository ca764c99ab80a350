package io.qpwscope.ui.lab;

import io.qpwscope.engine.Engine;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioResolver;
import io.qpwscope.trace.Trigger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Owns the running {@link Engine} and performs every engine operation that may block (boot,
 * stop, the live qpw switch's quiesce) on one background thread, {@code engine-control}, in
 * submission order. The FX thread only submits and receives futures; it never waits.
 * A live run's memory needs no guard here: its recording rolls within its off-heap budget
 * ({@link io.qpwscope.trace.OffHeapBudget}), and the timeline index follows that window.
 */
public final class EngineSession implements AutoCloseable {
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engine-control");
        t.setDaemon(true);
        return t;
    });
    private volatile Engine engine;

    /** Memory held by a run's recorded events (their rows live off-heap, see LaneEvents). */
    public static long recordingBytes(Engine e) {
        long n = 0;
        for (int c = 0; c < e.recording().cpus(); c++) {
            n += e.recording().lane(c).heapBytes() + e.recording().lane(c).offHeapBytes();
        }
        return n;
    }

    /** @return the engine of the current run (running or stopped), or null before the first. */
    public Engine engine() {
        return engine;
    }

    /** Stops any current engine, boots one for {@code scenario} and starts it. */
    public CompletableFuture<Engine> boot(Scenario scenario) {
        return boot(scenario, null);
    }

    /** Like {@link #boot(Scenario)} with "qpw=N" appended to the boot line (null: none). */
    public CompletableFuture<Engine> boot(Scenario scenario, Integer qpwOverride) {
        return CompletableFuture.supplyAsync(() -> {
            Engine old = engine;
            if (old != null) old.stop();
            var spec = ScenarioResolver.resolve(scenario, qpwOverride, null);
            // the lab switches qpw live: warm both modes' kworker paths, not just the booted one's, or
            // the first interruption after a switch to qpw=0 runs cold (211 µs "kernel" where 30 is usual)
            if (spec.kernel().configQpw()) for (int q = 0; q <= 1; q++) Engine.warmUp(spec.withQpw(q));
            Engine e = new Engine(spec);
            e.start();
            engine = e;
            return e;
        }, control);
    }

    /** Stops the current engine; its recording stays readable. */
    public CompletableFuture<Engine> stop() {
        return CompletableFuture.supplyAsync(() -> {
            Engine e = engine;
            if (e != null) e.stop();
            return e;
        }, control);
    }

    /** Live switch; completes with false when CONFIG_QPW=n or the engine is not running. */
    public CompletableFuture<Boolean> setQpw(int qpw) {
        return CompletableFuture.supplyAsync(() -> {
            Engine e = engine;
            return e != null && e.running() && e.setQpw(qpw);
        }, control);
    }

    /** Makes {@code cpu} run a trigger (asynchronous in the engine too). */
    public CompletableFuture<Boolean> trigger(Trigger t, int cpu) {
        return CompletableFuture.supplyAsync(() -> {
            Engine e = engine;
            if (e == null || !e.running()) return false;
            e.trigger(t, cpu);
            return true;
        }, control);
    }

    @Override
    public void close() {
        control.shutdown();
        try {
            control.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Engine e = engine;
        if (e != null) e.stop();
    }
}
