package io.qpwscope.engine.qpw;

/** The hot words of a {@link PerCpuSpinlock}, between {@link LhsPadding} and its right-hand pad. */
abstract class PerCpuSpinlockWords extends LhsPadding {
    int next;
    int serving;
    /** CPU holding the lock, or -1: for lockdep and the trace, written by the holder only. */
    int owner = PerCpuSpinlock.FREE;
    /** Trace clock at acquisition, written and read by the holder only (hold time). */
    long acquiredAt;
    /**
     * Sum of the traced holds that ended (ns), added by each holder before it hands the lock
     * over: a waiter that took the lock sees every hold that ended during its spin.
     */
    long heldNs;
}
