package io.qpwscope.engine.qpw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One CPU's instance of a spinlock_t (the {@code sl} member of qpw_lock_t / qpw_trylock_t,
 * and what a local_lock_t is on PREEMPT_RT). The word holds the owning CPU, or -1 when free.
 *
 * <p>Acquisition is a CAS; the contended path spins with {@link Thread#onSpinWait()} and,
 * because emulated CPUs may outnumber physical cores, yields the core every
 * {@value #SPINS_BEFORE_YIELD} spins so that the holder's thread can run and release it.
 *
 * <p>Padded to its own cache line so that per-CPU instances never false-share (each is
 * touched by its own CPU on every fast-path operation).
 */
public final class PerCpuSpinlock {
    static final int FREE = -1;
    static final int SPINS_BEFORE_YIELD = 128;
    private static final VarHandle OWNER;
    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(PerCpuSpinlock.class, "owner", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // 56 bytes of padding either side of the lock word: a 64-byte line to itself.
    @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
    private volatile int owner = FREE;
    /** Trace clock at acquisition, written and read by the holder only (hold time). */
    long acquiredAt;
    @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17;

    /** spin_trylock: one CAS. Acquire semantics on success (CAS is a full fence). */
    public boolean tryLock(int cpu) {
        return (int) OWNER.compareAndExchangeAcquire(this, FREE, cpu) == FREE;
    }

    /**
     * spin_lock.
     * @return 0 if taken at once, else the ns spent spinning (as measured by the caller's clock)
     */
    public long lock(int cpu) {
        if ((int) OWNER.compareAndExchangeAcquire(this, FREE, cpu) == FREE) {
            return 0;
        }
        return lockSlowPath(cpu);
    }

    private long lockSlowPath(int cpu) {
        final long t0 = System.nanoTime();
        int spins = 0;
        while (true) {
            // Read before CAS (test-and-test-and-set) to keep the line shared while it is held.
            if (owner == FREE && (int) OWNER.compareAndExchangeAcquire(this, FREE, cpu) == FREE) {
                return Math.max(1, System.nanoTime() - t0);
            }
            if (++spins % SPINS_BEFORE_YIELD == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** spin_unlock. Release: the critical section's writes are visible before the lock looks free. */
    public void unlock(int cpu) {
        if ((int) OWNER.getOpaque(this) != cpu) {
            throw new IllegalMonitorStateException("spin_unlock by cpu" + cpu + " of a lock held by " + describeOwner());
        }
        OWNER.setRelease(this, FREE);
    }

    /** @return the owning CPU or -1. */
    public int owner() {
        return owner;
    }

    private String describeOwner() {
        int o = owner;
        return o == FREE ? "nobody" : "cpu" + o;
    }
}
