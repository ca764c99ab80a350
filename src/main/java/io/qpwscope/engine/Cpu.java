package io.qpwscope.engine;

import io.qpwscope.engine.host.HostAccount;
import io.qpwscope.engine.host.HostSplit;
import io.qpwscope.engine.host.HostTime;
import io.qpwscope.engine.qpw.CpuHaltedException;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.engine.qpw.SpinWatch;
import io.qpwscope.trace.CpuTrace;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One emulated CPU: a platform thread named {@code cpu/N} running its task, its kworker
 * (the per-CPU worker pool of the workqueue) and commands (triggers) issued on it.
 *
 * <p>Fields without a volatile/atomic are touched only by this CPU's own thread, as per-CPU
 * state in the kernel is: the preempt count, the irq flag, the task's timers.
 *
 * <p>Preemption points: after each task step the CPU may switch to its kworker when work is
 * pending — unless preemption or interrupts are disabled (deferred, as in the kernel), or the
 * task is SCHED_FIFO and the scheduling model gives the kworker no room yet.
 */
public final class Cpu implements Runnable {
    /** Gaps shorter than this in a task's own loop are not noise (osnoise uses 5 µs by default;
     *  the modelled costs here are a few µs, so the tool looks closer). */
    public static final long NOISE_THRESHOLD_NS = 1_000;

    final int id;
    final boolean isolated;
    final Machine machine;
    final CpuCounters counters = new CpuCounters();
    private final CpuTrace ring;
    private final long origin;
    final Task task;
    final CpuContexts contexts;
    private final ConcurrentLinkedQueue<QpwStruct> worklist = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Consumer<Cpu>> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Consumer<Cpu>> ipis = new ConcurrentLinkedQueue<>();
    volatile Thread thread;
    /** What the host takes from this CPU's thread: opened by the thread at start, null without a source. */
    private volatile CpuHost host;
    /** Whether sched_setaffinity held for this CPU's thread (true when pinning is off). */
    volatile boolean pinHeld = true;

    // --- owner-thread state ---
    private int preemptCount;
    private boolean irqsOff;
    private long irqOffSince;
    private long lastQuiesceGen;
    private long workPendingSince = -1;
    private boolean inWorker;
    private int hostTick;
    private SpinSplit spinSplit;
    private final PeerSplit flushSplit = new PeerSplit();
    private int migrateDisabled;
    private boolean inPace;
    private long paceDue;
    private int commandDepth;
    private volatile long rtThrottles;

    /** @param trace this CPU's tracer, or null for no tracing */
    Cpu(Machine machine, int id, boolean isolated, Task task, CpuTrace trace, long origin) {
        this.machine = machine;
        this.id = id;
        this.isolated = isolated;
        this.task = task;
        this.ring = trace;
        this.origin = origin;
        this.contexts = new CpuContexts(id, task.prio(), CpuContexts.taskKind(task));
    }

    /** smp_processor_id() */
    public int id() {
        return id;
    }

    public boolean isolated() {
        return isolated;
    }

    public Machine machine() {
        return machine;
    }

    public CpuCounters counters() {
        return counters;
    }

    /** ns since the engine's origin: the trace clock. */
    public long now() {
        final long t = System.nanoTime();
        if (gapWatch) gapCheck(t);
        return t - origin;
    }

    // ------------------------------------------------------------------ unseen host gaps

    /**
     * A stretch between two consecutive clock reads of a watched window longer than this is a
     * gap: the code between two reads of the kworker path takes well under it (a few µs cold).
     */
    static final long GAP_NS = Long.getLong("qpwscope.gapNs", 10_000);
    /** Of a gap, the most the code between the two reads is taken to have run: left to the kernel part. */
    static final long GAP_CODE_NS = 2_000;

