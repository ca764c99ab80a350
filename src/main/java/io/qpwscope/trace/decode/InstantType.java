package io.qpwscope.trace.decode;

/**
 * Points in a lane's stream that consumers need besides spans, reported by
 * {@link SpanSink#instant}. The meaning of {@code peer}, {@code fn}, {@code attr},
 * {@code value} per type is given below.
 */
public enum InstantType {
    /** LOCK_ACQUIRE record. peer = owner CPU; fn = lock site; attr = LOCK_* flags; value = ns spun before. */
    LOCK_ACQUIRED,
    /** WORK_QUEUED record: one end of a work link. peer = target CPU; fn = work site; value = sequence number. */
    WORK_QUEUED,
    /** WORK_START record: the middle of a work link (the span follows at WORK_END).
     *  peer = data CPU; fn = work site; attr = aux (1 inline); value = sequence number. */
    WORK_STARTED,
    /** TRIGGER record with aux = 0. fn = {@link io.qpwscope.trace.Trigger} code. */
    TRIGGER_STARTED,
    /** PI_BOOST record (PREEMPT_RT priority inheritance, on the owner's lane). attr = 1 boost,
     *  0 unboost; peer = the waiter CPU (boost; -1 unknown); value = the kernel prio now in force. */
    PI_BOOST
}
