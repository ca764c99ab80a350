package io.qpwscope.engine.qpw;

/**
 * One CPU's local_lock_t / local_trylock_t on a non-RT kernel: no atomic operation at all;
 * taking it disables preemption on the owning CPU (done by the caller) and, with lockdep,
 * records the holder. The {@code acquired} flag is local_trylock_t's: a trylock from a
 * context that interrupted the holder on the same CPU fails instead of deadlocking.
 *
 * <p>Only the owning CPU's thread ever touches an instance (that is the whole point of a
 * local lock); plain fields suffice and the engine checks the owner.
 */
public final class LocalLock {
    // Padding: each CPU's instance lives on its own line, as a per-CPU variable would.
    @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
    boolean acquired;
    /** Trace clock at acquisition (holder only), for the hold time in LOCK_RELEASE. */
    long acquiredAt;
    @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17;

    public boolean held() {
        return acquired;
    }
}