    /**
     * Host time the guest kernel does not see. This machine's hypervisor reports no steal
     * ({@code /proc/stat} steal stays 0), yet a thread alone on a quiet core that does nothing but
     * read the clock sees 1,400–5,900 stalls a second of 20–100 µs while its schedstat run time says it
     * was on a core throughout (BENCHMARKS.md, "unseen host gaps"). Inside a watched window (an
     * interruption) every clock read of this CPU's thread checks the time since the previous one;
     * model waits (a spin on a held lock, a sleep, an IPI round, stop_machine) end with
     * {@link #waitEnded()} so that they are never taken for a gap.
     */
    private boolean gapWatch;
    private long gapPrev, gapSum, modelNs;
    private int gapCount, gapReads;

    private void gapCheck(long t) {
        long d = t - gapPrev;
        gapPrev = t;
        gapReads++;
        if (d > GAP_NS) {
            gapSum += d;
            gapCount++;
        }
    }

    private void gapWatchStart() {
        gapSum = 0;
        gapCount = 0;
        gapReads = 0;
        gapPrev = System.nanoTime();
        gapWatch = true;
    }

    /** Ends the watch (the caller's last {@link #now()} checked the last stretch). */
    private void gapWatchEnd() {
        gapWatch = false;
    }

    /**
     * Splits a watched window of {@code wallNs} given what the guest saw of it ({@code steal},
     * {@code pause}, from schedstat) and the gaps the watch found in its {@code reads} clock reads.
     * The host's share is the larger of the two views, less, for each gap, what the code between
     * two reads took on average in the window's other stretches (at most {@link #GAP_CODE_NS}),
     * and never more than the gaps: the short stretches between reads are progress this
     * thread was seen to make on a core, the kernel part's floor (a modelled cost burnt in them
     * is always kernel, whatever skew the scheduler's clock has against nanoTime).
     * @return {steal, pause} of the window
     */
    static long[] splitWatched(long wallNs, long steal, long pause, long gapSum, int gapCount, int reads) {
        long gaps = Math.min(gapSum, wallNs);
        // what the code between two reads took here, on average over the stretches that were not gaps
        long perRead = reads > gapCount ? (wallNs - gaps) / (reads - gapCount) : GAP_CODE_NS;
        long unseen = Math.max(0, gaps - gapCount * Math.min(GAP_CODE_NS, perRead));
        long host = Math.min(Math.max(steal + pause, unseen), gaps);
        long p = Math.min(pause, host);
        return new long[] {host - p, p};
    }

    /** A wait of the model (a spin on a held lock, a park, an IPI round) ended now: not a gap. */
    public void waitEnded() {
        if (gapWatch) gapPrev = System.nanoTime();
    }

    /**
     * The time the model has had this CPU besides its task's own loop, in total: kworker runs
     * that interrupted the task (their kernel parts), IPI handlers, commands, stop_machine, and
     * RT-throttle windows (the window the model defines, whatever the host did in it). A noise
     * gap of the task's loop is kernel for what this grew by across it, and the host's for the
     * rest. Read and written by this CPU's thread only.
     */
    public long modelNs() {
        return modelNs;
    }

    /** stop_machine held this CPU for {@code ns} (the live qpw switch). */
    void addModelNs(long ns) {
        if (ns > 0) modelNs += ns;
    }

    /**
     * Spins {@code ns} on this CPU (a modelled cost), the clock watched as {@link #now()} does:
     * inside a watched window a gap does not count toward the cost (the emulated CPU was frozen).
     */
    void burn(long ns) {
        if (ns <= 0) return;
        long done = 0, prev = System.nanoTime();
        while (done < ns) {
            Thread.onSpinWait();
            final long t = System.nanoTime();
            final long d = t - prev;
            prev = t;
            if (d <= GAP_NS || !gapWatch) done += d; // a longer stretch in a watched window: the CPU was frozen
            if (gapWatch) gapCheck(t);
        }
    }

    // ------------------------------------------------------------------ tracing

    public boolean tracing() {
        return ring != null;
    }

    /** Writes one trace record to this CPU's ring (never blocks; a full ring counts an overrun). */
    public void trace(long ts, EventType type, int peer, int fn, int aux, long payload) {
        final CpuTrace r = ring;
        if (r != null) r.emit(ts, type, peer, fn, aux, payload);
    }

