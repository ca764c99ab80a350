package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuCounters;
import io.qpwscope.engine.WorkLedger;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * include/linux/qpw.h of the v3 series, on emulated CPUs. Method names are the kernel's so
 * that a kernel reader finds them ({@code qpw_lock}, {@code queue_percpu_work_on}, ...); the
 * v4 names are in the javadoc ({@code pw_lock}, {@code pw_queue_on}, ...). Every call takes
 * the calling CPU first — what the kernel gets implicitly from smp_processor_id().
 *
 * <p>{@code configQpw} is the build option: false means the header's first branch (plain
 * local_lock / queue_work_on, whatever the static key). {@code qpwSl} is the static key
 * qpw_sl: a plain field, written only while every CPU is parked at the stop_machine barrier
 * (whose synchronisation publishes it), as a static_branch patch is.
 */
public final class Qpw {
    final boolean configQpw;
    final boolean preemptRt;
    private boolean qpwSl;
    private final WorkLedger ledger;
    private final Cpu[] cpus;

    public Qpw(boolean configQpw, boolean preemptRt, boolean initialKey, WorkLedger ledger, Cpu[] cpus) {
        this.configQpw = configQpw;
        this.preemptRt = preemptRt;
        this.qpwSl = configQpw && initialKey;
        this.ledger = ledger;
        this.cpus = cpus;
    }

    /** static_branch_maybe(CONFIG_QPW_DEFAULT, &qpw_sl), false without CONFIG_QPW. */
    public boolean spinMode() {
        return qpwSl;
    }

    public boolean configQpw() {
        return configQpw;
    }

    public boolean preemptRt() {
        return preemptRt;
    }

    /** static_branch_enable/disable: only at the stop_machine barrier (see Machine.setQpw). */
    public void setStaticKey(boolean on) {
        if (!configQpw) throw new IllegalStateException("CONFIG_QPW=n: there is no qpw_sl key");
        qpwSl = on;
    }

    // ---------------------------------------------------------------- locks

    /** qpw_lock(lock, cpu) — v4: pw_lock. */
    public void qpw_lock(Cpu self, QpwLock l, int cpu) {
        if (qpwSl) spinLock(self, l, cpu, 0);
        else local_lock(self, l, 0);
    }

    /** qpw_unlock(lock, cpu) — v4: pw_unlock. */
    public void qpw_unlock(Cpu self, QpwLock l, int cpu) {
        if (qpwSl) spinUnlock(self, l, cpu, 0);
        else local_unlock(self, l, 0);
    }

    /** qpw_lock_irqsave(lock, flags, cpu) — v4: pw_lock_irqsave. @return flags */
    public boolean qpw_lock_irqsave(Cpu self, QpwLock l, int cpu) {
        boolean flags = irqSave(self);
        if (qpwSl) spinLock(self, l, cpu, TraceDescriptor.LOCK_IRQSAVE);
        else local_lock(self, l, TraceDescriptor.LOCK_IRQSAVE);
        return flags;
    }

    /** qpw_unlock_irqrestore(lock, flags, cpu) — v4: pw_unlock_irqrestore. */
    public void qpw_unlock_irqrestore(Cpu self, QpwLock l, boolean flags, int cpu) {
        if (qpwSl) spinUnlock(self, l, cpu, TraceDescriptor.LOCK_IRQSAVE);
        else local_unlock(self, l, TraceDescriptor.LOCK_IRQSAVE);
        irqRestore(self, flags);
    }

    /** spin_lock_irqsave's irq half: on PREEMPT_RT interrupts stay on (flags = the current state). */
    private boolean irqSave(Cpu self) {
        return preemptRt ? self.irqsDisabled() : self.irqSave();
    }

    private void irqRestore(Cpu self, boolean flags) {
        if (!preemptRt) self.irqRestore(flags);
    }

    /** qpw_trylock(lock, cpu) — v4: pw_trylock. */
    public boolean qpw_trylock(Cpu self, QpwLock l, int cpu) {
        return qpwSl ? spinTrylock(self, l, cpu, TraceDescriptor.LOCK_TRYLOCK)
                : local_trylock(self, l, TraceDescriptor.LOCK_TRYLOCK);
    }

    /** qpw_trylock_irqsave(lock, flags, cpu) — v4: pw_trylock_irqsave. @return null on failure, else flags */
    public Boolean qpw_trylock_irqsave(Cpu self, QpwLock l, int cpu) {
        boolean flags = irqSave(self);
        int f = TraceDescriptor.LOCK_TRYLOCK | TraceDescriptor.LOCK_IRQSAVE;
        boolean ok = qpwSl ? spinTrylock(self, l, cpu, f) : local_trylock(self, l, f);
        if (!ok) {
            irqRestore(self, flags);
            return null;
        }
        return flags;
    }

