package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuContexts;
import io.qpwscope.engine.CpuCounters;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * spin_lock / spin_unlock / spin_trylock of a {@link QpwLock} on PREEMPT_RT (and local_lock,
 * which is the same per-CPU sleeping spinlock there): migrate_disable instead of
 * preempt_disable, the {@link RtSpinlock} rt_mutex, and the bookkeeping {@link Qpw} pays for
 * its spinning locks, plus the blocked time and the priority-inheritance boosts. The context
 * depth is read once per call; an uncontended lock or unlock with no boost on the context
 * pays the rt_mutex's one CAS and no PI bookkeeping: a boost's trace note is written with the
 * boost, so only a boosted context reports one here (a note left by a boost given back in a
 * race is reported at the holder's next preemption point, as before).
 */
final class RtLocking {
    private RtLocking() {}

    static void lock(Cpu self, QpwLock l, int cpu, int flags, Cpu[] cpus) {
        final RtSpinlock rl = l.rt[cpu];
        self.migrateDisable();
        final boolean trace = self.traceLocks();
        final CpuContexts cx = self.contexts();
        final int depth = cx.depth();
        RtSpinlock.Wait w;
        try {
            w = rl.lock(self, depth);
        } catch (RuntimeException e) {
            self.migrateEnable();
            throw e;
        }
        Qpw.countAcquire(self, cpu);
        if (trace || w.contended() || cpu != self.id()) afterAcquire(self, l, cpu, flags, w, trace, cpus);
        if (cx.boost(depth) != CpuContexts.NO_BOOST) self.reportBoost(depth);
    }

    static boolean trylock(Cpu self, QpwLock l, int cpu, int flags, Cpu[] cpus) {
        final RtSpinlock rl = l.rt[cpu];
        self.migrateDisable();
        if (!rl.tryLock(self, self.contexts().depth())) {
            self.migrateEnable();
            self.counters().add(CpuCounters.TRYLOCK_FAILURES, 1);
            return false;
        }
        Qpw.countAcquire(self, cpu);
        final boolean trace = self.traceLocks();
        if (trace || cpu != self.id()) afterAcquire(self, l, cpu, flags, RtSpinlock.Wait.NONE, trace, cpus);
        return true;
    }

    private static void afterAcquire(Cpu self, QpwLock l, int cpu, int flags, RtSpinlock.Wait w, boolean trace, Cpu[] cpus) {
        final boolean remote = cpu != self.id();
        final CpuCounters c = self.counters();
        if (remote) cpus[cpu].counters().countLockedByRemote();
        long waited = w.spunNs() + w.blockedNs();
        if (w.blockedNs() > 0) {
            c.add(CpuCounters.LOCK_BLOCKS, 1);
            c.max(CpuCounters.LOCK_BLOCK_MAX_NS, w.blockedNs());
            c.add(CpuCounters.LOCK_BLOCK_TOTAL_NS, w.blockedNs());
        } else if (w.spunNs() > 0) {
            c.max(CpuCounters.LOCK_WAIT_MAX_NS, w.spunNs());
            c.add(CpuCounters.LOCK_WAIT_TOTAL_NS, w.spunNs());
            c.add(CpuCounters.SPIN_WAITS, 1);
        }
        if (trace) {
            long t = self.now();
            int f = flags | TraceDescriptor.LOCK_SPIN | (remote ? TraceDescriptor.LOCK_REMOTE : 0);
            l.rt[cpu].acquiredAt = t;
            if (w.blockedNs() > 0) {
                self.trace(t, EventType.LOCK_BLOCK, w.holderCpu(), l.site, w.holderKind(), w.blockedNs());
            } else if (w.spunNs() > 0) {
                self.trace(t, EventType.SPIN_WAIT, cpu, l.site, w.holderCpu(), w.spunNs());
            }
            self.trace(t, EventType.LOCK_ACQUIRE, cpu, l.site, f, waited);
        }
    }

    static void unlock(Cpu self, QpwLock l, int cpu, int flags) {
        final RtSpinlock rl = l.rt[cpu];
        if (self.traceLocks()) {
            int f = flags | TraceDescriptor.LOCK_SPIN | (cpu != self.id() ? TraceDescriptor.LOCK_REMOTE : 0);
            long t = self.now();
            self.trace(t, EventType.LOCK_RELEASE, cpu, l.site, f, t - rl.acquiredAt);
        }
        final CpuContexts cx = self.contexts();
        final int depth = cx.depth();
        if (cx.boost(depth) != CpuContexts.NO_BOOST) self.reportBoost(depth); // a boost the holder has not shown yet
        int prioAfter = rl.unlock(self, depth);
        if (prioAfter >= 0) self.trace(self.now(), EventType.PI_BOOST, -1, 0, 0, prioAfter);
        self.migrateEnable();
    }
}