    public boolean traceLocks() {
        return ring != null && machine.traceLocks;
    }

    // ------------------------------------------------------------------ preemption and irqs

    public void preemptDisable() {
        preemptCount++;
    }

    public void preemptEnable() {
        if (--preemptCount < 0) throw new IllegalStateException("cpu" + id + ": preempt count underflow");
    }

    public int preemptCount() {
        return preemptCount;
    }

    /** migrate_disable(): what a PREEMPT_RT sleeping lock does instead of preempt_disable. */
    public void migrateDisable() {
        migrateDisabled++;
    }

    public void migrateEnable() {
        if (--migrateDisabled < 0) throw new IllegalStateException("cpu" + id + ": migrate_disable underflow");
    }

    public int migrateDisabledCount() {
        return migrateDisabled;
    }

    /** What this CPU executes, for PREEMPT_RT's rt_mutex (owner running?, priorities, boosts). */
    public CpuContexts contexts() {
        return contexts;
    }


    /** local_irq_save: @return the previous state (the "flags"). */
    public boolean irqSave() {
        boolean was = irqsOff;
        if (!was) {
            irqsOff = true;
            if (traceLocks()) {
                irqOffSince = now();
                trace(irqOffSince, EventType.IRQ_OFF, -1, 0, 0, 0);
            }
        }
        return was;
    }

    /** local_irq_restore(flags) */
    public void irqRestore(boolean flags) {
        if (!flags && irqsOff) {
            irqsOff = false;
            if (traceLocks()) {
                long t = now();
                trace(t, EventType.IRQ_ON, -1, 0, 0, t - irqOffSince);
            }
        }
    }

    public boolean irqsDisabled() {
        return irqsOff;
    }

    /**
     * The task's own loop saw a gap of {@code gap} ns ending at {@code ts} (osnoise-style).
     * @param modelNs how much {@link #modelNs()} grew across it: the model's part (kernel); the
     *                rest is the host's, pause as the guest saw it and steal otherwise (what it
     *                saw, and stalls it did not: see {@link #GAP_NS}). With nothing of the model
     *                in it, the gap is the host's whole: osnoise's "HW" noise.
     */
    public void recordNoise(long ts, long gap, long modelNs) {
        counters.add(CpuCounters.NOISE_COUNT, 1);
        counters.add(CpuCounters.NOISE_TOTAL_NS, gap);
        counters.max(CpuCounters.NOISE_MAX_NS, gap);
        trace(ts, EventType.NOISE, -1, 0, 0, gap);
        final CpuHost h = host;
        long kernel = h == null ? gap : h.splitModelGap(EventType.NOISE, ts, gap, modelNs);
        counters.max(CpuCounters.NOISE_MAX_KERNEL_NS, kernel);
        counters.add(CpuCounters.NOISE_KERNEL_TOTAL_NS, kernel);
    }

    // ------------------------------------------------------------------ host time

    /** @return this CPU's host-time totals, or null before its thread started or without a source. */
    public HostAccount hostAccount() {
        CpuHost h = host;
        return h == null ? null : h.account();
    }

    CpuHost host() {
        return host;
    }

    /** @return the watch a contended spin of this CPU reports to, or null without host time. */
    public SpinWatch spinWatch() {
        return spinSplit;
    }

    /**
     * After a contended spin of {@code waitedNs} that ended at {@code ts}: writes the
     * SPIN_WAIT record's companion when {@code traced} (call it right after that record) and
     * counts the wait's kernel part ({@link SpinSplit} says what is not kernel).
     */
    public void spinWaited(long ts, long waitedNs, boolean traced) {
        long kernel = waitedNs;
        final CpuHost h = host;
        final SpinSplit s = spinSplit;
        if (h != null && s != null && s.valid()) {
            if (traced) {
                kernel = h.companion(EventType.SPIN_WAIT, ts, waitedNs, s.measuredCpu(), s.stealNs(), s.pauseNs());
            } else {
                long st = Math.min(s.stealNs(), waitedNs);
                kernel = waitedNs - st - Math.min(s.pauseNs(), waitedNs - st);
            }
        }
        counters.max(CpuCounters.SPIN_WAIT_MAX_KERNEL_NS, kernel);
    }