    /**
     * local_qpw_lock(lock) (v2+) — v4: pw_lock_local. qpw=0: local_lock. qpw=1:
     * preempt_disable (non-RT) or migrate_disable (RT), then spin_lock on this CPU's lock.
     */
    public void local_qpw_lock(Cpu self, QpwLock l) {
        if (qpwSl) spinLock(self, l, self.id(), TraceDescriptor.LOCK_LOCAL_VARIANT);
        else local_lock(self, l, TraceDescriptor.LOCK_LOCAL_VARIANT);
    }

    /** local_qpw_unlock(lock) — v4: pw_unlock_local. */
    public void local_qpw_unlock(Cpu self, QpwLock l) {
        if (qpwSl) spinUnlock(self, l, self.id(), TraceDescriptor.LOCK_LOCAL_VARIANT);
        else local_unlock(self, l, TraceDescriptor.LOCK_LOCAL_VARIANT);
    }

    /** local_qpw_trylock(lock) — v4: pw_trylock_local. */
    public boolean local_qpw_trylock(Cpu self, QpwLock l) {
        int f = TraceDescriptor.LOCK_LOCAL_VARIANT | TraceDescriptor.LOCK_TRYLOCK;
        return qpwSl ? spinTrylock(self, l, self.id(), f) : local_trylock(self, l, f);
    }

    /**
     * qpw_lockdep_assert_held(lock): this CPU's instance must be held by this CPU, in either
     * mode (lockdep_assert_held(this_cpu_ptr(lock.sl / lock.ll))).
     */
    public void qpw_lockdep_assert_held(Cpu self, QpwLock l) {
        boolean held = preemptRt ? l.rt[self.id()].owner() == self.id()
                : qpwSl ? l.sl[self.id()].owner() == self.id()
                : l.ll[self.id()].acquired;
        if (!held) {
            throw new LockdepException("cpu" + self.id() + ": " + l.name + " not held (qpw_lockdep_assert_held)");
        }
    }

    // ---------------------------------------------------------------- work

    /**
     * queue_percpu_work_on(cpu, wq, qpw) — v4: pw_queue_on. qpw=1: WARN_ON(cpu != qpw->cpu),
     * then the work function runs now, on the caller's CPU. qpw=0: queue_work_on.
     * @return true if the work was queued or run (false: it was already pending)
     */
    public boolean queue_percpu_work_on(Cpu self, int cpu, String wq, QpwStruct w) {
        if (qpwSl) {
            if (cpu != w.cpu) ledger.warn("queue_percpu_work_on(" + cpu + ") of a qpw_struct for cpu " + w.cpu + " (wq " + wq + ")");
            long seq = ledger.queued();
            long t = self.now();
            self.trace(t, EventType.WORK_QUEUED, cpu, w.site.code, 1, seq);
            runWork(self, w, seq, true, cpu, t);
            return true;
        }
        return queue_work_on(self, cpu, wq, w);
    }

    /** flush_percpu_work(qpw) — v4: pw_flush. qpw=1: no-op (the work ran inside queue_percpu_work_on). */
    public void flush_percpu_work(Cpu self, QpwStruct w) {
        // After a live switch to qpw=1 an instance queued before it may still be pending on
        // its worker: the flush then still waits, so no caller ever sees an undrained CPU.
        if (qpwSl && !w.isPending() && w.finished(w.queuedSeq)) return;
        flush_work(self, w);
    }

    /** qpw_get_cpu(w) — v4: pw_get_cpu. CONFIG_QPW=n: smp_processor_id(); else w->cpu. */
    public int qpw_get_cpu(Cpu self, QpwStruct w) {
        return configQpw ? w.cpu : self.id();
    }

    /** qpw_is_cpu_remote(cpu) — v4: pw_is_cpu_remote. CONFIG_QPW=n: false. */
    public boolean qpw_is_cpu_remote(Cpu self, int cpu) {
        return configQpw && cpu != self.id();
    }

    /** queue_work_on(cpu, wq, work): false if the work is already pending. */
    public boolean queue_work_on(Cpu self, int cpu, String wq, QpwStruct w) {
        if (!w.markPending()) return false;
        long seq = ledger.queued();
        w.queuedSeq = seq;
        w.queuedBy = self.id();
        self.trace(self.now(), EventType.WORK_QUEUED, cpu, w.site.code, 0, seq);
        self.machine().workQueuedToWorker();
        cpus[cpu].enqueueWork(w);
        return true;
    }

