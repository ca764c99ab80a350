package io.qpwscope.ftrace;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an ftrace text dump into QPW Scope trace records (absolute trace-clock ns, per CPU):
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
 * Other events are counted and skipped. One parser reads one file.
 */
public final class FtraceParser {
    private static final Pattern QUEUE_WORK = Pattern.compile(
            "^work struct=(?<ptr>\\S+) function=(?<fn>\\S+) workqueue=(?<wq>.+?) req_cpu=(?<req>-?\\d+) cpu=(?<cpu>-?\\d+)\\s*$");
    private static final Pattern EXECUTE = Pattern.compile("^work struct:? ?(?<ptr>[^\\s:]+):?(?: function (?<fn>\\S+))?\\s*$");
    private static final Pattern SCHED_SWITCH = Pattern.compile(
            "^prev_comm=(?<pc>.*?) prev_pid=(?<pp>-?\\d+) prev_prio=-?\\d+ prev_state=(?<ps>\\S+) ==> "
                    + "next_comm=(?<nc>.*?) next_pid=(?<np>-?\\d+) next_prio=-?\\d+\\s*$");
    private static final Pattern NOISE = Pattern.compile(
            "^\\s*(?:(?<desc>.+):(?<id>-?\\d+) )?start (?<sec>\\d{1,12})\\.(?<frac>\\d{9}) duration (?<dur>\\d{1,18}) ns\\s*$");

    private static final Pattern LOST = Pattern.compile("^\\s*CPU:\\d+ \\[LOST (?<n>\\d{1,18}) EVENTS]\\s*$");

    private final String source;
    /** ts, meta, payload per row: 3 longs per event (no object per event). */
    private long[] rows = new long[3 * 1024];
    private int count;
    private final Map<String, Work> queued = new HashMap<>();
    private final Map<String, Work> running = new HashMap<>();
    private final OffCpu[] off = new OffCpu[TraceDescriptor.MAX_CPUS];
    private long nextSeq = 1;
    private int maxCpu = -1;
    private long eventLines, unknownEvents, otherLines, unmatchedEnds, lostEvents;
    private int lineNo;

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

    private FtraceParser(String source) {
        this.source = source;
    }

    /**
     * Reads a whole trace.
     *
     * @param source the file name used in error messages
     * @throws FtraceFormatException for the first line that looks like an event but does not parse
     */
    public static FtraceTrace parse(BufferedReader in, String source) throws IOException, FtraceFormatException {
        FtraceParser p = new FtraceParser(source);
        String line;
        while ((line = in.readLine()) != null) {
            p.lineNo++;
            p.line(line);
        }
        return new FtraceTrace(p.rows, p.count, p.maxCpu, p.eventLines, p.unknownEvents, p.otherLines, p.unmatchedEnds, p.lostEvents);
    }

    private void line(String text) throws FtraceFormatException {
        FtraceLine l;
        try {
            l = FtraceLine.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (l == null) {
            if (!text.isBlank() && text.strip().charAt(0) != '#') otherLines++;
            Matcher lost = LOST.matcher(text);
            if (lost.matches()) lostEvents += Long.parseLong(lost.group("n"));
            return;
        }
        if (l.cpu() >= TraceDescriptor.MAX_CPUS) {
            throw error("CPU " + l.cpu() + " is beyond the " + TraceDescriptor.MAX_CPUS + " CPUs a recording holds");
        }
        eventLines++;
        maxCpu = Math.max(maxCpu, l.cpu());
        switch (l.event()) {
            case "workqueue_queue_work" -> queueWork(l);
            case "workqueue_execute_start" -> executeStart(l);
            case "workqueue_execute_end" -> executeEnd(l);
            case "sched_switch" -> schedSwitch(l);
            case "thread_noise", "irq_noise", "softirq_noise", "nmi_noise" -> noise(l);
            default -> unknownEvents++;
        }
    }

    private void queueWork(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, QUEUE_WORK, "work struct=%p function=%ps workqueue=%s req_cpu=%d cpu=%d");
        int target = cpuOrNone(m.group("cpu"));
        if (target < 0) target = cpuOrNone(m.group("req"));
        Work w = new Work(nextSeq++, l.cpu(), target, KernelSites.of(m.group("fn")));
        queued.put(m.group("ptr"), w);
        emit(l.tsNs(), EventType.WORK_QUEUED, l.cpu(), target, w.site(), 0, w.seq());
    }

