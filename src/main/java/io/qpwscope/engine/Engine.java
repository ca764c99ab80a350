package io.qpwscope.engine;

import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.task.IdleTask;
import io.qpwscope.engine.task.KmallocTask;
import io.qpwscope.engine.task.LruAddTask;
import io.qpwscope.engine.task.RtLoopTask;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceCollector;
import io.qpwscope.trace.TracePipeline;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded QPW engine: boots an emulated machine from a scenario, runs one platform
 * thread per CPU, fires the scenario's triggers, collects the trace, and checks the
 * invariants when stopped.
 */
public final class Engine implements AutoCloseable {
    private static final long STOP_TIMEOUT_NS = 10_000_000_000L;

    private final Scenario scenario;
    private final BootResult boot;
    private final Machine machine;
    private final Recording recording;
    private final Task[] tasks;
    private final Thread[] threads;
    private final TracePipeline trace;
    private final Thread triggerThread;
    private final boolean pinned;
    private final long origin;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private static final int NEW = 0, RUNNING = 1, STOPPED = 2;
    private volatile long startNs, stopNs;
    private final List<String> stopViolations = new ArrayList<>();

    public Engine(Scenario scenario) {
        this(scenario, null);
    }

    /** @param qpwOverride {@code run --qpw=N}: acts as "qpw=N" appended to the boot line (null: none). */
    public Engine(Scenario scenario, Integer qpwOverride) {
        this(scenario, qpwOverride, null);
    }

    /** @param scenarioJson the scenario's text, kept in the recording's metadata (may be null) */
    public Engine(Scenario scenario, Integer qpwOverride, String scenarioJson) {
        this.scenario = scenario;
        int n = scenario.machine().cpus();
        Scenario.Kernel k = scenario.kernel();
        String bootLine = k.boot() == null ? "" : k.boot().trim();
        if (qpwOverride != null) bootLine = (bootLine + " qpw=" + qpwOverride).trim();
        this.boot = KernelBoot.resolve(k.CONFIG_QPW(), k.CONFIG_QPW_DEFAULT(), k.CONFIG_PREEMPT_RT(), bootLine, n);
        int cores = Runtime.getRuntime().availableProcessors();
        this.pinned = scenario.machine().pin() && n <= cores && Affinity.available();
        Scenario.TraceOptions to = scenario.trace() != null ? scenario.trace() : Scenario.TraceOptions.DEFAULT;
        this.origin = System.nanoTime();
        this.tasks = buildTasks(scenario, n);
        Scenario.Costs costs = scenario.costs() != null ? scenario.costs() : Scenario.Costs.DEFAULT;
        this.recording = new Recording(new RecordingMeta(scenario.name(), scenarioJson, n, boot.isolatedMask(), cores, pinned,
                boot.configQpw(), boot.configQpwDefault(), boot.preemptRt(), boot.bootLine(), boot.effectiveQpw(),
                boot.reason(), System.currentTimeMillis() * 1_000_000L, System.getProperty("java.version"),
                Version.get()));
        this.trace = new TracePipeline(recording, to.ringRecords(), origin);
        this.machine = new Machine(boot, costs, SchedModel.of(scenario.sched()), to.lockEvents(), origin, n,
                trace::cpu, c -> tasks[c], pinned);
        this.threads = new Thread[n];
        for (int c = 0; c < n; c++) {
            threads[c] = Thread.ofPlatform().name("cpu/" + c).daemon(true).unstarted(machine.cpu(c));
        }
        this.triggerThread = Thread.ofPlatform().name("triggers").daemon(true).unstarted(this::fireTriggers);
    }

