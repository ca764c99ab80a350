package io.qpwscope.engine.qpw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A test-and-test-and-set spinlock whose waiters yield the core: for the machine-wide locks
 * (lruvec->lru_lock, the slab node's list_lock) that many emulated CPUs take at once.
 *
 * <p>The kernel's qspinlock is FIFO, and {@link PerCpuSpinlock} is too, because fairness is
 * what decides who waits in the remote-drain trade-off being shown. For a lock that dozens of
 * emulated CPUs contend on, though, a FIFO hand-off to a waiter whose thread the host has
 * descheduled stalls every CPU queued behind it (lock-waiter preemption, the problem paravirt
 * spinlocks solve for virtual machines): 64 emulated CPUs on 2 cores turned 20 µs drains into
 * 60-100 ms ones. Here whoever runs takes the lock.
 */
public final class YieldingSpinlock extends YieldingSpinlockWord {
    private static final VarHandle OWNER;
    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(YieldingSpinlock.class, "owner", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // right-hand padding (see LhsPadding): the lock word in YieldingSpinlockWord has a cache
    // line to itself, 64 bytes either side
    @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17, p18;

    public void lock(int cpu) {
        int spins = 0;
        while (owner != -1 || !OWNER.compareAndSet(this, -1, cpu)) { // CAS: full fence on success
            if (++spins % PerCpuSpinlock.SPINS_BEFORE_YIELD == 0) {
                CpuHaltedException.checkInterrupt("a spinlock", owner);
                Thread.yield();
            }
            else Thread.onSpinWait();
        }
    }

    public void unlock(int cpu) {
        if ((int) OWNER.getOpaque(this) != cpu) {
            throw new IllegalMonitorStateException("spin_unlock by cpu" + cpu + " of a lock held by " + owner);
        }
        OWNER.setRelease(this, -1); // release: the critical section's writes before the lock looks free
    }
}
