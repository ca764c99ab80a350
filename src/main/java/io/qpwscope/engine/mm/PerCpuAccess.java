package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwLock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lockdep for per-CPU data: every touch of CPU {@code cpu}'s data by {@code self} must be
 * covered — by self's own local lock (qpw=0, self == cpu), or by cpu's spinlock held by
 * self (qpw=1 or PREEMPT_RT). A miss is counted as an invariant violation, so the tests
 * catch any path that touches another CPU's batch without the lock the series requires.
 */
public final class PerCpuAccess {
    private final AtomicLong violations = new AtomicLong();
    private volatile String first;

    void check(Cpu self, Qpw qpw, QpwLock lock, int cpu) {
        boolean ok = lock.spinlock(cpu).owner() == self.id()
                || lock.rtSpinlock(cpu).owner() == self.id()
                || cpu == self.id() && lock.localLock(cpu).held();
        if (!ok) {
            if (violations.getAndIncrement() == 0) {
                first = "cpu" + self.id() + " touched cpu" + cpu + "'s data without " + lock.name()
                        + (qpw.spinMode() ? " (spin mode)" : " (local mode)");
            }
        }
    }

    long violations() {
        return violations.get();
    }

    String first() {
        return first;
    }
}