    /** A lock hold of {@code heldNs} ended at {@code ts}, its LOCK_RELEASE just written: splits a long one. */
    public void lockHeld(long ts, long heldNs) {
        final CpuHost h = host;
        if (h != null && heldNs >= CpuHost.HOLD_SPLIT_MIN_NS) h.splitGap(EventType.LOCK_RELEASE, ts, heldNs);
    }

    /** A flush starts waiting for {@code target}'s worker: reads the target's thread. */
    public void flushStart(int target) {
        if (host != null) flushSplit.start(machine, target);
    }

    /** The flush's FLUSH_WAIT record of {@code waitedNs} at {@code ts} was just written: its companion (the target's host time). */
    public void flushEnd(long ts, long waitedNs) {
        final CpuHost h = host;
        if (h == null || !flushSplit.end(machine)) return;
        h.companion(EventType.FLUSH_WAIT, ts, waitedNs, flushSplit.measuredCpu(), flushSplit.stealNs(), flushSplit.pauseNs());
    }

    private void hostPoll() {
        final CpuHost h = host;
        if (h != null) h.poll(System.nanoTime());
    }

    // ------------------------------------------------------------------ work

    /** queue_work_on's enqueue half: called by the queuing CPU. */
    public void enqueueWork(QpwStruct w) {
        worklist.add(w);
        counters.workQueuedTo.incrementAndGet();
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /**
     * smp_call_function_single's send half: {@code fn} runs on this CPU in interrupt context
     * at its next point with interrupts on, whatever its task and preempt count (an IPI
     * preempts a SCHED_FIFO loop). The sender waits for it itself.
     */
    public void sendIpi(Consumer<Cpu> fn) {
        ipis.add(fn);
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /** This CPU has a live thread of its own (false on benchmark machines a test drives). */
    public boolean hasThread() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Runs pending IPI functions now, with interrupts off, unless interrupts are off already. */
    public void handleIpis() {
        if (irqsOff || ipis.isEmpty()) return;
        boolean flags = irqSave();
        Consumer<Cpu> f;
        final long t0 = System.nanoTime();
        while ((f = ipis.poll()) != null) f.accept(this);
        modelNs += System.nanoTime() - t0;
        irqRestore(flags);
    }

    /** Runs {@code cmd} on this CPU at its next preemption point (a process issuing a command). */
    public void submit(Consumer<Cpu> cmd) {
        commands.add(cmd);
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /**
     * A preemption point: the task may be switched out here. Deferred while preemption or
     * interrupts are disabled.
     */
    public void preemptionPoint() {
        if (!ipis.isEmpty()) handleIpis();
        if (preemptCount != 0 || irqsOff || inWorker) return;
        if ((++hostTick & 63) == 0) hostPoll(); // a nanoTime every 64 points; a sample every ~1 ms
        if (migrateDisabled != 0 || contexts.heldCount() != 0) {
            preemptRtHolder();
            return;
        }
        machine.quiescePoint(this);
        if (!commands.isEmpty()) runCommands();
        if (!worklist.isEmpty()) maybeRunWorker();
    }

    private void runCommands() {
        final long t0 = System.nanoTime();
        Consumer<Cpu> c;
        while ((c = commands.poll()) != null) {
            contexts.push(CpuContexts.PRIO_NORMAL, TraceDescriptor.TASK_USER); // the process issuing it
            int saved = commandDepth;
            commandDepth = contexts.depth();
            try {
                c.accept(this);
            } finally {
                commandDepth = saved;
                contexts.pop();
            }
        }
        modelNs += System.nanoTime() - t0;
    }

    /**
     * PREEMPT_RT: a holder of a sleeping lock stays preemptible. In a command (a process
     * running beside this CPU's task), when the task is runnable — not blocked between paced
     * iterations, or its next iteration is due — and its priority beats the holder's (boosted)
     * one, the task preempts the holder for one iteration: on this thread, so only a lock-free
     * task can. Kworkers, other commands and stop_machine wait until the holder unlocks.
     */
    private void preemptRtHolder() {
        int d = contexts.depth();
        if (d == commandDepth && d > 0 && !task.idle() && task.lockFree() && (!inPace || now() >= paceDue)
                && task.prio() < contexts.effectivePrio(d)) {
            contexts.push(task.prio(), TraceDescriptor.TASK_USER);
            try {
                task.resumed(this);
                task.step(this);
            } finally {
                contexts.pop();
            }
            if (inPace) paceDue += task.loopPeriodNs();
        }
        reportBoost(d);
    }

    /** Writes an unreported PI boost of context d onto this CPU's lane (owner thread). */
    public void reportBoost(int d) {
        long note = contexts.takeBoostNote(d);
        if (note != 0) {
            trace(now(), EventType.PI_BOOST, (int) (note >>> 32) - 1, 0, 1, (int) note);
            counters.add(CpuCounters.PI_BOOSTS, 1);
        }
    }

    private void maybeRunWorker() {
        long t = now();
        if (workPendingSince < 0) workPendingSince = t;
        if (!task.idle() && task.fifo() && !machine.sched.kworkerMayRun(t, workPendingSince)) {
            return; // SCHED_FIFO: the normal-priority kworker waits for throttling / stalld
        }
        runWorker(!task.idle(), t);
    }

    /**
     * Switches to the kworker, runs every pending item, switches back. When the CPU had a
     * task running, that is an interruption: its length is measured, not computed.
     */
    private void runWorker(boolean interruptsTask, long t0) {
        runWorker(interruptsTask, interruptsTask ? TraceDescriptor.TASK_USER : TraceDescriptor.TASK_IDLE, t0);
    }

    /**
     * @param prev the CPU was running its task (an interruption), or idle / blocked (it was
     *             free); a throttled FIFO task is runnable but off the CPU: IDLE, and still an
     *             interruption of it
     */
    private void runWorker(boolean interruptsTask, int prev, long t0) {
        inWorker = true;
        contexts.push(CpuContexts.PRIO_NORMAL, TraceDescriptor.TASK_KWORKER);
        final Machine m = machine;
        final CpuHost h = interruptsTask ? host : null;
        long steal0 = 0, pause0 = 0;
        if (h != null) { // the interruption's host share: the account's change between its edges
            h.mark();
            steal0 = h.account().stealNs();
            pause0 = h.account().pauseNs();
            t0 = now();
            gapWatchStart();
        }
        trace(t0, EventType.TASK_SWITCH, -1, 0, (prev << 8) | TraceDescriptor.TASK_KWORKER, 0);
        burn(m.costs.workqueueWakeupNs() + m.costs.contextSwitchNs());
        QpwStruct w;
        int firstPeer = -1, firstSite = 0;
        while ((w = worklist.poll()) != null) {
            if (firstPeer < 0) {
                firstPeer = w.queuedByCpu();
                firstSite = w.site().code;
            }
            m.qpw.execute(this, w, false);
        }
        burn(m.costs.contextSwitchNs());
        long t1 = now();
        if (h != null) gapWatchEnd();
        trace(t1, EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_KWORKER << 8) | prev, 0);
        if (interruptsTask) {
            long d = t1 - t0;
            trace(t1, EventType.INTERRUPTION, firstPeer, firstSite, 0, d);
            if (h != null) {
                HostSplit window = h.sampleQuietly();
                long[] sp = splitWatched(d, h.account().stealNs() - steal0, h.account().pauseNs() - pause0, gapSum, gapCount, gapReads);
                modelNs += h.companion(EventType.INTERRUPTION, t1, d, -1, sp[0], sp[1]);
                h.writeSample(window);
            } else {
                modelNs += d;
            }
            counters.add(CpuCounters.INTERRUPTIONS, 1);
            counters.max(CpuCounters.INTERRUPTION_MAX_NS, d);
            counters.add(CpuCounters.INTERRUPTION_TOTAL_NS, d);
            counters.set(CpuCounters.LAST_INTERRUPTION_NS, d);
        }
        workPendingSince = -1;
        contexts.pop();
        inWorker = false;
    }

    /**
     * A waiter blocked on a PREEMPT_RT sleeping lock: its CPU schedules — runs pending kworker
     * work, if the waiter holds no sleeping lock the work might need — or idles briefly.
     */
    public void scheduleWhileBlocked() {
        if (machine.failed) throw new CpuHaltedException(this + " stopped waiting for a lock: the engine failed");
        if (contexts.heldCount() == 0 && !inWorker && !worklist.isEmpty()) runWorker(false, now());
        else sleep(20_000);
    }

    /**
     * Classic RT throttling (SchedModel.Mode.RT_THROTTLING): a SCHED_FIFO task that has used
     * its sched_rt_runtime_us is off the CPU until the period ends, whether or not anything
     * else runs: the CPU idles, runs IPIs, commands and kworkers meanwhile. The task's own loop
     * then sees the window as a gap (noise) in either qpw mode. A kworker that runs here ran
     * while the task was runnable: an interruption of it.
     */
    private void rtThrottle() {
        long until = machine.sched.throttledUntil(now());
        if (until < 0) return;
        long t = now();
        final long model0 = modelNs;
        rtThrottles++; // only this CPU's thread writes it
        trace(t, EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_IDLE, 0);
        while (!machine.halting) {
            machine.quiescePoint(this);
            handleIpis();
            if (!commands.isEmpty()) runCommands();
            if (!worklist.isEmpty() && !inWorker) runWorker(true, TraceDescriptor.TASK_IDLE, now());
            long left = until - now();
            if (left <= 0) break;
            if (worklist.isEmpty()) sleep(Math.min(left, 1_000_000));
        }
        // the window is the model's whole, what ran in it included; a late return is the host's
        modelNs = model0 + Math.max(until - t, modelNs - model0);
        workPendingSince = -1;
        trace(now(), EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_IDLE << 8) | TraceDescriptor.TASK_USER, 0);
    }

    /** Throttle windows the FIFO task sat out (classic RT throttling). */
    public long rtThrottles() {
        return rtThrottles;
    }

    /**
     * {@link WorkerWarmUp} only, on the thread that stands in for this CPU: runs pending IPIs,
     * then pending work as a kworker interrupting a running task, as {@link #preemptionPoint} does.
     * @return whether there was anything to run
     */
    boolean warmUpStep() {
        if (thread == null) thread = Thread.currentThread(); // so senders wait for this thread, not stand in
        boolean any = !ipis.isEmpty() || !worklist.isEmpty();
        handleIpis();
        if (!worklist.isEmpty() && !inWorker) runWorker(true, TraceDescriptor.TASK_USER, now());
        return any;
    }

    /** Runs pending work while this CPU's task is blocked (sleeping, idle): not an interruption. */
    private void runWorkerWhileBlocked() {
        if (!worklist.isEmpty() && !inWorker) runWorker(false, now());
    }

    /**
     * Sleeps (schedule()) until {@code done} holds: the CPU is free for its kworker and for
     * stop_machine meanwhile. Must not be called with preemption or interrupts disabled.
     */
    public void sleepUntil(BooleanSupplier done) {
        if (preemptCount != 0 || irqsOff) {
            throw new IllegalStateException("cpu" + id + ": sleeping while atomic (preempt_count=" + preemptCount + ")");
        }
        int idleSpins = 0;
        while (!done.getAsBoolean()) {
            if (machine.failed) throw new CpuHaltedException(this + " stopped waiting: the engine failed");
            machine.quiescePoint(this);
            hostPoll();
            handleIpis();
            if (!worklist.isEmpty()) {
                runWorkerWhileBlocked();
                idleSpins = 0;
            } else if (++idleSpins < 64) {
                Thread.onSpinWait();
            } else {
                sleep(20_000);
            }
        }
    }

    /**
     * Parks this CPU's thread on purpose (idle, paced, asleep in a wait) for up to {@code ns}:
     * the time it is parked is the model's, so the host clock is told and does not count it as
     * host pause.
     */
    private void sleep(long ns) {
        final CpuHost h = host;
        if (h == null) {
            LockSupport.parkNanos(ns);
            return;
        }
        long t0 = System.nanoTime();
        LockSupport.parkNanos(ns);
        h.slept(System.nanoTime() - t0);
        waitEnded();
    }

    // ------------------------------------------------------------------ the thread

    @Override
    public void run() {
        try {
            openHost();
            runTask();
        } catch (CpuHaltedException e) {
            // another engine thread failed first; that failure is the one reported
        } finally {
            closeHost();
        }
    }

    void openHost() {
        CpuHost h = CpuHost.openCurrentThread(this, origin, HostTime.system());
        if (h != null) spinSplit = new SpinSplit(this);
        host = h;
    }

    /** Takes the last sample (so the totals run to the end) and closes the readers. */
    void closeHost() {
        CpuHost h = host;
        if (h == null) return;
        h.mark();
        h.close();
    }

    private void runTask() {
        thread = Thread.currentThread();
        pinHeld = machine.pin(this);
        task.init(this);
        if (task.idle()) {
            idleLoop();
        } else {
            trace(now(), EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_IDLE << 8) | TraceDescriptor.TASK_USER, 0);
            final long period = task.loopPeriodNs();
            long next = now() + period;
            while (!machine.halting) {
                task.step(this);
                preemptionPoint();
                if (task.fifo()) rtThrottle();
                if (period > 0) next = pace(next, period);
            }
            task.exit(this);
            trace(now(), EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_IDLE, 0);
        }
        drainUntilAllIdle();
    }

