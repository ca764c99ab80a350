package io.qpwscope.ui.ab;

import io.qpwscope.engine.Engine;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioResolver;
import io.qpwscope.trace.Trigger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two engines on one scenario, booted with "qpw=0" (A) and "qpw=1" (B) appended to the boot
 * line, as {@code run --qpw=N} does. Every blocking step (boot, stop) runs on one background
 * thread, {@code ab-control}, in submission order; the FX thread only submits. Both machines
 * are built at once (B on {@code ab-build}) and then started back to back, so their clocks
 * start as close together as the host allows; {@link Pair#originOffsetNs()} says how far
 * apart they are. A trigger is
 * queued into both engines in one step, A then B, microseconds apart.
 */
public final class AbSession implements AutoCloseable {
    /** The qpw= each side boots with: A above, B below. */
    public static final int QPW_A = 0, QPW_B = 1;

    /** Two running (or stopped) engines and how their time origins differ. */
    public record Pair(Engine a, Engine b) {
        /** ns to add to B's timestamps to put them on A's clock (B's origin minus A's). */
        public long originOffsetNs() {
            return b.originNanoTime() - a.originNanoTime();
        }

        /** Emulated CPUs of both machines together (what competes for the host's cores). */
        public int cpus() {
            return a.recording().cpus() + b.recording().cpus();
        }

        public boolean running() {
            return a.running() || b.running();
        }
    }

    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ab-control");
        t.setDaemon(true);
        return t;
    });
    /** Builds B's engine while the control thread builds A's. */
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ab-build");
        t.setDaemon(true);
        return t;
    });
    private volatile Pair pair;

    /** @return the current pair (running or stopped), null before the first boot. */
    public Pair pair() {
        return pair;
    }

    /**
     * Stops the current pair, if any, and boots {@code scenario} twice, qpw=0 and qpw=1.
     * @param timedTriggers whether the scenario's own timed triggers run too; without them only
     *                      {@link #trigger} fires, so each press is one drain in each machine
     */
    public CompletableFuture<Pair> boot(Scenario scenario, boolean timedTriggers) {
        Scenario s = timedTriggers ? scenario : withoutTriggers(scenario);
        return CompletableFuture.supplyAsync(() -> {
            stopPair();
            Engine.warmUp(ScenarioResolver.resolve(s, QPW_A, null)); // before the clocks: warm-ups differ in length
            Engine.warmUp(ScenarioResolver.resolve(s, QPW_B, null));
            // built side by side: an engine's clock origin is taken while it is built, and one
            // build takes long enough on a busy host (warm-up, rings) to put the clocks a second apart
            CompletableFuture<Engine> bFuture = CompletableFuture.supplyAsync(
                    () -> new Engine(ScenarioResolver.resolve(s, QPW_B, null)), builder);
            Engine a;
            try {
                a = new Engine(ScenarioResolver.resolve(s, QPW_A, null));
            } catch (RuntimeException e) {
                bFuture.thenAccept(Engine::stop);
                throw e;
            }
            Engine b;
            try {
                b = bFuture.join();
            } catch (RuntimeException e) {
                a.stop();
                throw e;
            }
            a.start();
            b.start();
            Pair p = new Pair(a, b);
            pair = p;
            return p;
        }, control);
    }

    /** Stops both engines; their recordings stay readable. */
    public CompletableFuture<Pair> stop() {
        return CompletableFuture.supplyAsync(() -> {
            stopPair();
            return pair;
        }, control);
    }

    /**
     * Queues {@code t} on {@code cpu} of both machines, A then B, with nothing in between
     * (the engine's trigger is asynchronous: the CPU runs it at its next preemption point).
     * @return false if no pair runs
     */
    public boolean trigger(Trigger t, int cpu) {
        Pair p = pair;
        if (p == null || !p.a().running() || !p.b().running()) return false;
        p.a().trigger(t, cpu);
        p.b().trigger(t, cpu);
        return true;
    }

    private void stopPair() {
        Pair p = pair;
        if (p == null) return;
        p.a().stop();
        p.b().stop();
    }

    /** The scenario with its timed triggers removed (everything else as it is). */
    static Scenario withoutTriggers(Scenario s) {
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), s.sched(), s.workloads(), List.of(),
                s.durationMs(), s.costs(), s.trace(), s.narration());
    }

    /** Stops both engines and the control thread; bounded (engines stop within their own 10 s). */
    @Override
    public void close() {
        control.shutdown();
        builder.shutdown();
        try {
            control.awaitTermination(30, TimeUnit.SECONDS);
            builder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        stopPair();
    }
}
