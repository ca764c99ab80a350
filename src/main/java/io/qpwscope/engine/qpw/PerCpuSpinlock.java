package io.qpwscope.engine.qpw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One CPU's instance of a spinlock_t (the {@code sl} member of qpw_lock_t / qpw_trylock_t,
 * and what a local_lock_t is on PREEMPT_RT).
 *
 * <p>A ticket lock: like the kernel's qspinlock it is FIFO-fair, so a remote CPU that wants
 * an isolated CPU's lock gets it at the next release even while the owner takes and drops it
 * in a tight fast-path loop (an unfair test-and-set lock starves the remote waiter for
 * hundreds of ms there). {@code next} is the next ticket to hand out, {@code serving} the
 * ticket that holds the lock; free means next == serving.
 *
 * <p>The contended path spins with {@link Thread#onSpinWait()} and, because emulated CPUs may
 * outnumber physical cores, yields the core every {@value #SPINS_BEFORE_YIELD} spins so that
 * the holder's thread can run and release it.
 *
 * <p>Padded to its own cache line so that per-CPU instances never false-share: the words are
 * in {@link PerCpuSpinlockWords}, between {@link LhsPadding} and the 64 bytes below.
 */
public final class PerCpuSpinlock extends PerCpuSpinlockWords {
    static final int FREE = -1;
    static final int SPINS_BEFORE_YIELD = 128;
    private static final VarHandle NEXT;
    private static final VarHandle SERVING;
    private static final VarHandle OWNER;
    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            NEXT = l.findVarHandle(PerCpuSpinlock.class, "next", int.class);
            SERVING = l.findVarHandle(PerCpuSpinlock.class, "serving", int.class);
            OWNER = l.findVarHandle(PerCpuSpinlock.class, "owner", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // right-hand padding (see LhsPadding): 64 bytes after the lock words
    @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17, p18;

    /** spin_trylock: succeeds only if the lock is free and nobody queues for it. */
    public boolean tryLock(int cpu) {
        int s = (int) SERVING.getAcquire(this); // acquire: pairs with the previous holder's release
        if (!NEXT.compareAndSet(this, s, s + 1)) return false; // CAS is a full fence
        OWNER.setOpaque(this, cpu);
        return true;
    }

    /**
     * spin_lock.
     * @return 0 if taken at once, else the ns spent spinning
     */
    public long lock(int cpu) {
        return lock(cpu, null);
    }

    /**
     * spin_lock, with a watch told about the spin when there is one (null: none).
     * @return 0 if taken at once, else the ns spent spinning
     */
    public long lock(int cpu, SpinWatch watch) {
        int ticket = (int) NEXT.getAndAdd(this, 1); // full fence: our ticket is ordered
        if ((int) SERVING.getAcquire(this) == ticket) { // acquire: the previous holder's writes
            OWNER.setOpaque(this, cpu);
            return 0;
        }
        return lockSlowPath(cpu, ticket, watch);
    }

    private long lockSlowPath(int cpu, int ticket, SpinWatch watch) {
        final long t0 = System.nanoTime();
        if (watch != null) watch.spinStart(owner(), heldNs);
        int spins = 0;
        while ((int) SERVING.getAcquire(this) != ticket) { // acquire: pairs with unlock's release
            if (++spins % SPINS_BEFORE_YIELD == 0) {
                CpuHaltedException.checkInterrupt("a spinlock", owner());
                if (watch != null) watch.spinHolder(owner());
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        OWNER.setOpaque(this, cpu);
        long waited = Math.max(1, System.nanoTime() - t0);
        if (watch != null) watch.spinEnd(waited, heldNs); // after the acquire: every ended hold is visible
        return waited;
    }

    /** Sum of the traced holds that ended, ns (racy but for the holder and a waiter that has just acquired). */
    public long heldNs() {
        return heldNs;
    }

    /** The holder, before {@link #unlock}: adds a traced hold's length to {@link #heldNs()}. */
    void addHeld(long ns) {
        heldNs += ns;
    }

    /** spin_unlock: hand the lock to the next ticket. */
    public void unlock(int cpu) {
        int o = (int) OWNER.getOpaque(this);
        if (o != cpu) {
            throw new IllegalMonitorStateException("spin_unlock by cpu" + cpu + " of a lock held by "
                    + (o == FREE ? "nobody" : "cpu" + o));
        }
        OWNER.setOpaque(this, FREE);
        SERVING.setRelease(this, serving + 1); // release: the critical section's writes before the hand-over
    }

    /** @return the owning CPU or -1 (a racy read for anyone but the holder). */
    public int owner() {
        return (int) OWNER.getOpaque(this);
    }

    /** @return CPUs queued behind the holder (racy; for display). */
    public int waiters() {
        return Math.max(0, (int) NEXT.getOpaque(this) - (int) SERVING.getOpaque(this) - 1);
    }
}