    /**
     * A paced task blocks until its next iteration is due (a process waiting for I/O or a
     * timer): the CPU idles meanwhile, so its kworker runs at once and interrupts nothing.
     * @return when the iteration after next is due
     */
    private long pace(long due, long period) {
        long t = now();
        if (due - t > 20_000) {
            trace(t, EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_IDLE, 0);
            paceDue = due;
            inPace = true;
            while (!machine.halting) {
                machine.quiescePoint(this);
                hostPoll();
                handleIpis();
                if (!commands.isEmpty()) runCommands();
                if (!worklist.isEmpty()) runWorkerWhileBlocked();
                long left = paceDue - now(); // a command's preempted lock holder may have run an iteration
                if (left <= 0) break;
                sleep(Math.min(left, 1_000_000));
            }
            inPace = false;
            due = paceDue;
            t = now();
            trace(t, EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_IDLE << 8) | TraceDescriptor.TASK_USER, 0);
            task.resumed(this);
        }
        // after a long stall (the host took the thread away), start again instead of bursting
        return t - due > 100 * period ? t + period : due + period;
    }

    private void idleLoop() {
        while (!machine.halting) {
            machine.quiescePoint(this);
            hostPoll();
            handleIpis();
            if (!commands.isEmpty()) runCommands();
            if (!worklist.isEmpty()) {
                runWorker(false, now());
            } else if (commands.isEmpty()) {
                sleep(200_000);
            }
        }
    }

    /** After halt: finish commands, then keep serving work until every CPU is done. */
    private void drainUntilAllIdle() {
        runCommands();
        machine.cpuFinished();
        while (!machine.allFinishedAndNoWork() && !machine.failed) {
            machine.quiescePoint(this);
            handleIpis();
            if (!worklist.isEmpty()) runWorker(false, now());
            else sleep(50_000);
        }
    }

    @Override
    public String toString() {
        return "cpu" + id + (isolated ? " (isolated)" : "");
    }
}
