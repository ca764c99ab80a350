package io.qpwscope.engine.qpw;

import io.qpwscope.trace.Site;

/**
 * qpw_lock_t (and qpw_trylock_t: the same union here, with the trylock flag in
 * {@link LocalLock}): per CPU, a union { spinlock_t sl; local_lock_t ll; }. Which member is
 * used is decided by the static key qpw_sl at each call (qpw_lock_init initialises both
 * here, so that the live mode switch — this product's extension — needs no re-init).
 */
public final class QpwLock {
    final String name;
    final int site;
    final PerCpuSpinlock[] sl;
    final LocalLock[] ll;
    /** PREEMPT_RT: spinlock_t and local_lock_t are both this per-CPU rt_mutex. */
    final RtSpinlock[] rt;
    final boolean trylockType;

    private QpwLock(Site site, int cpus, boolean trylockType) {
        this.name = site.kernelName;
        this.site = site.code;
        this.trylockType = trylockType;
        this.sl = new PerCpuSpinlock[cpus];
        this.ll = new LocalLock[cpus];
        this.rt = new RtSpinlock[cpus];
        for (int c = 0; c < cpus; c++) {
            sl[c] = new PerCpuSpinlock();
            ll[c] = new LocalLock();
            rt[c] = new RtSpinlock(name + "/" + c);
        }
    }

    /** DEFINE_PER_CPU(qpw_lock_t, name) + qpw_lock_init on every CPU. */
    public static QpwLock qpw_lock_init(Site site, int cpus) {
        return new QpwLock(site, cpus, false);
    }

    /** DEFINE_PER_CPU(qpw_trylock_t, name) + qpw_trylock_init on every CPU. */
    public static QpwLock qpw_trylock_init(Site site, int cpus) {
        return new QpwLock(site, cpus, true);
    }

    public String name() {
        return name;
    }

    /** per_cpu_ptr(lock.sl, cpu) */
    public PerCpuSpinlock spinlock(int cpu) {
        return sl[cpu];
    }

    /** per_cpu_ptr(lock.sl, cpu) on PREEMPT_RT (also what lock.ll is there). */
    public RtSpinlock rtSpinlock(int cpu) {
        return rt[cpu];
    }

    /** per_cpu_ptr(lock.ll, cpu) */
    public LocalLock localLock(int cpu) {
        return ll[cpu];
    }
}
