package io.qpwscope.engine.qpw;

/**
 * Watches a contended spin from the waiter's thread, so that the wait can be split into the
 * model's part and the host's (see {@code io.qpwscope.engine.host}). Called only on the slow
 * path of {@link PerCpuSpinlock#lock(int, SpinWatch)}, never when the lock is taken at once.
 * One instance per waiting CPU, used by that CPU's thread only.
 */
public interface SpinWatch {
    /**
     * The spin begins; {@code holder} is the lock's owner CPU now, or -1 when not known yet;
     * {@code heldNs} the lock's {@link PerCpuSpinlock#heldNs() hold total} now.
     */
    void spinStart(int holder, long heldNs);

    /** Called every few hundred spins with the owner CPU now (-1: none between two holders). */
    void spinHolder(int holder);

    /** The lock is taken after {@code waitedNs} of spinning; {@code heldNs}: its hold total now. */
    void spinEnd(long waitedNs, long heldNs);
}
