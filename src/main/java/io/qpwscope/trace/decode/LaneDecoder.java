package io.qpwscope.trace.decode;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.TraceDescriptor;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decodes the records of one CPU lane into typed spans and instants ({@link SpanType},
 * {@link InstantType}) reported to a {@link SpanSink}. Incremental: the state between records
 * (the running task, the stack of nested work runs, the running trigger, interruptions
 * waiting for the task's NOISE record) lives in fields, so feeding a lane in any batch split
 * reports exactly what one whole feed reports. Nothing is allocated per record (the work
 * stack grows by doubling). Single-threaded: one owner feeds it.
 *
 * <p>Open spans at the end: {@link #finish()} closes them at the lane's last ts with
 * {@link SpanFlags#TRUNCATED}; a live consumer that does not finish reads them instead from
 * the open-state accessors ({@link #taskKind()}, {@link #workDepth()}, {@link #triggerStart()}).
 * Records that close what was never opened in the lane (an END whose START came before the
 * recording or was lost to an overrun) are reported with {@link SpanFlags#START_UNKNOWN}.
 */
public final class LaneDecoder {
    /** A NOISE record accounts for the interruptions that ended less than this before it (1 ms). */
    public static final long NOISE_WINDOW_NS = 1_000_000;
    /** {@link #taskKind()} before any TASK_SWITCH was seen. */
    public static final int TASK_UNKNOWN = -1;

    private static final int LOCK_ACQUIRE = EventType.LOCK_ACQUIRE.code;
    private static final int LOCK_RELEASE = EventType.LOCK_RELEASE.code;
    private static final int SPIN_WAIT = EventType.SPIN_WAIT.code;
    private static final int WORK_QUEUED = EventType.WORK_QUEUED.code;
    private static final int WORK_START = EventType.WORK_START.code;
    private static final int WORK_END = EventType.WORK_END.code;
    private static final int TASK_SWITCH = EventType.TASK_SWITCH.code;
    private static final int INTERRUPTION = EventType.INTERRUPTION.code;
    private static final int NOISE = EventType.NOISE.code;
    private static final int HOST_SPLIT = EventType.HOST_SPLIT.code;
    private static final int IRQ_ON = EventType.IRQ_ON.code;
    private static final int MODE_SWITCH = EventType.MODE_SWITCH.code;
    private static final int TRIGGER = EventType.TRIGGER.code;
    private static final int FLUSH_WAIT = EventType.FLUSH_WAIT.code;
    private static final int LOCK_BLOCK = EventType.LOCK_BLOCK.code;
    private static final int PI_BOOST = EventType.PI_BOOST.code;

    private final SpanSink sink;
    /** Bit t.ordinal() set: spans / instants of type t are reported. The frequent lock records
     *  cost a callback each, so a consumer that sums them elsewhere leaves them out. */
    private final long spanMask;
    private final int instantMask;
    private int index;
    private long firstTs = -1;
    private long lastTs;

    private int taskKind = TASK_UNKNOWN;
    /** Start of the running task; while the kind is unknown, where the lane (or the part after a skip) began. */
    private long taskSince;

    /** Open work runs, outermost first. */
    private long[] workStart = new long[4];
    private long[] workSeq = new long[4];
    private int[] workPeer = new int[4];
    private int[] workFn = new int[4];
    private int[] workAux = new int[4];
    private int workDepth;

    private long triggerStart = -1;
    private int triggerFn;

    /** End ts of interruptions since the last NOISE, oldest first, none older than NOISE_WINDOW_NS before the newest. */
    private long[] pendingIntr = new long[4];
    private int pendingIntrCount;

    private long[] rows;

    /** A decoder that reports every span and instant. */
    public LaneDecoder(SpanSink sink) {
        this(sink, EnumSet.allOf(SpanType.class), EnumSet.allOf(InstantType.class));
    }

    /** A decoder that reports only these spans and instants (the decoding itself is the same). */
    public LaneDecoder(SpanSink sink, Set<SpanType> spans, Set<InstantType> instants) {
        this.sink = sink;
        long sm = 0;
        for (SpanType t : spans) sm |= 1L << t.ordinal();
        int im = 0;
        for (InstantType t : instants) im |= 1 << t.ordinal();
        this.spanMask = sm;
        this.instantMask = im;
    }

    private static final long LOCK_LOCAL_BIT = 1L << SpanType.LOCK_LOCAL.ordinal();
    private static final long LOCK_REMOTE_BIT = 1L << SpanType.LOCK_REMOTE.ordinal();
    private static final int ACQUIRED_BIT = 1 << InstantType.LOCK_ACQUIRED.ordinal();

    /** Decodes a whole lane and {@link #finish() finishes}. */
    public static void decode(LaneEvents lane, SpanSink sink) {
        LaneDecoder d = new LaneDecoder(sink);
        d.startAt(lane);
        d.feed(lane, d.position(), lane.size());
        d.finish();
    }

    /** Feeds records {@code [from, to)} of {@code lane}; {@code from} must be {@link #position()}. */
    public void feed(LaneEvents lane, int from, int to) {
        if (from != index) throw new IllegalArgumentException("fed from " + from + " but the decoder is at " + index);
        if (rows == null) rows = new long[3 * 1024];
        final long[] r = rows;
        for (int base = from; base < to; base += 1024) {
            int n = Math.min(1024, to - base);
            lane.readRows(base, r, 0, n);
            for (int k = 0; k < n; k++) event(r[3 * k], r[3 * k + 1], r[3 * k + 2]);
        }
    }

    /** @return lane index of the next record to feed (records fed so far, plus any skipped). */
    public int position() { return index; }

    /** @return ts of the first record fed, or -1. */
    public long firstTs() { return firstTs; }

    /** @return ts of the last record fed. */
    public long lastTs() { return lastTs; }

    /** @return TASK_* kind running since {@link #taskSince()}, or {@link #TASK_UNKNOWN}. */
    public int taskKind() { return taskKind; }

    public long taskSince() { return taskSince; }

    /** @return number of open work runs (nesting depth of the next WORK_START). */
    public int workDepth() { return workDepth; }

    /** @param d 0 (outermost) to workDepth() - 1 */
    public long workStart(int d) { return workStart[d]; }

    public long workSeq(int d) { return workSeq[d]; }

    public int workPeer(int d) { return workPeer[d]; }

    public int workFn(int d) { return workFn[d]; }

    public int workAux(int d) { return workAux[d]; }

    /** @return start ts of the running trigger, or -1. */
    public long triggerStart() { return triggerStart; }

    public int triggerFn() { return triggerFn; }

    /** The one-record interval decoded last (what a HOST_SPLIT companion right after it splits). */
    private SpanType lastRecordSpan;
    private int lastRecordType;
    private long lastRecordStart, lastRecordEnd;
    private int lastRecordIndex = -1;

    private void recordSpan(SpanType t, int recordType, long start, long end, int i) {
        lastRecordSpan = t;
        lastRecordType = recordType;
        lastRecordStart = start;
        lastRecordEnd = end;
        lastRecordIndex = i;
    }

    private void hostSplit(long ts, long meta, long payload, int i) {
        int fn = TraceDescriptor.fn(meta);
        int measured = TraceDescriptor.peer(meta);
        long steal = TraceDescriptor.hostSteal(payload);
        long pause = TraceDescriptor.hostPause(meta);
        if (fn == 0) {
            emit(SpanType.HOST_SAMPLE, ts - TraceDescriptor.hostWindow(payload), ts, measured, 0,
                    TraceDescriptor.aux(meta), steal, 0, 0, i);
        } else if (lastRecordIndex == i - 1 && lastRecordType == fn && lastRecordEnd == ts) {
            sink.hostSplit(lastRecordSpan, lastRecordStart, lastRecordEnd, measured,
                    steal, pause, i);
        }
    }

    private void emit(SpanType t, long start, long end, int peer, int fn, int attr, long value, int depth, int flags, int i) {
        if ((spanMask & 1L << t.ordinal()) != 0) sink.span(t, start, end, peer, fn, attr, value, depth, flags, i);
    }

    private void emitInstant(InstantType t, long ts, int peer, int fn, int attr, long value, int i) {
        if ((instantMask & 1 << t.ordinal()) != 0) sink.instant(t, ts, peer, fn, attr, value, i);
    }

    /** Decodes the next record of the lane (records must come in the lane's order). */
    public void event(long ts, long meta, long payload) {
        final int i = index++;
        if (firstTs < 0) {
            firstTs = ts;
            taskSince = ts;
        }
        lastTs = ts;
        final int type = TraceDescriptor.type(meta);
        if (type == LOCK_ACQUIRE) {
            if ((instantMask & ACQUIRED_BIT) != 0) emitInstant(InstantType.LOCK_ACQUIRED, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta),
                    TraceDescriptor.aux(meta), payload, i);
        } else if (type == LOCK_RELEASE) {
            int aux = TraceDescriptor.aux(meta);
            boolean remote = (aux & TraceDescriptor.LOCK_REMOTE) != 0;
            if ((spanMask & (remote ? LOCK_REMOTE_BIT : LOCK_LOCAL_BIT)) != 0) {
                emit(remote ? SpanType.LOCK_REMOTE : SpanType.LOCK_LOCAL, ts - payload, ts, TraceDescriptor.peer(meta),
                        TraceDescriptor.fn(meta), aux, payload, 0, 0, i);
            }
            recordSpan(remote ? SpanType.LOCK_REMOTE : SpanType.LOCK_LOCAL, type, ts - payload, ts, i);
        } else if (type == SPIN_WAIT) {
            emit(SpanType.SPIN_WAIT, ts - payload, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta),
                    TraceDescriptor.aux(meta), payload, 0, 0, i);
            recordSpan(SpanType.SPIN_WAIT, type, ts - payload, ts, i);
        } else if (type == TASK_SWITCH) {
            taskSwitch(ts, TraceDescriptor.aux(meta), i);
        } else if (type == WORK_QUEUED) {
            emitInstant(InstantType.WORK_QUEUED, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta), 0, payload, i);
        } else if (type == WORK_START) {
            workStart(ts, meta, payload, i);
        } else if (type == WORK_END) {
            workEnd(ts, meta, payload, i);
        } else if (type == INTERRUPTION) {
            interruption(ts);
            emit(SpanType.INTERRUPTION, ts - payload, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta), 0,
                    payload, 0, 0, i);
            recordSpan(SpanType.INTERRUPTION, type, ts - payload, ts, i);
        } else if (type == NOISE) {
            emit(SpanType.NOISE, ts - payload, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta),
                    interruptionsCoveredBy(ts), payload, 0, 0, i);
            recordSpan(SpanType.NOISE, type, ts - payload, ts, i);
        } else if (type == FLUSH_WAIT) {
            emit(SpanType.FLUSH_WAIT, ts - payload, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta), 0,
                    payload, 0, 0, i);
            recordSpan(SpanType.FLUSH_WAIT, type, ts - payload, ts, i);
        } else if (type == IRQ_ON) {
            emit(SpanType.IRQS_OFF, ts - payload, ts, -1, 0, 0, payload, 0, 0, i);
        } else if (type == MODE_SWITCH) {
            emit(SpanType.MODE_SWITCH, ts - payload, ts, -1, 0, TraceDescriptor.aux(meta), payload, 0, 0, i);
        } else if (type == TRIGGER) {
            trigger(ts, TraceDescriptor.fn(meta), TraceDescriptor.aux(meta), payload, i);
        } else if (type == HOST_SPLIT) {
            hostSplit(ts, meta, payload, i);
        } else if (type == LOCK_BLOCK) {
            emit(SpanType.LOCK_BLOCK, ts - payload, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta),
                    TraceDescriptor.aux(meta), payload, 0, 0, i);
        } else if (type == PI_BOOST) {
            emitInstant(InstantType.PI_BOOST, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta),
                    TraceDescriptor.aux(meta), payload, i);
        }
    }

    private void taskSwitch(long ts, int aux, int i) {
        int prev = aux >>> 8 & 0xFF;
        int next = aux & 0xFF;
        boolean unknown = taskKind == TASK_UNKNOWN;
        long since = taskSince;
        int kind = unknown ? prev : taskKind;
        if (ts > since) {
            emit(SpanType.ofTaskKind(kind), since, ts, -1, 0, kind, 0, 0, unknown ? SpanFlags.START_UNKNOWN : 0, i);
        }
        taskKind = next;
        taskSince = ts;
    }

    private void workStart(long ts, long meta, long seq, int i) {
        if (workDepth == workStart.length) growWork();
        int d = workDepth++;
        int peer = TraceDescriptor.peer(meta);
        int fn = TraceDescriptor.fn(meta);
        int aux = TraceDescriptor.aux(meta);
        workStart[d] = ts;
        workSeq[d] = seq;
        workPeer[d] = peer;
        workFn[d] = fn;
        workAux[d] = aux;
        emitInstant(InstantType.WORK_STARTED, ts, peer, fn, aux, seq, i);
    }

    /**
     * Closes the open run with this sequence number. Runs opened above it that started
     * before this ts lost their end record: they close here with END_UNKNOWN. Runs above it
     * that started at this very ts are successors that share the clock reading (recorded in
     * the other order within the tick): they stay open, one level down.
     */
    private void workEnd(long ts, long meta, long seq, int i) {
        int k = workDepth - 1;
        while (k >= 0 && workSeq[k] != seq) k--;
        int aux = TraceDescriptor.aux(meta);
        if (k < 0) {
            emit(SpanType.ofWorkAux(aux), ts, ts, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta), aux, seq,
                    workDepth, SpanFlags.START_UNKNOWN, i);
            return;
        }
        for (int j = workDepth - 1; j > k; j--) {
            if (workStart[j] < ts) emitWork(j, ts, SpanFlags.END_UNKNOWN, i);
        }
        emitWork(k, ts, 0, i);
        int w = k;
        for (int j = k + 1; j < workDepth; j++) {
            if (workStart[j] < ts) continue;
            workStart[w] = workStart[j];
            workSeq[w] = workSeq[j];
            workPeer[w] = workPeer[j];
            workFn[w] = workFn[j];
            workAux[w] = workAux[j];
            w++;
        }
        workDepth = w;
    }

    private void emitWork(int d, long end, int flags, int i) {
        emit(SpanType.ofWorkAux(workAux[d]), workStart[d], end, workPeer[d], workFn[d], workAux[d], workSeq[d], d,
                flags, i);
    }

    private void growWork() {
        int n = workStart.length * 2;
        workStart = Arrays.copyOf(workStart, n);
        workSeq = Arrays.copyOf(workSeq, n);
        workPeer = Arrays.copyOf(workPeer, n);
        workFn = Arrays.copyOf(workFn, n);
        workAux = Arrays.copyOf(workAux, n);
    }

    private void trigger(long ts, int fn, int aux, long payload, int i) {
        if (aux == 0) {
            triggerStart = ts;
            triggerFn = fn;
            emitInstant(InstantType.TRIGGER_STARTED, ts, -1, fn, 0, 0, i);
            return;
        }
        long start = triggerStart >= 0 && triggerFn == fn ? triggerStart : ts - payload;
        triggerStart = -1;
        emit(SpanType.TRIGGER, start, ts, -1, fn, 0, payload, 0, 0, i);
    }

    private void interruption(long ts) {
        int drop = 0;
        while (drop < pendingIntrCount && ts - pendingIntr[drop] >= NOISE_WINDOW_NS) drop++;
        if (drop > 0) {
            System.arraycopy(pendingIntr, drop, pendingIntr, 0, pendingIntrCount - drop);
            pendingIntrCount -= drop;
        }
        if (pendingIntrCount == pendingIntr.length) pendingIntr = Arrays.copyOf(pendingIntr, pendingIntrCount * 2);
        pendingIntr[pendingIntrCount++] = ts;
    }

    /** @return how many pending interruptions a NOISE at ts accounts for; clears them all. */
    private int interruptionsCoveredBy(long ts) {
        int f = 0;
        while (f < pendingIntrCount && ts - pendingIntr[f] >= NOISE_WINDOW_NS) f++;
        int n = pendingIntrCount - f;
        pendingIntrCount = 0;
        return n;
    }

    /**
     * Reports the spans still open (running task, work runs innermost first, trigger) as
     * closed at the last ts fed, flagged {@link SpanFlags#TRUNCATED}, and forgets them.
     * Call once, after the lane's last record.
     */
    public void finish() {
        int last = index - 1;
        if (taskKind != TASK_UNKNOWN && lastTs > taskSince) {
            emit(SpanType.ofTaskKind(taskKind), taskSince, lastTs, -1, 0, taskKind, 0, 0, SpanFlags.TRUNCATED, last);
        }
        for (int d = workDepth - 1; d >= 0; d--) emitWork(d, lastTs, SpanFlags.TRUNCATED, last);
        workDepth = 0;
        if (triggerStart >= 0) {
            emit(SpanType.TRIGGER, triggerStart, lastTs, -1, triggerFn, 0, lastTs - triggerStart, 0,
                    SpanFlags.TRUNCATED, last);
            triggerStart = -1;
        }
        taskKind = TASK_UNKNOWN;
        pendingIntrCount = 0;
    }

    /**
     * Continues after records the consumer chose not to decode (a live view that fell
     * behind): the next record fed is {@code resumeIndex}; what was open (work runs, trigger,
     * interruptions awaiting noise) is forgotten without being reported, and the task run
     * restarts at {@code resumeTs} with {@code kind} ({@link #TASK_UNKNOWN} if not known).
     */
    public void skip(int resumeIndex, long resumeTs, int kind) {
        skipTo(resumeIndex, resumeTs, kind);
    }

    /**
     * Positions a fresh decoder at the oldest record {@code lane} still holds (a live recording
     * whose rolling window dropped its oldest chunks); a no-op for a lane that dropped nothing.
     */
    public void startAt(LaneEvents lane) {
        int first = Math.min(lane.firstIndex(), lane.size());
        if (first > index) skipTo(first, lane.ts(first), TASK_UNKNOWN);
    }

    private void skipTo(int resumeIndex, long resumeTs, int kind) {
        lastRecordIndex = -1;
        index = resumeIndex;
        if (firstTs < 0) firstTs = resumeTs;
        lastTs = resumeTs;
        workDepth = 0;
        triggerStart = -1;
        pendingIntrCount = 0;
        taskKind = kind;
        taskSince = resumeTs;
    }
}
