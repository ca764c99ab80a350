package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;

/**
 * The pieces of a QPW fast path, one at a time, for LockFastPathBreakdownBench: the
 * bookkeeping both modes pay, and each mode's lock word alone.
 */
public final class FastPathParts {
    private FastPathParts() {}

    /** What Qpw pays around any local acquisition and release, without the lock word. */
    public static boolean bookkeeping(Cpu self) {
        self.preemptDisable();
        Qpw.countAcquire(self, self.id());
        boolean t1 = self.traceLocks();
        boolean t2 = self.traceLocks();
        self.preemptEnable();
        return t1 | t2;
    }

    /** qpw=0's lock word: the holder's flag, checked on release (non-RT local_lock). */
    public static void localLockWord(QpwLock l, int cpu) {
        LocalLock ll = l.ll[cpu];
        ll.acquired = true;
        if (!ll.acquired) throw new LockdepException("not held");
        ll.acquired = false;
    }

    /** qpw=1's lock word: the ticket lock's atomic, owner store, owner check and release store. */
    public static void spinLockWord(QpwLock l, int cpu) {
        PerCpuSpinlock sl = l.sl[cpu];
        sl.lock(cpu);
        sl.unlock(cpu);
    }
}