    private Task[] buildTasks(Scenario s, int n) {
        Task[] t = new Task[n];
        if (s.workloads() != null) {
            for (Scenario.Workload w : s.workloads()) {
                long mask = KernelBoot.mask(w.cpus(), n);
                boolean fifo = "SCHED_FIFO".equals(w.policy());
                int ops = Math.max(1, w.opsPerLoop());
                for (int c = 0; c < n; c++) {
                    if ((mask >>> c & 1) == 0) continue;
                    t[c] = switch (w.task()) {
                        case "rt-loop" -> new RtLoopTask(fifo, w.writeBeforeLoop())
                                .writeEvery(w.writeEveryMs() * 1_000_000L).pace(w.loopsPerSec());
                        case "kmalloc" -> new KmallocTask(fifo, ops)
                                .writeEvery(w.writeEveryMs() * 1_000_000L).pace(w.loopsPerSec());
                        case "lru-add" -> new LruAddTask(fifo, ops)
                                .writeEvery(w.writeEveryMs() * 1_000_000L).pace(w.loopsPerSec());
                        case "idle" -> new IdleTask();
                        default -> throw new IllegalArgumentException("unknown task '" + w.task() + "'");
                    };
                }
            }
        }
        for (int c = 0; c < n; c++) if (t[c] == null) t[c] = new IdleTask();
        return t;
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
        if (!state.compareAndSet(RUNNING, STOPPED)) {
            state.compareAndSet(NEW, STOPPED);
            return;
        }
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

    public Recording recording() {
        return recording;
    }

    /** The trace collector: add a DrainListener before start() to see every batch (file writer, index). */
    public TraceCollector collector() {
        return trace.collector();
    }

    public BootResult boot() {
        return boot;
    }

    public Scenario scenario() {
        return scenario;
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

    public int physicalCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public boolean pinned() {
        return pinned;
    }

    private void fireTriggers() {
        List<Scenario.TriggerSpec> specs = scenario.triggers() == null ? List.of() : scenario.triggers();
        record Firing(long atNs, Trigger t, int cpu) {}
        List<Firing> once = new ArrayList<>();
        List<Scenario.TriggerSpec> periodic = new ArrayList<>();
        for (Scenario.TriggerSpec s : specs) {
            Trigger t = Trigger.ofId(s.action());
            if (t == null) continue;
            if (s.atMs() != null) for (long at : s.atMs()) once.add(new Firing(at * 1_000_000L, t, s.cpu()));
            if (s.everyMs() > 0) periodic.add(s);
        }
        long[] next = new long[periodic.size()];
        for (int i = 0; i < next.length; i++) next[i] = periodic.get(i).startMs() * 1_000_000L;
        boolean[] fired = new boolean[once.size()];
        while (!machine.halting && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime() - startNs;
            long wake = Long.MAX_VALUE;
            for (int i = 0; i < once.size(); i++) {
                if (fired[i]) continue;
                Firing f = once.get(i);
                if (f.atNs <= now) {
                    trigger(f.t, f.cpu);
                    fired[i] = true;
                } else {
                    wake = Math.min(wake, f.atNs);
                }
            }
            for (int i = 0; i < next.length; i++) {
                Scenario.TriggerSpec s = periodic.get(i);
                if (next[i] <= now) {
                    trigger(Trigger.ofId(s.action()), s.cpu());
                    next[i] += s.everyMs() * 1_000_000L;
                }
                wake = Math.min(wake, next[i]);
            }
            if (wake == Long.MAX_VALUE) return;
            LockSupport.parkNanos(Math.max(10_000, wake - (System.nanoTime() - startNs)));
        }
    }

    public EngineStats stats() {
        List<EngineStats.CpuStats> cs = new ArrayList<>(machine.nrCpus());
        double ops0 = 0, ns0 = 0, ops1 = 0, ns1 = 0;
        for (int c = 0; c < machine.nrCpus(); c++) {
            Cpu cpu = machine.cpu(c);
            cs.add(EngineStats.CpuStats.of(cpu));
            ops0 += cpu.counters.get(CpuCounters.FAST_PATH_OPS_QPW0);
            ns0 += cpu.counters.get(CpuCounters.FAST_PATH_NS_QPW0);
            ops1 += cpu.counters.get(CpuCounters.FAST_PATH_OPS_QPW1);
            ns1 += cpu.counters.get(CpuCounters.FAST_PATH_NS_QPW1);
        }
        long overruns = trace.collector().totalOverruns();
        long end = stopNs != 0 ? stopNs : System.nanoTime();
        return new EngineStats(cs, qpw(), machine.ledger.queuedCount(), machine.ledger.executedCount(),
                recording.eventCount(), overruns, startNs == 0 ? 0 : end - startNs,
                ops0 == 0 ? Double.NaN : ns0 / ops0, ops1 == 0 ? Double.NaN : ns1 / ops1, machine.modeSwitches());
    }

    /** Interruptions of one CPU as the trace saw them, each with the gap its task measured. */
    private List<Summary.Interruption> interruptionsOf(int cpu) {
        List<Summary.Interruption> out = new ArrayList<>();
        for (io.qpwscope.trace.decode.Interruptions.Entry e : io.qpwscope.trace.decode.Interruptions.of(recording.lane(cpu), 1000)) {
            out.add(new Summary.Interruption(e.atNs(), e.offCpuNs(), e.taskGapNs(), e.queuedBy(), Site.ofCode(e.fn()).kernelName));
        }
        return out;
    }

    /** The run --json summary; invariants are checked only once stopped. */
    public Summary summary() {
        EngineStats st = stats();
        List<Summary.CpuSummary> cpus = new ArrayList<>();
        for (EngineStats.CpuStats c : st.cpus()) {
            cpus.add(new Summary.CpuSummary(c.cpu(), c.isolated(), c.task(), c.localLockOps(), c.remoteLockOps(),
                    c.lockedByRemote(), c.workQueuedTo(), c.workExecutedOn(), c.interruptions(), c.noiseMaxNs(),
                    c.noiseTotalNs(), c.noiseCount(), c.lockWaitMaxNs(), c.interruptionMaxNs(), c.interruptionTotalNs(),
                    c.spinWaits(), c.trylockFailures(), c.flushWaitMaxNs(),
                    "idle".equals(c.task()) || st.elapsedNs() <= 0 ? null
                            : Math.max(0, 100.0 * (1 - (double) c.noiseTotalNs() / st.elapsedNs())),
                    c.isolated() ? interruptionsOf(c.cpu()) : List.of()));
        }
        WorkLedger l = machine.ledger;
        List<String> violations = new ArrayList<>(stopViolations);
        if (state.get() == STOPPED) {
            l.checkAllExecuted();
            long held = 0;
            for (Task t : tasks) if (t instanceof KmallocTask k) held += k.held();
            machine.mm.checkInvariants(held, violations);
            if (l.queuedCount() != l.executedCount()) {
                violations.add("work: " + l.queuedCount() + " queued but " + l.executedCount() + " executed");
            }
        }
        violations.addAll(l.violations());
        Scenario.Costs costs = machine.costs;
        return new Summary(scenario.name(), qpw(),
                new Summary.Config(boot.configQpw(), boot.configQpwDefault(), boot.preemptRt(), boot.bootLine(),
                        boot.effectiveQpw(), boot.reason(), boot.warnings()),
                physicalCores(), pinned, st.elapsedNs(), cpus,
                new Summary.Work(l.queuedCount(), l.executedCount(), l.executedOnTarget(), l.executedByCaller()),
                new Summary.Trace(recording.eventCount(), st.overruns()),
                new Summary.Invariants(violations.isEmpty(), violations),
                machine.sched.describe(), new Summary.Costs(costs.contextSwitchNs(), costs.workqueueWakeupNs()),
                st.modeSwitches(),
                Double.isNaN(st.fastPathNsPerOpQpw0()) ? null : st.fastPathNsPerOpQpw0(),
                Double.isNaN(st.fastPathNsPerOpQpw1()) ? null : st.fastPathNsPerOpQpw1(),
                new Summary.Mm(machine.mm.memcg.strandedPages(), machine.mm.lru.drainsSkippedByGeneration(),
                        machine.mm.slab.totalObjects()));
    }
}