    /** flush_work(work): sleeps until the last queued instance has finished. */
    public void flush_work(Cpu self, QpwStruct w) {
        final long seq = w.queuedSeq;
        if (seq == 0 || w.finished(seq)) return;
        self.flushStart(w.cpu);
        long t0 = self.now();
        self.sleepUntil(() -> w.finished(seq));
        long t1 = self.now();
        self.trace(t1, EventType.FLUSH_WAIT, w.cpu, w.site.code, 0, t1 - t0);
        self.flushEnd(t1, t1 - t0);
        self.counters().max(CpuCounters.FLUSH_WAIT_MAX_NS, t1 - t0);
    }

    /** Called by a CPU's kworker for an item taken off its worklist. */
    public void execute(Cpu self, QpwStruct w, boolean inline) {
        long seq = w.queuedSeq; // read before clearing PENDING: a re-queue may overwrite it
        w.clearPending();
        runWork(self, w, seq, inline, self.id(), self.now());
        w.markDone(seq);
        self.machine().workExecutedByWorker();
    }

    private void runWork(Cpu self, QpwStruct w, long seq, boolean inline, int target, long t0) {
        int aux = inline ? 1 : 0;
        self.trace(t0, EventType.WORK_START, w.cpu, w.site.code, aux, seq);
        try {
            w.func.run(self, w);
        } catch (CpuHaltedException | WorkFunctionException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw new WorkFunctionException(w.site.kernelName, e);
        }
        self.trace(self.now(), EventType.WORK_END, w.cpu, w.site.code, aux, seq);
        ledger.executed(seq, inline, self.id(), inline ? target : w.cpu);
        self.counters().add(CpuCounters.WORK_EXECUTED_ON, 1);
        if (inline) self.counters().add(CpuCounters.WORK_EXECUTED_INLINE, 1);
    }

    // ---------------------------------------------------------------- the two lock kinds

    /** local_lock(lock): for per-CPU data that is not converted (e.g. memcg_stock.lock). */
    public void local_lock(Cpu self, QpwLock l) {
        local_lock(self, l, 0);
    }

    /** local_trylock(lock): the unconverted (mainline) form of a trylock on this CPU's lock. */
    public boolean local_trylock(Cpu self, QpwLock l) {
        return local_trylock(self, l, TraceDescriptor.LOCK_TRYLOCK);
    }

    /** local_unlock(lock) */
    public void local_unlock(Cpu self, QpwLock l) {
        local_unlock(self, l, 0);
    }

    // Both lock kinds pay the same bookkeeping in the same places, so that qpw=1 costs the
    // atomic and nothing else. Acquire: preempt_disable; the lock word (local: the holder's
    // flag; spin: the atomic, then the owner store); countAcquire; one trace-enabled check.
    // Release: the lock word (local: check and clear the flag; spin: check and clear the
    // owner, then the release store) and one trace-enabled check, either order; preempt_enable. Remote, contended
    // and traced acquisitions take a slow path of their own.

    /** local_lock: non-RT = preempt_disable only; RT = migrate_disable + this CPU's spinlock. */
    private void local_lock(Cpu self, QpwLock l, int flags) {
        if (preemptRt) {
            spinLock(self, l, self.id(), flags);
            return;
        }
        final int me = self.id();
        final LocalLock ll = l.ll[me];
        self.preemptDisable();
        ll.acquired = true;
        countAcquire(self, me);
        if (self.traceLocks()) traceLocalAcquire(self, l, ll, flags);
    }

    private void local_unlock(Cpu self, QpwLock l, int flags) {
        if (preemptRt) {
            spinUnlock(self, l, self.id(), flags);
            return;
        }
        final LocalLock ll = l.ll[self.id()];
        if (!ll.acquired) throw new LockdepException("cpu" + self.id() + ": local_unlock of " + l.name + " not held");
        ll.acquired = false;
        if (self.traceLocks()) {
            long t = self.now();
            self.trace(t, EventType.LOCK_RELEASE, self.id(), siteOf(l), flags, t - ll.acquiredAt);
            self.lockHeld(t, t - ll.acquiredAt);
        }
        self.preemptEnable();
    }

    private boolean local_trylock(Cpu self, QpwLock l, int flags) {
        requireTrylockType(l);
        if (preemptRt) return spinTrylock(self, l, self.id(), flags);
        final int me = self.id();
        final LocalLock ll = l.ll[me];
        self.preemptDisable();
        if (ll.acquired) {
            self.preemptEnable();
            self.counters().add(CpuCounters.TRYLOCK_FAILURES, 1);
            return false;
        }
        ll.acquired = true;
        countAcquire(self, me);
        if (self.traceLocks()) traceLocalAcquire(self, l, ll, flags);
        return true;
    }

