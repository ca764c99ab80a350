package io.qpwscope.ftrace;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns decoded ftrace event fields, fed in global time order, into QPW Scope trace records
 * (absolute trace-clock ns, per CPU). Shared by the text front-end ({@link FtraceParser}) and
 * the binary one ({@code io.qpwscope.ftrace.tracedat}):
 *
 * <ul>
 * <li>{@code workqueue_queue_work} -> WORK_QUEUED on the queuing CPU, peer = target CPU,
 *     payload = a sequence number given here;</li>
 * <li>{@code workqueue_execute_start/end} -> WORK_START/WORK_END on the executing CPU, matched
 *     to the queuing by work struct pointer for the sequence number and peer;</li>
 * <li>{@code sched_switch} -> TASK_SWITCH; a runnable user task switched out for a kworker
 *     and switched back in -> INTERRUPTION (payload = ns off CPU, peer = the CPU that queued
 *     the first work run meanwhile, -1 if the queuing was not traced). When the kworker leaves
 *     the CPU idle with the task still runnable (RT throttling), the interruption ends there and
 *     the idle rest until the task runs again is NOISE, as the engine splits a throttled window;</li>
 * <li>osnoise {@code thread_noise / irq_noise / softirq_noise / nmi_noise} -> NOISE with
 *     ts = start + duration;</li>
 * <li>{@code irq_handler_entry/exit}, {@code softirq_entry/exit} while a task (not idle) runs -> NOISE
 *     on that CPU at the exit, payload = handler ns (a softirq's less the irqs nested in it, as
 *     osnoise counts them);</li>
 * <li>flush waits -> FLUSH_WAIT on the CPU where the waiter went to sleep: a task switched out in D
 *     state and woken ({@code sched_wakeup}) by a kworker running {@code wq_barrier_func}, the
 *     barrier flush_work queues behind the flushed work, or, for a remote wakeup the sleeper's CPU
 *     logs in its wake-list IPI, within {@link #REMOTE_WAKEUP_NS} after a barrier ended elsewhere; peer = the barrier's CPU, fn = the work
 *     that ran before the barrier there, payload = ns from the switch-out to the wakeup. Without
 *     wakeup events, the wait ends at the last barrier that ended before the waiter ran again.</li>
 * </ul>
 * Other events are counted with {@link #unknownEvent(int)}. One instance reads one trace.
 */
public final class FtraceRecords {
    /** ts, meta, payload per row: 3 longs per event (no object per event). */
    private long[] rows = new long[3 * 1024];
    private int count;
    private final Map<String, Work> queued = new HashMap<>();
    private final Map<String, Work> runningWork = new HashMap<>();
    private final OffCpu[] off = new OffCpu[TraceDescriptor.MAX_CPUS];
    private long nextSeq = 1;
    private int maxCpu = -1;
    private long events, unknownEvents, otherLines, unmatchedEnds, lostEvents;
    private final Map<Integer, Waiter> sleepers = new HashMap<>();
    private final Site[] barrierFor = new Site[TraceDescriptor.MAX_CPUS];
    private final Site[] lastWork = new Site[TraceDescriptor.MAX_CPUS];
    private final long[] barrierEndNs = new long[TraceDescriptor.MAX_CPUS];
    private final Site[] barrierEndSite = new Site[TraceDescriptor.MAX_CPUS];
    private final int[] running = initRunning();
    private final long[] irqStart = new long[TraceDescriptor.MAX_CPUS], softirqStart = new long[TraceDescriptor.MAX_CPUS];
    private final long[] irqInSoftirq = new long[TraceDescriptor.MAX_CPUS];
    private boolean wakeupsTraced;
    private long flushWaits;

    private static final String BARRIER = "wq_barrier_func";

    /** A task that went to sleep in D state: maybe in flush_work. */
    private record Waiter(int cpu, long outNs) {}

    private static int[] initRunning() {
        int[] r = new int[TraceDescriptor.MAX_CPUS];
        Arrays.fill(r, -1);
        return r;
    }

    /** A queued work item: who queued it for whom. */
    private record Work(long seq, int queuingCpu, int targetCpu, Site site) {}

    /** A user task switched out for a kworker: when, and what work ran while it was off. */
    private static final class OffCpu {
        final int userPid;
        long outNs;
        int firstPeer = -1;
        Site firstSite;
        /** When the kworker left the CPU idle with the task still off it (RT throttling), else -1. */
        long idleSinceNs = -1;

        OffCpu(int userPid, long outNs) {
            this.userPid = userPid;
            this.outNs = outNs;
        }
    }

    /**
     * Counts one event on {@code cpu}; every event, imported or not, goes through here first.
     *
     * @throws IllegalArgumentException if the CPU does not fit a recording
     */
    public void event(int cpu) {
        if (cpu < 0 || cpu >= TraceDescriptor.MAX_CPUS) {
            throw new IllegalArgumentException("CPU " + cpu + " is beyond the " + TraceDescriptor.MAX_CPUS + " CPUs a recording holds");
        }
        events++;
        maxCpu = Math.max(maxCpu, cpu);
    }

    /** An event of a tracepoint that is not imported (after {@link #event(int)}). */
    public void unknownEvent(int cpu) {
        unknownEvents++;
    }

    /** A non-comment text line that is not an event. */
    void otherLine() {
        otherLines++;
    }

    /** Events the kernel reported lost; they become the recording's overruns. */
    public void lost(long n) {
        lostEvents += n;
    }

    /**
     * {@code workqueue_queue_work}.
     *
     * @param work     the work struct pointer, as a key matching the execute events' spelling
     * @param function the work function's symbol (null or an address if unknown)
     * @param reqCpu   the requested CPU (WORK_CPU_UNBOUND or out of range: none)
     * @param cpu      the CPU the work was queued to (out of range: use {@code reqCpu})
     */
    public void queueWork(int onCpu, long tsNs, String work, String function, long reqCpu, long cpu) {
        int target = cpuOrNone(cpu);
        if (target < 0) target = cpuOrNone(reqCpu);
        Work w = new Work(nextSeq++, onCpu, target, KernelSites.of(function));
        queued.put(work, w);
        emit(tsNs, EventType.WORK_QUEUED, onCpu, target, w.site(), 0, w.seq());
    }

    /** {@code workqueue_execute_start}; {@code function} may be null. */
    public void executeStart(int cpu, long tsNs, String work, String function) {
        Work w = queued.remove(work);
        Site site = function != null ? KernelSites.of(function) : Site.NONE;
        if (w == null) w = new Work(nextSeq++, -1, cpu, site);
        else if (site == Site.NONE) site = w.site();
        if (isBarrier(function)) {
            barrierFor[cpu] = lastWork[cpu] == null ? Site.NONE : lastWork[cpu];
        } else {
            lastWork[cpu] = site;
        }
        runningWork.put(work, w);
        int peer = w.targetCpu() >= 0 ? w.targetCpu() : cpu;
        emit(tsNs, EventType.WORK_START, cpu, peer, site, 0, w.seq());
        OffCpu o = off[cpu];
        if (o != null && o.firstSite == null) {
            o.firstPeer = w.queuingCpu();
            o.firstSite = site;
        }
    }

    /** {@code workqueue_execute_end}; {@code function} may be null. */
    public void executeEnd(int cpu, long tsNs, String work, String function) {
        Work w = runningWork.remove(work);
        if (barrierFor[cpu] != null && (function == null || isBarrier(function))) {
            barrierEndNs[cpu] = tsNs;
            barrierEndSite[cpu] = barrierFor[cpu];
            barrierFor[cpu] = null;
        }
        if (w == null) {
            unmatchedEnds++; // its start was before the trace began
            return;
        }
        Site site = function != null && KernelSites.of(function) != Site.NONE ? KernelSites.of(function) : w.site();
        emit(tsNs, EventType.WORK_END, cpu, w.targetCpu() >= 0 ? w.targetCpu() : cpu, site, 0, w.seq());
    }

    /**
     * {@code sched_switch}.
     *
     * @param prevRunnable the previous task was switched out while runnable (prev_state R or R+)
     */
    public void schedSwitch(int cpu, long tsNs, String prevComm, int prevPid, boolean prevRunnable, String nextComm, int nextPid) {
        schedSwitch(cpu, tsNs, prevComm, prevPid, prevRunnable ? 'R' : 'S', nextComm, nextPid);
    }

    /**
     * {@code sched_switch}.
     *
     * @param prevState first letter of prev_state: R (runnable, preempted), D (uninterruptible sleep), S, I, ...
     */
    public void schedSwitch(int cpu, long tsNs, String prevComm, int prevPid, char prevState, String nextComm, int nextPid) {
        schedSwitchKinds(cpu, tsNs, kind(prevComm, prevPid), prevPid, prevState, kind(nextComm, nextPid), nextPid);
    }

    /**
     * {@code sched_switch} with each task's kind already known ({@link #kind(int, boolean, boolean)}), for a
     * front-end that can test the comm's prefix without making a string of it.
     */
    public void schedSwitchKinds(int cpu, long tsNs, int prev, int prevPid, char prevState, int next, int nextPid) {
        running[cpu] = next;
        emit(tsNs, EventType.TASK_SWITCH, cpu, -1, Site.NONE, (prev << 8) | next, 0);
        OffCpu o = off[cpu];
        if (prev == TraceDescriptor.TASK_USER && next == TraceDescriptor.TASK_KWORKER && prevState == 'R') {
            off[cpu] = new OffCpu(prevPid, tsNs); // preempted while runnable
        } else if (o != null && nextPid == o.userPid) {
            if (o.idleSinceNs >= 0) {
                emit(tsNs, EventType.NOISE, cpu, -1, Site.NONE, 0, tsNs - o.idleSinceNs); // the throttled rest
            } else {
                emit(tsNs, EventType.INTERRUPTION, cpu, o.firstPeer, o.firstSite == null ? Site.NONE : o.firstSite, 0, tsNs - o.outNs);
            }
            off[cpu] = null; // back on its CPU
        } else if (o != null && o.idleSinceNs < 0 && prev == TraceDescriptor.TASK_KWORKER && next == TraceDescriptor.TASK_IDLE
                && o.firstSite != null) {
            // The kworker ran its work and left the CPU idle with the task still runnable: RT
            // throttling holds the task off. The interruption is the kworker's run; the idle rest
            // is a gap in the task's loop (noise), as the engine counts them.
            emit(tsNs, EventType.INTERRUPTION, cpu, o.firstPeer, o.firstSite, 0, tsNs - o.outNs);
            o.idleSinceNs = tsNs;
        } else if (o != null && o.idleSinceNs >= 0 && prev == TraceDescriptor.TASK_IDLE && next == TraceDescriptor.TASK_KWORKER) {
            emit(tsNs, EventType.NOISE, cpu, -1, Site.NONE, 0, tsNs - o.idleSinceNs); // idle until more work came
            o.outNs = tsNs; // a new kworker run, still inside the throttled window: an interruption of its own
            o.idleSinceNs = -1;
            o.firstPeer = -1;
            o.firstSite = null;
        } else if (o != null && prev == TraceDescriptor.TASK_USER && prevPid != o.userPid && o.firstSite == null) {
            off[cpu] = null; // another task ran before any work: not a work interruption
        }
        if (next == TraceDescriptor.TASK_USER) {
            for (int c = 0; c <= maxCpu; c++) {
                if (c != cpu && off[c] != null && off[c].userPid == nextPid) off[c] = null; // it migrated
            }
        }
        if (prevState == 'D' && prev != TraceDescriptor.TASK_IDLE) sleepers.put(prevPid, new Waiter(cpu, tsNs));
        if (next != TraceDescriptor.TASK_IDLE) {
            Waiter w = sleepers.remove(nextPid);
            if (w != null && !wakeupsTraced) flushEndedBy(w, tsNs);
        }
    }

    /**
     * {@code sched_wakeup} of {@code pid}, traced on {@code cpu}: the waker's CPU, or, for a remote
     * wakeup queued on the sleeper's CPU's wake list (ttwu_queue), that CPU's, in its IPI shortly
     * after the waker's barrier ended elsewhere.
     */
    public void wakeup(int cpu, long tsNs, int pid) {
        wakeupsTraced = true;
        Waiter w = sleepers.remove(pid);
        if (w == null) return;
        if (barrierFor[cpu] != null) {
            flushWait(tsNs, w, cpu, barrierFor[cpu]);
            return;
        }
        int best = lastBarrierEnded(w.outNs(), tsNs);
        if (best >= 0 && tsNs - barrierEndNs[best] <= REMOTE_WAKEUP_NS) flushWait(tsNs, w, best, barrierEndSite[best]);
    }

    /** A wake-list IPI follows the waker by microseconds; a barrier that ended longer ago woke someone else. */
    static final long REMOTE_WAKEUP_NS = 2_000_000;

    /** @return the CPU whose last barrier ended latest within [fromNs, toNs], or -1 */
    private int lastBarrierEnded(long fromNs, long toNs) {
        int best = -1;
        for (int c = 0; c <= maxCpu; c++) {
            long e = barrierEndNs[c];
            if (barrierEndSite[c] != null && e >= fromNs && e <= toNs && (best < 0 || e > barrierEndNs[best])) best = c;
        }
        return best;
    }

    /** Without wakeups: the waiter ran again at {@code inNs}; the last barrier that ended since it slept woke it. */
    private void flushEndedBy(Waiter w, long inNs) {
        int best = lastBarrierEnded(w.outNs(), inNs);
        if (best >= 0) flushWait(barrierEndNs[best], w, best, barrierEndSite[best]);
    }

    private void flushWait(long endNs, Waiter w, int barrierCpu, Site site) {
        flushWaits++;
        emit(endNs, EventType.FLUSH_WAIT, w.cpu(), barrierCpu, site, 0, endNs - w.outNs());
    }

    /**
     * One of the irq kinds ({@link FtraceEvent#isIrq()}): entries start a handler, exits end it.
     *
     * @param currentPid the pid the event was recorded in (0: idle), or -1 if unknown
     */
    public void irq(FtraceEvent kind, int cpu, long tsNs, int currentPid) {
        switch (kind) {
            case IRQ_ENTRY -> irqEntry(cpu, tsNs, false);
            case SOFTIRQ_ENTRY -> irqEntry(cpu, tsNs, true);
            case IRQ_EXIT -> irqExit(cpu, tsNs, false, currentPid);
            case SOFTIRQ_EXIT -> irqExit(cpu, tsNs, true, currentPid);
            default -> throw new IllegalArgumentException(kind + " is not an irq event");
        }
    }

    /** {@code irq_handler_entry} ({@code soft} false) or {@code softirq_entry}. */
    public void irqEntry(int cpu, long tsNs, boolean soft) {
        if (soft) {
            softirqStart[cpu] = tsNs;
            irqInSoftirq[cpu] = 0;
        } else {
            irqStart[cpu] = tsNs;
        }
    }

    /**
     * {@code irq_handler_exit} or {@code softirq_exit}: NOISE if a task (not idle) was interrupted.
     *
     * @param currentPid the task the event was recorded in (pid 0: idle), or -1 if unknown: then the last switch tells
     */
    public void irqExit(int cpu, long tsNs, boolean soft, int currentPid) {
        long start = soft ? softirqStart[cpu] : irqStart[cpu];
        if (start == 0 || tsNs < start) return; // its entry was before the trace
        long ns = tsNs - start;
        if (soft) {
            softirqStart[cpu] = 0;
            ns = Math.max(0, ns - irqInSoftirq[cpu]);
        } else {
            irqStart[cpu] = 0;
            if (softirqStart[cpu] != 0) irqInSoftirq[cpu] += ns;
        }
        boolean idle = currentPid >= 0 ? currentPid == 0 : running[cpu] == TraceDescriptor.TASK_IDLE;
        if (!idle) emit(tsNs, EventType.NOISE, cpu, -1, Site.NONE, 0, ns);
    }

    private static boolean isBarrier(String function) {
        return function != null && function.startsWith(BARRIER)
                && (function.length() == BARRIER.length() || !Character.isJavaIdentifierPart(function.charAt(BARRIER.length())));
    }

    /** osnoise {@code *_noise}: a noise interval that started at {@code startNs} and lasted {@code durationNs}. */
    public void noise(int cpu, long startNs, long durationNs) {
        emit(startNs + durationNs, EventType.NOISE, cpu, -1, Site.NONE, 0, durationNs);
    }

    /** What was read so far. */
    public FtraceTrace trace() {
        return new FtraceTrace(rows, count, maxCpu, events, unknownEvents, otherLines, unmatchedEnds, lostEvents,
                skipped.clone(), firstMalformedLine, flushWaits, bootLine);
    }

    /** A text line skipped because of its {@code kind}. */
    void skipped(FtraceTrace.Skip kind) {
        skipped[kind.ordinal()]++;
    }

    /** An event line of an imported tracepoint whose fields did not read: skipped, the first one's line kept. */
    void malformed(int lineNo) {
        skipped[FtraceTrace.Skip.MALFORMED.ordinal()]++;
        if (firstMalformedLine == 0) firstMalformedLine = lineNo;
    }

    private final long[] skipped = new long[FtraceTrace.Skip.values().length];
    private String bootLine = "";

    /** The traced kernel's command line, as a capture's comment recorded it (the first one wins). */
    void bootLine(String line) {
        if (bootLine.isEmpty()) bootLine = line;
    }
    private int firstMalformedLine;

    /** Comm prefix of the idle task. */
    public static final String IDLE_COMM = "swapper";
    /** Comm prefix of a workqueue worker. */
    public static final String KWORKER_COMM = "kworker/";

    static int kind(String comm, int pid) {
        return kind(pid, comm.startsWith(IDLE_COMM), comm.startsWith(KWORKER_COMM));
    }

    /** TASK_IDLE (pid 0 or a comm starting {@link #IDLE_COMM}), TASK_KWORKER ({@link #KWORKER_COMM}), else TASK_USER. */
    public static int kind(int pid, boolean idleComm, boolean kworkerComm) {
        if (pid == 0 || idleComm) return TraceDescriptor.TASK_IDLE;
        if (kworkerComm) return TraceDescriptor.TASK_KWORKER;
        return TraceDescriptor.TASK_USER;
    }

    private static int cpuOrNone(long c) {
        return c >= 0 && c < TraceDescriptor.MAX_CPUS ? (int) c : -1; // e.g. WORK_CPU_UNBOUND (8192) is none
    }

    private void emit(long ts, EventType type, int cpu, int peer, Site site, int aux, long payload) {
        if (3 * count + 3 > rows.length) rows = Arrays.copyOf(rows, rows.length * 2);
        int i = 3 * count++;
        rows[i] = ts;
        rows[i + 1] = TraceDescriptor.meta(type, cpu, peer, site.code, aux);
        rows[i + 2] = payload;
    }
}
