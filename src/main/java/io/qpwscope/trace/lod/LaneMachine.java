package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * The per-lane state machine that turns a CPU's events into {@link LaneState}s. Its whole
 * state is one long, so the index can snapshot it every block:
 * <pre>
 *   63      56 55      48 47      40 39      32 31      24 23      16 15       8 7        0
 *  +----------+----------+----------+----------+----------+----------+----------+----------+
 *  | peer + 1 | triggers |  irq off | worker   | inline   | remote   | local    | task     |
 *  |          |  open    |  depth   | work     | work     | locks    | locks    | kind     |
 *  +----------+----------+----------+----------+----------+----------+----------+----------+
 * </pre>
 * Depths saturate at 0 and 255, so a record lost to an overrun cannot drive a count negative.
 * Task kind is the {@code next} of the last TASK_SWITCH ({@link TraceDescriptor} TASK_*);
 * a lane starts as {@link TraceDescriptor#TASK_USER} (its task running) until told otherwise.
 * peer is the other CPU of the last lock acquisition or work start.
 *
 * <p>Each event owns the time from its ts to the next event's ts, in the state after it.
 * SPIN_WAIT and FLUSH_WAIT carry their duration and are written when it ends, so they carve
 * {@code [max(previous ts, ts - payload), ts)} out of the previous event's time as
 * {@link LaneState#SPIN} / {@link LaneState#FLUSH_WAIT}.
 */
public final class LaneMachine {
    private LaneMachine() {}

    static final int KIND = 0;
    static final int LOCAL = 8;
    static final int REMOTE = 16;
    static final int INLINE = 24;
    static final int WORK = 32;
    static final int IRQ = 40;
    static final int TRIGGER = 48;
    static final int PEER = 56;

    // event type codes as constants, for the switch in apply (checked against EventType in a test)
    static final int LOCK_ACQUIRE = 1;
    static final int LOCK_RELEASE = 2;
    static final int WORK_START = 5;
    static final int WORK_END = 6;
    static final int TASK_SWITCH = 7;
    static final int IRQ_OFF = 10;
    static final int IRQ_ON = 11;
    static final int TRIGGER_EVENT = 13;

    /** A lane before its first event: its task runs, nothing held. */
    public static final long INITIAL = TraceDescriptor.TASK_USER;

    static int field(long m, int shift) {
        return (int) (m >>> shift) & 0xFF;
    }

    private static long inc(long m, int shift) {
        return field(m, shift) < 0xFF ? m + (1L << shift) : m;
    }

    private static long dec(long m, int shift) {
        return field(m, shift) > 0 ? m - (1L << shift) : m;
    }

    private static long withField(long m, int shift, int v) {
        return (m & ~(0xFFL << shift)) | ((long) (v & 0xFF) << shift);
    }

    /** @return the machine after the event with this meta word. */
    public static long apply(long m, long meta) {
        final int aux = TraceDescriptor.aux(meta);
        switch (TraceDescriptor.type(meta)) {
            case LOCK_ACQUIRE:
                m = (aux & TraceDescriptor.LOCK_REMOTE) != 0 ? inc(m, REMOTE) : inc(m, LOCAL);
                return withField(m, PEER, TraceDescriptor.peer(meta) + 1);
            case LOCK_RELEASE:
                return (aux & TraceDescriptor.LOCK_REMOTE) != 0 ? dec(m, REMOTE) : dec(m, LOCAL);
            case WORK_START:
                m = aux == 1 ? inc(m, INLINE) : inc(m, WORK);
                return withField(m, PEER, TraceDescriptor.peer(meta) + 1);
            case WORK_END:
                return aux == 1 ? dec(m, INLINE) : dec(m, WORK);
            case TASK_SWITCH:
                return withField(m, KIND, aux & 0xFF);
            case IRQ_OFF:
                return inc(m, IRQ);
            case IRQ_ON:
                return dec(m, IRQ);
            case TRIGGER_EVENT:
                return aux == 0 ? inc(m, TRIGGER) : dec(m, TRIGGER);
            default:
                return m;
        }
    }

    /** @return the own {@link LaneState} code the machine shows (no carve). */
    public static int state(long m) {
        if (field(m, KIND) == TraceDescriptor.TASK_KWORKER || field(m, WORK) > 0) return LaneState.KWORKER.ordinal();
        if (field(m, REMOTE) > 0) return LaneState.REMOTE_LOCK.ordinal();
        if (field(m, INLINE) > 0) return LaneState.WORK_INLINE.ordinal();
        if (field(m, LOCAL) > 0) return LaneState.LOCAL_LOCK.ordinal();
        if (field(m, IRQ) > 0) return LaneState.IRQS_OFF.ordinal();
        if (field(m, KIND) == TraceDescriptor.TASK_IDLE) return LaneState.IDLE.ordinal();
        return LaneState.TASK.ordinal();
    }

    /** @return the state an event of this type carves out of the time before it, or -1. */
    public static int carveState(int type) {
        if (type == EventType.SPIN_WAIT.code) return LaneState.SPIN.ordinal();
        if (type == EventType.FLUSH_WAIT.code) return LaneState.FLUSH_WAIT.ordinal();
        return -1;
    }

    public static int taskKind(long m) { return field(m, KIND); }
    public static int localLocks(long m) { return field(m, LOCAL); }
    public static int remoteLocks(long m) { return field(m, REMOTE); }
    public static int inlineWork(long m) { return field(m, INLINE); }
    public static int workerWork(long m) { return field(m, WORK); }
    public static int irqOff(long m) { return field(m, IRQ); }
    public static int triggers(long m) { return field(m, TRIGGER); }
    /** @return the other CPU of the last lock acquisition or work start, or -1. */
    public static int lastPeer(long m) { return field(m, PEER) - 1; }
}
