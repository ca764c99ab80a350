package io.qpwscope.engine;

import io.qpwscope.engine.host.HostCores;
import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.spec.EngineSpec;
import io.qpwscope.engine.spec.KernelSpec;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceCollector;
import io.qpwscope.trace.TracePipeline;
import io.qpwscope.trace.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded QPW engine: boots an emulated machine from its description ({@link EngineSpec}),
 * runs one platform thread per CPU and the triggers thread, collects the trace, and checks the
 * invariants when stopped. Tasks come from {@link TaskFactory}, trigger timing from
 * {@link TriggerScheduler}, the numbers from {@link SummaryBuilder}; this class keeps the lifecycle.
 */
public final class Engine implements AutoCloseable {
    private static final long STOP_TIMEOUT_NS = 10_000_000_000L;

    private final EngineSpec spec;
    private final BootResult boot;
    private final Machine machine;
    private final Recording recording;
    private final Task[] tasks;
    private final Thread[] threads;
    private final TracePipeline trace;
    private final Thread triggerThread;
    private final SummaryBuilder numbers;
    private final boolean pinned;
    private final HostCores cores = HostCores.detect();
    private final long origin;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private static final int NEW = 0, RUNNING = 1, STOPPED = 2, FAILED = 3;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    private final FailureHandler failures = new FailureHandler(this::failed);
    private volatile long startNs, stopNs;
    private final List<String> stopViolations = new ArrayList<>();

    /**
     * @param spec the machine to boot ({@code scenario.ScenarioResolver} makes one from a scenario file;
     *             {@link EngineSpec#withQpw} applies {@code run --qpw=N})
     */
    public Engine(EngineSpec spec) {
        this.spec = spec;
        int n = spec.machine().cpus();
        KernelSpec k = spec.kernel();
        this.boot = KernelBoot.resolve(k.configQpw(), k.configQpwDefault(), k.preemptRt(), k.bootLine(), n);
        int cores = Runtime.getRuntime().availableProcessors();
        this.pinned = spec.machine().pin() && n <= cores && Affinity.available();
        CpuHost.warmUp();
        WorkerWarmUp.ensure(spec, boot);
        this.origin = System.nanoTime();
        this.tasks = TaskFactory.build(spec.tasks(), n);
        this.recording = new Recording(RecordingMeta.builder()
                .scenario(spec.name(), spec.scenarioJson())
                .machine(n, boot.isolatedMask(), cores, pinned)
                .config(boot.configQpw(), boot.configQpwDefault(), boot.preemptRt())
                .boot(boot.bootLine(), boot.effectiveQpw(), boot.reason())
                .originEpochNanos(System.currentTimeMillis() * 1_000_000L)
                .build());
        this.trace = new TracePipeline(recording, spec.trace().ringRecords(), origin);
        this.machine = new Machine(boot, spec.costs(), SchedModel.of(spec.sched()), spec.trace().lockEvents(), origin, n,
                trace::cpu, c -> tasks[c], pinned);
        this.threads = new Thread[n];
        for (int c = 0; c < n; c++) {
            threads[c] = Thread.ofPlatform().name("cpu/" + c).daemon(true).uncaughtExceptionHandler(failures)
                    .unstarted(machine.cpu(c));
        }
        TriggerScheduler triggers = new TriggerScheduler(spec.triggers(), machine, () -> startNs, this::trigger);
        this.triggerThread = Thread.ofPlatform().name("triggers").daemon(true).uncaughtExceptionHandler(failures)
                .unstarted(triggers);
        trace.collector().setFailureHandler(failures);
        recording.setOffHeapBudget(io.qpwscope.trace.OffHeapBudget.liveBudget());
        this.numbers = new SummaryBuilder(spec.name(), boot, machine, recording, trace.collector(), tasks, pinned);
    }

    /**
     * Warms the JIT for {@code spec}'s kernel configuration now (once per JVM and
     * configuration; the constructor does it otherwise): for callers that build engines whose
     * clocks must start together.
     */
    public static void warmUp(EngineSpec spec) {
        KernelSpec k = spec.kernel();
        WorkerWarmUp.ensure(spec, KernelBoot.resolve(k.configQpw(), k.configQpwDefault(), k.preemptRt(), k.bootLine(),
                spec.machine().cpus()));
    }

