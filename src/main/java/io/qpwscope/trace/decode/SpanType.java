package io.qpwscope.trace.decode;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * What a decoded interval of one lane is, and which trace records make it: the one place
 * where the grammar of the event stream is written down. {@link LaneDecoder} reports each
 * span to a {@link SpanSink} with {@code (start, end, peer, fn, attr, value, depth, flags)};
 * the meaning of {@code peer}, {@code fn}, {@code attr} and {@code value} per type is given
 * below ({@code -1} / 0 where unused). Spans made from one record that carries a duration
 * are {@code [ts - payload, ts]} (see {@link #ofRecord}).
 */
public enum SpanType {
    /** The CPU runs its own task: from a TASK_SWITCH whose next kind is user (or any kind
     *  other than idle/kworker) to the next TASK_SWITCH. attr = the raw TASK_* kind. */
    TASK_USER,
    /** The CPU runs a kworker: TASK_SWITCH next = kworker to the next TASK_SWITCH. attr = kind. */
    TASK_KWORKER,
    /** The CPU is idle: TASK_SWITCH next = idle to the next TASK_SWITCH. attr = kind. */
    TASK_IDLE,
    /** INTERRUPTION record: the task was off CPU to run work another CPU asked for.
     *  peer = CPU that queued it; fn = work site; value = ns off CPU. */
    INTERRUPTION,
    /** NOISE record: a gap the task's own loop saw. value = gap ns; attr = how many of the
     *  lane's latest INTERRUPTION spans it accounts for: those since the previous NOISE whose
     *  ts lies less than {@link LaneDecoder#NOISE_WINDOW_NS} before this NOISE's ts. */
    NOISE,
    /** LOCK_RELEASE without LOCK_REMOTE: this CPU held its own per-CPU lock.
     *  peer = owner CPU; fn = lock site; attr = LOCK_* flags; value = ns held. */
    LOCK_LOCAL,
    /** LOCK_RELEASE with LOCK_REMOTE: this CPU held another CPU's per-CPU lock (qpw=1 remote
     *  drain). peer = owner CPU; fn = lock site; attr = LOCK_* flags; value = ns held. */
    LOCK_REMOTE,
    /** The owner's view of a {@link #LOCK_REMOTE} span: "my lock held by remote CPU X". Not
     *  made by a lane's own records but by {@link RemoteHolds} from the holder's lane.
     *  peer = holder CPU; fn, attr, value as in LOCK_REMOTE. */
    LOCK_HELD_BY_REMOTE,
    /** SPIN_WAIT record: a contended acquisition spun. peer = owner CPU; fn = lock site;
     *  attr = CPU holding it when the spin began (-1 unknown); value = ns spun. */
    SPIN_WAIT,
    /** WORK_START ... WORK_END of one sequence number with aux = 1: work run inline by the
     *  caller (qpw=1). peer = CPU whose data it works on; fn = work site; attr = aux;
     *  value = sequence number; depth = nesting depth (0 = outermost). */
    WORK_INLINE,
    /** As {@link #WORK_INLINE} with aux = 0: work run by this CPU's kworker (qpw=0). */
    WORK_KWORKER,
    /** FLUSH_WAIT record: the caller waited in flush_percpu_work / flush_work.
     *  peer = target CPU; fn = work site; value = ns waited. */
    FLUSH_WAIT,
    /** IRQ_ON record: interrupts were off. value = ns off. */
    IRQS_OFF,
    /** TRIGGER aux = 0 ... TRIGGER aux = 1 (start is the recorded start when seen, else
     *  ts - payload of the end). fn = {@link io.qpwscope.trace.Trigger} code; value = ns. */
    TRIGGER,
    /** MODE_SWITCH record: the live qpw flip's quiesce. attr = new effective qpw; value = ns. */
    MODE_SWITCH,
    /** HOST_SPLIT sample record (fn = 0): what the host took from this CPU's thread over the
     *  sample's window {@code [ts - window, ts]}. peer = measured CPU (-1: this one);
     *  attr = pause ns (unsigned int: read with {@code Integer.toUnsignedLong}); value = steal ns.
     *  Where in the window the host took it is not known: draw it as a share of the window.
     *  (Companion HOST_SPLIT records make no span: they reach {@link SpanSink#hostSplit}.) */
    HOST_SAMPLE,
    /** LOCK_BLOCK record (PREEMPT_RT): the acquisition of a sleeping spinlock blocked because its
     *  owner was off its CPU. peer = owner CPU; fn = lock site; attr = the owner context's
     *  TASK_* kind; value = ns blocked. */
    LOCK_BLOCK;

    private static final SpanType[] VALUES = values();

    public static SpanType of(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isTask() {
        return this == TASK_USER || this == TASK_KWORKER || this == TASK_IDLE;
    }

    public boolean isWork() {
        return this == WORK_INLINE || this == WORK_KWORKER;
    }

    /** @return the task-run span for a TASK_* kind. */
    public static SpanType ofTaskKind(int kind) {
        return switch (kind) {
            case TraceDescriptor.TASK_KWORKER -> TASK_KWORKER;
            case TraceDescriptor.TASK_IDLE -> TASK_IDLE;
            default -> TASK_USER;
        };
    }

    /** @return the work span for a WORK_START/WORK_END aux. */
    public static SpanType ofWorkAux(int aux) {
        return aux == 1 ? WORK_INLINE : WORK_KWORKER;
    }

    /**
     * The span one record makes on its own (a record whose payload is the duration ending at
     * its ts), or null when the record alone does not make a span (its span needs the records
     * around it, or it makes none).
     */
    public static SpanType ofRecord(long meta) {
        int type = TraceDescriptor.type(meta);
        if (type == EventType.LOCK_RELEASE.code) {
            return (TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) != 0 ? LOCK_REMOTE : LOCK_LOCAL;
        }
        if (type == EventType.SPIN_WAIT.code) return SPIN_WAIT;
        if (type == EventType.INTERRUPTION.code) return INTERRUPTION;
        if (type == EventType.NOISE.code) return NOISE;
        if (type == EventType.FLUSH_WAIT.code) return FLUSH_WAIT;
        if (type == EventType.IRQ_ON.code) return IRQS_OFF;
        if (type == EventType.MODE_SWITCH.code) return MODE_SWITCH;
        if (type == EventType.LOCK_BLOCK.code) return LOCK_BLOCK;
        if (type == EventType.TRIGGER.code && TraceDescriptor.aux(meta) == 1) return TRIGGER;
        if (type == EventType.HOST_SPLIT.code && TraceDescriptor.fn(meta) == 0) return HOST_SAMPLE;
        return null;
    }

    /** @return the duration a record carries (ns, ending at its ts), or 0 if it carries none. */
    public static long durationOf(long meta, long payload) {
        SpanType t = ofRecord(meta);
        if (t == HOST_SAMPLE) return TraceDescriptor.hostWindow(payload);
        return t == null ? 0 : Math.max(0, payload);
    }
}
