package io.qpwscope.trace.lod;

/**
 * What a CPU lane shows at a moment, reconstructed from its own events by {@link LaneMachine}.
 * At most one own state holds at a time; where several conditions hold, the higher code wins
 * (a kworker that takes a local lock shows as {@link #KWORKER}: the task is interrupted).
 * {@link #HELD_BY_REMOTE} is an overlay from other lanes' events (another CPU holds one of
 * this CPU's per-CPU locks), reported beside the own state, never instead of it in the
 * per-state times.
 */
public enum LaneState {
    /** The CPU runs its idle task. */
    IDLE("idle"),
    /** The CPU runs its own (user/RT) task, nothing else of note. */
    TASK("task running"),
    /** Interrupts are off outside any lock (e.g. bh_lru). */
    IRQS_OFF("irqs off"),
    /** The CPU holds one of its own per-CPU locks (local_lock or its own spinlock). */
    LOCAL_LOCK("local lock held"),
    /** qpw=1: the CPU runs another CPU's work function inline. */
    WORK_INLINE("work running inline"),
    /** The CPU holds another CPU's per-CPU lock (qpw=1 remote access). */
    REMOTE_LOCK("holding remote lock"),
    /** A kworker runs on this CPU: its task is interrupted. */
    KWORKER("kworker running (interruption)"),
    /** The CPU waits in flush_work / flush_percpu_work. */
    FLUSH_WAIT("waiting for flush"),
    /** The CPU spins on a contended lock. */
    SPIN("spinning"),
    /** Overlay: one of this CPU's per-CPU locks is held by another CPU. */
    HELD_BY_REMOTE("lock held by remote CPU");

    /** Bucket code for "no data": before the recording or after its end. */
    public static final int NO_DATA = -1;
    /** Own states: codes 0..OWN_STATES-1. */
    public static final int OWN_STATES = 9;
    public static final int COUNT = 10;

    private static final LaneState[] VALUES = values();

    public final String label;

    LaneState(String label) {
        this.label = label;
    }

    public int code() {
        return ordinal();
    }

    /** @return the state for a code, or null for {@link #NO_DATA} or an unknown code. */
    public static LaneState ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
