package io.qpwscope.ui.timeline.index;

/**
 * Kinds of intervals the index draws, mapped from the decoder's
 * {@link io.qpwscope.trace.decode.SpanType} (see {@code LaneIndex}). Each is drawn in one row of a
 * lane (see {@link LaneRow}); the order of the constants is their drawing priority inside a
 * row when several fall into one pixel (later wins).
 */
public enum SpanKind {
    /** The CPU runs its own task (TASK_SWITCH next = user). */
    TASK_USER(LaneRow.TASK, "task running"),
    /** The CPU runs idle (TASK_SWITCH next = idle); not painted. */
    TASK_IDLE(LaneRow.TASK, "idle"),
    /** The task's own loop saw a gap (osnoise-style NOISE record). */
    NOISE(LaneRow.TASK, "noise (gap seen by the task)"),
    /** A kworker runs on the CPU (TASK_SWITCH next = kworker). */
    TASK_KWORKER(LaneRow.TASK, "kworker running"),
    /** The task was taken off the CPU to run work another CPU asked for. */
    INTERRUPTION(LaneRow.TASK, "interruption"),
    /** Local per-CPU lock held by this CPU (local_lock, or spin_lock on its own lock). */
    LOCK_LOCAL(LaneRow.LOCK, "local lock held"),
    /** This CPU holds another CPU's per-CPU lock (qpw=1 remote drain). */
    REMOTE_HOLDING(LaneRow.LOCK, "holding a remote CPU's lock"),
    /** This CPU spins on a per-CPU lock held by someone else. */
    SPIN(LaneRow.LOCK, "spin-waiting"),
    /** This CPU's per-CPU lock is held by a remote CPU. */
    REMOTE_HELD(LaneRow.LOCK, "lock held by a remote CPU"),
    /** PREEMPT_RT: this CPU's task blocked on a sleeping lock whose owner was off its CPU. */
    LOCK_BLOCK(LaneRow.LOCK, "blocked on a sleeping lock (RT)"),
    /** The caller waits in flush_percpu_work / flush_work. */
    FLUSH_WAIT(LaneRow.WORK, "flush wait"),
    /** A trigger (e.g. blockdev --flushbufs) runs on this CPU. */
    TRIGGER(LaneRow.WORK, "trigger"),
    /** Work runs inline in the caller, on the caller's CPU (qpw=1). */
    WORK_INLINE(LaneRow.WORK, "work running inline (caller)"),
    /** Work runs in the target CPU's kworker (qpw=0). */
    WORK_KWORKER(LaneRow.WORK, "work running in kworker"),
    /** Live qpw switch (quiesce interval); drawn across all lanes. */
    MODE_SWITCH(LaneRow.WORK, "mode switch"),
    /** A host sample: what the host took from the CPU's thread over a window (steal, pause);
     *  value = steal ns &lt;&lt; 32 | pause ns, peer = measured CPU (-1: this one). Drawn hatched as a
     *  share of the window (where in the window is not known), not as a state of the row. */
    HOST_SAMPLE(LaneRow.TASK, "host sample (steal + pause)"),
    /** Records the UI did not index because it fell too far behind the engine (drawn hatched). */
    GAP(LaneRow.TASK, "not indexed: the UI fell behind the engine"),
    /** Records a live recording's rolling window dropped to stay in its memory budget (drawn hatched). */
    DROPPED(LaneRow.TASK, "dropped from memory: the live window rolled past it");

    private static final SpanKind[] VALUES = values();

    public final LaneRow row;
    public final String label;

    SpanKind(LaneRow row, String label) {
        this.row = row;
        this.label = label;
    }

    public static SpanKind of(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
