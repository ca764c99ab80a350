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
public final class LocalLock extends LocalLockWords {
    // Each CPU's instance lives on its own line, as a per-CPU variable would: the words are in
    // LocalLockWords after LhsPadding; this is the right-hand padding, 64 bytes.
    @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17, p18;

    public boolean held() {
        return acquired;
    }
}