    private void traceLocalAcquire(Cpu self, QpwLock l, LocalLock ll, int flags) {
        long t = self.now();
        ll.acquiredAt = t;
        self.trace(t, EventType.LOCK_ACQUIRE, self.id(), siteOf(l), flags, 0);
    }

    private void spinLock(Cpu self, QpwLock l, int cpu, int flags) {
        if (preemptRt) {
            RtLocking.lock(self, l, cpu, flags, cpus);
            return;
        }
        final int me = self.id();
        final PerCpuSpinlock sl = l.sl[cpu];
        self.preemptDisable(); // spin_lock on non-RT: preempt_disable (RT: RtLocking, migrate_disable)
        final boolean trace = self.traceLocks();
        int holder = trace ? sl.owner() : -1;
        long waited = sl.lock(me, self.spinWatch());
        countAcquire(self, cpu);
        if (trace || waited > 0 || cpu != me) afterSpinAcquire(self, l, cpu, flags, waited, holder, trace);
    }

    private boolean spinTrylock(Cpu self, QpwLock l, int cpu, int flags) {
        requireTrylockType(l);
        if (preemptRt) return RtLocking.trylock(self, l, cpu, flags, cpus);
        final int me = self.id();
        final PerCpuSpinlock sl = l.sl[cpu];
        self.preemptDisable();
        if (!sl.tryLock(me)) {
            self.preemptEnable();
            self.counters().add(CpuCounters.TRYLOCK_FAILURES, 1);
            return false;
        }
        countAcquire(self, cpu);
        final boolean trace = self.traceLocks();
        if (trace || cpu != me) afterSpinAcquire(self, l, cpu, flags, 0, -1, trace);
        return true;
    }

    /**
     * The bookkeeping every acquisition pays, whichever lock kind: the per-CPU lock-ops counter
     * (local or remote). Package-private for the fast-path breakdown benchmark.
     */
    static void countAcquire(Cpu self, int cpu) {
        self.counters().add(cpu == self.id() ? CpuCounters.LOCAL_LOCK_OPS : CpuCounters.REMOTE_LOCK_OPS, 1);
    }

    /** A remote, contended or traced spin acquisition: what the local, untraced fast path never pays. */
    private void afterSpinAcquire(Cpu self, QpwLock l, int cpu, int flags, long waited, int holder, boolean trace) {
        final int me = self.id();
        final boolean remote = cpu != me;
        CpuCounters c = self.counters();
        if (remote) cpus[cpu].counters().countLockedByRemote();
        if (waited > 0) {
            c.max(CpuCounters.LOCK_WAIT_MAX_NS, waited);
            c.add(CpuCounters.LOCK_WAIT_TOTAL_NS, waited);
            c.add(CpuCounters.SPIN_WAITS, 1);
        }
        if (trace) {
            long t = self.now();
            int f = flags | TraceDescriptor.LOCK_SPIN | (remote ? TraceDescriptor.LOCK_REMOTE : 0);
            l.sl[cpu].acquiredAt = t;
            if (waited > 0) {
                self.trace(t, EventType.SPIN_WAIT, cpu, siteOf(l), holder, waited);
                self.spinWaited(t, waited, true);
            }
            self.trace(t, EventType.LOCK_ACQUIRE, cpu, siteOf(l), f, waited);
        } else if (waited > 0) {
            self.spinWaited(0, waited, false);
        }
    }

    private void spinUnlock(Cpu self, QpwLock l, int cpu, int flags) {
        if (preemptRt) {
            RtLocking.unlock(self, l, cpu, flags);
            return;
        }
        final PerCpuSpinlock sl = l.sl[cpu];
        if (self.traceLocks()) {
            int f = flags | TraceDescriptor.LOCK_SPIN | (cpu != self.id() ? TraceDescriptor.LOCK_REMOTE : 0);
            long t = self.now();
            long held = t - sl.acquiredAt;
            self.trace(t, EventType.LOCK_RELEASE, cpu, siteOf(l), f, held);
            sl.addHeld(held);
            sl.unlock(self.id());
            self.lockHeld(t, held); // after the hand-over: the host reading is not part of the hold
        } else {
            sl.unlock(self.id());
        }
        self.preemptEnable();
    }

    /** The trylock forms take a qpw_trylock_t (local_trylock_t inside): in C, anything else does not compile. */
    private static void requireTrylockType(QpwLock l) {
        if (!l.trylockType) {
            throw new IllegalArgumentException(l.name + " is a qpw_lock_t: the trylock forms need a qpw_trylock_t (qpw_trylock_init)");
        }
    }

    private static int siteOf(QpwLock l) {
        return l.site;
    }
}