    public void start() {
        if (!state.compareAndSet(NEW, RUNNING)) throw new IllegalStateException("engine already started");
        startNs = System.nanoTime();
        trace.start();
        for (Thread t : threads) t.start();
        triggerThread.start();
    }

    /** Stops the machine: tasks end, pending work drains, threads join, invariants are checked. */
    public void stop() {
        if (state.compareAndSet(NEW, STOPPED) || !stopping.compareAndSet(false, true)) return;
        state.compareAndSet(RUNNING, STOPPED); // a FAILED engine stays FAILED
        synchronized (machine) { // never in the middle of a mode switch
            machine.halting = true;
        }
        triggerThread.interrupt();
        long deadline = System.nanoTime() + STOP_TIMEOUT_NS;
        for (Thread t : threads) {
            LockSupport.unpark(t);
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) stopViolations.add(t.getName() + " did not stop within 10 s (deadlock?)");
        }
        stopNs = System.nanoTime();
        try {
            triggerThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        trace.halt();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean running() {
        return state.get() == RUNNING;
    }

    /** @return the first uncaught failure of an engine thread: the engine is then FAILED and halting. */
    public Optional<EngineFailure> failure() {
        return failures.failure();
    }

    /** Told once, on the failing thread (at once if the engine already failed). */
    public void addFailureListener(Consumer<EngineFailure> listener) {
        failures.addListener(listener);
    }

    /** For threads outside the engine that serve this run (a recorder): the run fails with them. */
    public void reportFailure(String threadName, Throwable cause) {
        failures.report(threadName, cause);
    }

    /** The first failure: FAILED, every CPU leaves its waits, the run halts (stop() still joins). */
    private void failed(EngineFailure f) {
        state.set(FAILED);
        machine.fail();
        for (Thread t : threads) t.interrupt();
        triggerThread.interrupt();
    }

    public Recording recording() {
        return recording;
    }

    /** {@link System#nanoTime()} at the recording's ts 0: two engines' lanes line up by the difference. */
    public long originNanoTime() {
        return origin;
    }

    /** The trace collector: add a DrainListener before start() to see every batch (file writer, index). */
    public TraceCollector collector() {
        return trace.collector();
    }

    public BootResult boot() {
        return boot;
    }

    /** The machine description this engine booted. */
    public EngineSpec spec() {
        return spec;
    }

    public Machine machine() {
        return machine;
    }

    public int qpw() {
        return machine.qpw.spinMode() ? 1 : 0;
    }

    /**
     * Live switch (this product's extension: the kernel decides at boot). Quiesces every CPU
     * like stop_machine first. Blocks for the quiesce: call off any UI thread.
     * @return false if CONFIG_QPW=n or the engine is not running
     */
    public boolean setQpw(int qpw) {
        if (!boot.configQpw() || state.get() != RUNNING) return false;
        synchronized (machine) {
            if (machine.halting) return false;
            machine.setQpw(qpw, 5_000_000_000L);
        }
        return true;
    }

    /** CPU {@code cpu} runs the command at its next preemption point (asynchronous). */
    public void trigger(Trigger t, int cpu) {
        if (cpu < 0 || cpu >= machine.nrCpus()) throw new IllegalArgumentException("no cpu" + cpu);
        machine.cpu(cpu).submit(self -> machine.mm.run(t, self));
    }

    /** @return host cores (distinct package/core pairs, see {@link HostCores}). */
    public int physicalCores() {
        return cores.physicalCores();
    }

    /** @return whether pinning was asked for, possible, and held on every CPU thread started so far. */
    public boolean pinned() {
        return pinned && machine.allPinsHeld();
    }

    /**
     * @param ui whether a UI thread competes with the CPU threads for host cores
     * @return one line when the threads outnumber the host's available processors, else ""
     */
    public String hostNote(boolean ui) {
        return cores.oversubscription(machine.nrCpus(), ui);
    }

    public EngineStats stats() {
        long end = stopNs != 0 ? stopNs : System.nanoTime();
        return numbers.stats(qpw(), startNs == 0 ? 0 : end - startNs);
    }

    /** The run --json summary; invariants are checked only once stopped. */
    public Summary summary() {
        List<String> violations = new ArrayList<>();
        failures.failure().ifPresent(f -> violations.add(f.describe()));
        violations.addAll(stopViolations);
        return numbers.summary(stats(), state.get() == STOPPED, violations);
    }
}
