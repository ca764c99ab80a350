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
 *     the first work run meanwhile, -1 if the queuing was not traced);</li>
 * <li>osnoise {@code thread_noise / irq_noise / softirq_noise / nmi_noise} -> NOISE with
 *     ts = start + duration.</li>
 * </ul>
 * Other events are counted with {@link #unknownEvent(int)}. One instance reads one trace.
 */
public final class FtraceRecords {
    /** ts, meta, payload per row: 3 longs per event (no object per event). */
    private long[] rows = new long[3 * 1024];
    private int count;
    private final Map<String, Work> queued = new HashMap<>();
    private final Map<String, Work> running = new HashMap<>();
    private final OffCpu[] off = new OffCpu[TraceDescriptor.MAX_CPUS];
    private long nextSeq = 1;
    private int maxCpu = -1;
    private long events, unknownEvents, otherLines, unmatchedEnds, lostEvents;

    /** A queued work item: who queued it for whom. */
    private record Work(long seq, int queuingCpu, int targetCpu, Site site) {}

    /** A user task switched out for a kworker: when, and what work ran while it was off. */
    private static final class OffCpu {
        final int userPid;
        final long outNs;
        int firstPeer = -1;
        Site firstSite;

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
        running.put(work, w);
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
        Work w = running.remove(work);
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
        int prev = kind(prevComm, prevPid);
        int next = kind(nextComm, nextPid);
        emit(tsNs, EventType.TASK_SWITCH, cpu, -1, Site.NONE, (prev << 8) | next, 0);
        OffCpu o = off[cpu];
        if (prev == TraceDescriptor.TASK_USER && next == TraceDescriptor.TASK_KWORKER && prevRunnable) {
            off[cpu] = new OffCpu(prevPid, tsNs); // preempted while runnable
        } else if (o != null && next != TraceDescriptor.TASK_KWORKER) {
            if (nextPid == o.userPid) {
                emit(tsNs, EventType.INTERRUPTION, cpu, o.firstPeer, o.firstSite == null ? Site.NONE : o.firstSite,
                        0, tsNs - o.outNs);
            }
            off[cpu] = null; // back, or another task got the CPU first (the task migrated)
        }
    }

    /** osnoise {@code *_noise}: a noise interval that started at {@code startNs} and lasted {@code durationNs}. */
    public void noise(int cpu, long startNs, long durationNs) {
        emit(startNs + durationNs, EventType.NOISE, cpu, -1, Site.NONE, 0, durationNs);
    }

    /** What was read so far. */
    public FtraceTrace trace() {
        return new FtraceTrace(rows, count, maxCpu, events, unknownEvents, otherLines, unmatchedEnds, lostEvents);
    }

    static int kind(String comm, int pid) {
        if (pid == 0 || comm.startsWith("swapper")) return TraceDescriptor.TASK_IDLE;
        if (comm.startsWith("kworker/")) return TraceDescriptor.TASK_KWORKER;
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