    private void executeStart(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, EXECUTE, "work struct %p: function %ps");
        String ptr = m.group("ptr");
        Work w = queued.remove(ptr);
        Site site = m.group("fn") != null ? KernelSites.of(m.group("fn")) : Site.NONE;
        if (w == null) w = new Work(nextSeq++, -1, l.cpu(), site);
        else if (site == Site.NONE) site = w.site();
        running.put(ptr, w);
        int peer = w.targetCpu() >= 0 ? w.targetCpu() : l.cpu();
        emit(l.tsNs(), EventType.WORK_START, l.cpu(), peer, site, 0, w.seq());
        OffCpu o = off[l.cpu()];
        if (o != null && o.firstSite == null) {
            o.firstPeer = w.queuingCpu();
            o.firstSite = site;
        }
    }

    private void executeEnd(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, EXECUTE, "work struct %p: function %ps");
        Work w = running.remove(m.group("ptr"));
        if (w == null) {
            unmatchedEnds++; // its start was before the trace began
            return;
        }
        Site site = m.group("fn") != null && KernelSites.of(m.group("fn")) != Site.NONE ? KernelSites.of(m.group("fn")) : w.site();
        emit(l.tsNs(), EventType.WORK_END, l.cpu(), w.targetCpu() >= 0 ? w.targetCpu() : l.cpu(), site, 0, w.seq());
    }

    private void schedSwitch(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, SCHED_SWITCH,
                "prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> next_comm=%s next_pid=%d next_prio=%d");
        int prevPid = Integer.parseInt(m.group("pp"));
        int nextPid = Integer.parseInt(m.group("np"));
        int prev = kind(m.group("pc"), prevPid);
        int next = kind(m.group("nc"), nextPid);
        int cpu = l.cpu();
        emit(l.tsNs(), EventType.TASK_SWITCH, cpu, -1, Site.NONE, (prev << 8) | next, 0);
        OffCpu o = off[cpu];
        if (prev == TraceDescriptor.TASK_USER && next == TraceDescriptor.TASK_KWORKER && m.group("ps").startsWith("R")) {
            off[cpu] = new OffCpu(prevPid, l.tsNs()); // preempted while runnable
        } else if (o != null && next != TraceDescriptor.TASK_KWORKER) {
            if (nextPid == o.userPid) {
                emit(l.tsNs(), EventType.INTERRUPTION, cpu, o.firstPeer, o.firstSite == null ? Site.NONE : o.firstSite,
                        0, l.tsNs() - o.outNs);
            }
            off[cpu] = null; // back, or another task got the CPU first (the task migrated)
        }
    }

    private void noise(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, NOISE, "%8s:%d start %llu.%09u duration %llu ns");
        long start = Long.parseLong(m.group("sec")) * 1_000_000_000L + Long.parseLong(m.group("frac"));
        long dur = Long.parseLong(m.group("dur"));
        emit(start + dur, EventType.NOISE, l.cpu(), -1, Site.NONE, 0, dur);
    }

    static int kind(String comm, int pid) {
        if (pid == 0 || comm.startsWith("swapper")) return TraceDescriptor.TASK_IDLE;
        if (comm.startsWith("kworker/")) return TraceDescriptor.TASK_KWORKER;
        return TraceDescriptor.TASK_USER;
    }

    private static int cpuOrNone(String s) {
        if (s.length() > 3) return -1; // e.g. WORK_CPU_UNBOUND (8192)
        int c = Integer.parseInt(s);
        return c >= 0 && c < TraceDescriptor.MAX_CPUS ? c : -1;
    }

    private Matcher fields(FtraceLine l, Pattern p, String format) throws FtraceFormatException {
        Matcher m = p.matcher(l.fields());
        if (!m.matches()) throw error(l.event() + ": cannot read \"" + l.fields() + "\" (expected \"" + format + "\")");
        return m;
    }

    private void emit(long ts, EventType type, int cpu, int peer, Site site, int aux, long payload) {
        if (3 * count + 3 > rows.length) rows = Arrays.copyOf(rows, rows.length * 2);
        int i = 3 * count++;
        rows[i] = ts;
        rows[i + 1] = TraceDescriptor.meta(type, cpu, peer, site.code, aux);
        rows[i + 2] = payload;
    }

    private FtraceFormatException error(String message) {
        return new FtraceFormatException(source, lineNo, message);
    }
}
