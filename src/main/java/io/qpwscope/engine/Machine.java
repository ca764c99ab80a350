package io.qpwscope.engine;

import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.mm.Subsystems;
import io.qpwscope.engine.qpw.CpuHaltedException;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.spec.CostSpec;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.CpuTrace;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The emulated machine: its CPUs, the QPW header state, the converted subsystems' per-CPU
 * data, and the stop_machine barrier used by the live mode switch.
 */
public final class Machine {
    final Cpu[] cpus;
    public final Qpw qpw;
    public final WorkLedger ledger = new WorkLedger();
    public final Subsystems mm;
    final SchedModel sched;
    final CostSpec costs;
    final boolean traceLocks;
    final long origin;
    final BootResult boot;
    final boolean pinning;
    final FastPathCalibration fastPath;

    volatile boolean halting;
    /** An engine thread failed: waits for other CPUs end instead of spinning (see Engine#failure). */
    volatile boolean failed;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicLong workOutstanding = new AtomicLong();

    // stop_machine state
    private volatile long quiesceGen;
    private volatile long releasedGen;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong modeSwitches = new AtomicLong();

    Machine(BootResult boot, CostSpec costs, SchedModel sched, boolean traceLocks, long origin,
            int n, IntFunction<CpuTrace> traces, IntFunction<Task> tasks, boolean pinning) {
        this.boot = boot;
        this.costs = costs;
        this.sched = sched;
        this.traceLocks = traceLocks;
        this.origin = origin;
        this.pinning = pinning;
        this.cpus = new Cpu[n];
        this.qpw = new Qpw(boot.configQpw(), boot.preemptRt(), boot.effectiveQpw() == 1, ledger, cpus);
        this.mm = new Subsystems(this, n);
        this.fastPath = new FastPathCalibration(boot);
        for (int c = 0; c < n; c++) {
            cpus[c] = new Cpu(this, c, boot.isolated(c), tasks.apply(c), traces.apply(c), origin);
        }
    }

    /**
     * A machine with no tasks, no tracing and no modelled costs, whose CPU objects are driven
     * directly by a benchmark thread (the seed's kmalloc_bench runs with preemption off).
     */
    public static Machine forBenchmark(BootResult boot, int cpus) {
        return new Machine(boot, CostSpec.NONE, SchedModel.of(null), false, System.nanoTime(),
                cpus, c -> null, c -> new io.qpwscope.engine.task.IdleTask(), false);
    }

    public int nrCpus() {
        return cpus.length;
    }

    public Cpu cpu(int id) {
        return cpus[id];
    }

    public BootResult boot() {
        return boot;
    }

    /** The untraced, paired fast-path figures per mode (the dashboard's fast-path tile). */
    public FastPathCalibration fastPath() {
        return fastPath;
    }

    /** An engine thread failed: waiters must stop waiting. */
    public boolean failed() {
        return failed;
    }

    /** Same as {@link #failed()}. */
    public boolean hasFailed() {
        return failed;
    }

    /** A work item was put on some CPU's worklist. */
    public void workQueuedToWorker() {
        workOutstanding.incrementAndGet();
    }

    /** A worker finished an item. */
    public void workExecutedByWorker() {
        workOutstanding.decrementAndGet();
    }

    /** Called once on an engine failure: every CPU stops its task and leaves its waits. */
    void fail() {
        failed = true;
        halting = true;
        for (Cpu c : cpus) {
            Thread t = c.thread;
            if (t != null) LockSupport.unpark(t);
        }
    }

    void cpuFinished() {
        finished.incrementAndGet();
    }

    boolean allFinishedAndNoWork() {
        return finished.get() == cpus.length && workOutstanding.get() == 0;
    }

    /** @return whether every started CPU thread's pin held (sched_setaffinity read back). */
    boolean allPinsHeld() {
        for (Cpu c : cpus) if (!c.pinHeld) return false;
        return true;
    }

    /** @return whether the calling CPU thread's pin held (true when pinning is off: nothing was asked). */
    boolean pin(Cpu cpu) {
        return !pinning || Affinity.pinCurrentThread(cpu.id % Runtime.getRuntime().availableProcessors());
    }

    // ------------------------------------------------------------------ stop_machine

    /** Called by CPU threads at safe points (preemption enabled, irqs on, no lock held). */
    void quiescePoint(Cpu cpu) {
        long gen = quiesceGen;
        if (gen == releasedGen) return;
        long t0 = cpu.now();
        arrived.incrementAndGet();
        int spins = 0;
        while (releasedGen != gen) {
            if (failed) throw new CpuHaltedException(cpu + " left the stop_machine barrier: the engine failed");
            cpu.handleIpis(); // MULTI_STOP_PREPARE: interrupts are still on
            if (++spins < 100) Thread.onSpinWait();
            else LockSupport.parkNanos(10_000);
        }
        cpu.waitEnded();
        // Every lane marks the switch: aux = the key now in force, payload = ns stopped.
        long t1 = cpu.now();
        cpu.addModelNs(t1 - t0);
        cpu.trace(t1, EventType.MODE_SWITCH, -1, 0, qpw.spinMode() ? 1 : 0, t1 - t0);
    }

    /**
     * Flips the static key with every CPU parked at a safe point, like stop_machine: no lock
     * is held and no fast path is half-way anywhere while the key changes. Work already
     * queued stays queued and runs exactly once afterwards.
     *
     * @return ns the machine was stopped
     */
    synchronized long setQpw(int value, long timeoutNs) {
        if (!qpw.configQpw()) throw new IllegalStateException("CONFIG_QPW=n: qpw cannot be switched");
        if (halting) throw new IllegalStateException("machine is stopping");
        long t0 = System.nanoTime();
        arrived.set(0);
        long gen = quiesceGen + 1;
        quiesceGen = gen; // volatile write: CPUs see the request at their next safe point
        for (Cpu c : cpus) {
            Thread t = c.thread;
            if (t != null) LockSupport.unpark(t);
        }
        try {
            while (arrived.get() < liveCpus()) {
                if (failed) throw new IllegalStateException("stop_machine: the engine failed");
                if (System.nanoTime() - t0 > timeoutNs) {
                    throw new IllegalStateException("stop_machine: only " + arrived.get() + " of " + cpus.length
                            + " CPUs reached a safe point in " + timeoutNs / 1_000_000 + " ms");
                }
                Thread.onSpinWait();
                Thread.yield();
            }
            qpw.setStaticKey(value != 0);
            long stopped = System.nanoTime() - t0;
            modeSwitches.incrementAndGet();
            return stopped;
        } finally {
            releasedGen = gen; // volatile write: publishes the key and releases the CPUs
            for (Cpu c : cpus) {
                Thread t = c.thread;
                if (t != null) LockSupport.unpark(t);
            }
        }
    }

    private int liveCpus() {
        int n = 0;
        for (Cpu c : cpus) if (c.thread != null) n++;
        return n;
    }

    long modeSwitches() {
        return modeSwitches.get();
    }
}
