package io.qpwscope.ui.timeline.index;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * Quantities summed over the frequent records of a lane (lock fast paths, irq toggles),
 * kept as prefix sums every {@link #BLOCK} events so that any time range is summed in
 * O(BLOCK) whatever its length.
 */
public final class DenseField {
    private DenseField() {}

    public static final int BLOCK_SHIFT = 6;
    public static final int BLOCK = 1 << BLOCK_SHIFT;

    /** Local lock acquisitions (local_lock or spin_lock on this CPU's own lock). */
    public static final int LOCK_OPS = 0;
    /** ns local locks were held (sum of LOCK_RELEASE payloads), attributed at release. */
    public static final int LOCK_NS = 1;
    /** Local acquisitions that took a real spinlock (qpw=1 or PREEMPT_RT). */
    public static final int SPIN_LOCK_OPS = 2;
    /** Acquisitions of another CPU's lock. */
    public static final int REMOTE_OPS = 3;
    /** ns with interrupts off (IRQ_ON payloads). */
    public static final int IRQ_OFF_NS = 4;
    public static final int COUNT = 5;

    /** Adds one record's contribution to {@code acc[0..COUNT)}. */
    public static void accumulate(long meta, long payload, long[] acc) {
        int type = TraceDescriptor.type(meta);
        if (type == EventType.LOCK_ACQUIRE.code) {
            int aux = TraceDescriptor.aux(meta);
            if ((aux & TraceDescriptor.LOCK_REMOTE) != 0) {
                acc[REMOTE_OPS]++;
            } else {
                acc[LOCK_OPS]++;
                if ((aux & TraceDescriptor.LOCK_SPIN) != 0) acc[SPIN_LOCK_OPS]++;
            }
        } else if (type == EventType.LOCK_RELEASE.code) {
            if ((TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) == 0) acc[LOCK_NS] += payload;
        } else if (type == EventType.IRQ_ON.code) {
            acc[IRQ_OFF_NS] += payload;
        }
    }
}
