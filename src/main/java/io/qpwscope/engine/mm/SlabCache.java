package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.YieldingSpinlock;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.List;

/**
 * A kmalloc-64 cache with SLUB per-CPU sheaves (slub_percpu_sheaves {lock; main; spare}),
 * converted to QPW: the fast paths take this CPU's qpw_trylock_t with local_qpw_trylock;
 * kmem_cache_shrink -> flush_all queues flush_cpu_sheaves with queue_percpu_work_on, which
 * takes the target CPU's lock with qpw_lock and returns its objects to the node.
 *
 * <p>Objects are ints (their index in the cache); they really move between the per-CPU
 * sheaves, the node's free list and the tasks that hold them, and the total is conserved.
 */
public final class SlabCache {
    /** s->sheaf_capacity for a 64-byte cache. */
    public static final int SHEAF_CAPACITY = 32;
    /** Objects per slab (4 KiB / 64 B). */
    static final int OBJECTS_PER_SLAB = 64;

    private final Qpw qpw;
    final QpwLock lock;
    private final PerCpuSheaves[] pcs;
    private final QpwStruct[] flushWork;
    private final Node node = new Node();
    private final SleepingMutex flushLock = new SleepingMutex();
    private final PerCpuAccess access;
    /** Mainline (unpatched) fast path: local_trylock/local_unlock, no QPW wrapper at all. */
    private final boolean unpatched;

    public SlabCache(Qpw qpw, int cpus, PerCpuAccess access) {
        this(qpw, cpus, access, false);
    }

    /** @param access null to skip the per-CPU access checks (benchmarks) */
    public SlabCache(Qpw qpw, int cpus, PerCpuAccess access, boolean unpatched) {
        this.qpw = qpw;
        this.unpatched = unpatched;
        this.access = access;
        this.lock = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, cpus);
        this.pcs = new PerCpuSheaves[cpus];
        this.flushWork = new QpwStruct[cpus];
        for (int c = 0; c < cpus; c++) {
            pcs[c] = new PerCpuSheaves();
            flushWork[c] = new QpwStruct(Site.WORK_SLUB_FLUSH);
        }
    }

    /** kmalloc(64, GFP_ATOMIC): alloc_from_pcs, or the slow path when the trylock fails. */
    public int kmalloc(Cpu self) {
        if (!(unpatched ? qpw.local_trylock(self, lock) : qpw.local_qpw_trylock(self, lock))) {
            return node.alloc(self.id()); // ___slab_alloc: the per-CPU sheaves are busy (a remote flush holds them)
        }
        final int cpu = self.id();
        if (access != null) access.check(self, qpw, lock, cpu);
        final PerCpuSheaves p = pcs[cpu];
        Sheaf main = p.main;
        if (main.size == 0) {
            if (p.spare.size > 0) {
                p.main = p.spare;
                p.spare = main;
                main = p.main;
            } else {
                node.refill(cpu, main);
            }
        }
        int obj = main.objects[--main.size];
        if (unpatched) qpw.local_unlock(self, lock);
        else qpw.local_qpw_unlock(self, lock);
        return obj;
    }

    /** kfree(obj): free_to_pcs, or straight to the node when the trylock fails. */
    public void kfree(Cpu self, int obj) {
        if (!(unpatched ? qpw.local_trylock(self, lock) : qpw.local_qpw_trylock(self, lock))) {
            node.free(self.id(), obj);
            return;
        }
        final int cpu = self.id();
        if (access != null) access.check(self, qpw, lock, cpu);
        final PerCpuSheaves p = pcs[cpu];
        Sheaf main = p.main;
        if (main.size == SHEAF_CAPACITY) {
            if (p.spare.size != 0) node.flush(cpu, p.spare); // barn full: give the spare back to the node
            p.main = p.spare;
            p.spare = main;
            main = p.main;
        }
        main.objects[main.size++] = obj;
        if (unpatched) qpw.local_unlock(self, lock);
        else qpw.local_qpw_unlock(self, lock);
    }

    /** kmem_cache_shrink(s) -> flush_all(s): drain every CPU's sheaves that has objects. */
    public int flushAll(Cpu self) {
        flushLock.lock(self);
        int queued = 0;
        boolean[] has = new boolean[pcs.length];
        try {
            for (int cpu = 0; cpu < pcs.length; cpu++) {
                if (!hasPcsUsed(cpu)) continue;
                QpwStruct w = flushWork[cpu];
                w.init(this::flushCpuSheaves, cpu); // INIT_QPW(&sfw->qpw, flush_cpu_sheaves, cpu)
                qpw.queue_percpu_work_on(self, cpu, "slub_flushwq", w);
                has[cpu] = true;
                queued++;
            }
            for (int cpu = 0; cpu < pcs.length; cpu++) {
                if (has[cpu]) qpw.flush_percpu_work(self, flushWork[cpu]);
            }
        } finally {
            flushLock.unlock(self);
        }
        return queued;
    }

    /** has_pcs_used(): a racy peek (READ_ONCE) at another CPU's sheaves, as in mainline. */
    private boolean hasPcsUsed(int cpu) {
        PerCpuSheaves p = pcs[cpu];
        return p.main.size > 0 || p.spare.size > 0;
    }

    /** flush_cpu_sheaves(work): pcs_flush_all(s, qpw_get_cpu(work)) under that CPU's lock. */
    private void flushCpuSheaves(Cpu self, QpwStruct w) {
        int cpu = qpw.qpw_get_cpu(self, w);
        qpw.qpw_lock(self, lock, cpu);
        if (access != null) access.check(self, qpw, lock, cpu);
        PerCpuSheaves p = pcs[cpu];
        node.flush(self.id(), p.main);
        node.flush(self.id(), p.spare);
        qpw.qpw_unlock(self, lock, cpu);
    }

    /** Objects in per-CPU sheaves (for the invariant; call when CPUs are stopped). */
    long inSheaves() {
        long n = 0;
        for (PerCpuSheaves p : pcs) n += p.main.size + p.spare.size;
        return n;
    }

    void checkInvariant(long heldByTasks, List<String> violations) {
        long total = node.total();
        long accounted = node.free() + inSheaves() + heldByTasks;
        if (total != accounted) {
            violations.add("slab: " + total + " objects allocated from the page allocator but " + accounted
                    + " accounted for (node free " + node.free() + " + sheaves " + inSheaves() + " + held by tasks " + heldByTasks + ")");
        }
    }

    public long totalObjects() {
        return node.total();
    }

    static final class Sheaf {
        final int[] objects = new int[SHEAF_CAPACITY];
        int size;
    }

    /** One CPU's slub_percpu_sheaves, padded so CPUs' fast paths do not share a line. */
    static final class PerCpuSheaves {
        @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
        Sheaf main = new Sheaf();
        Sheaf spare = new Sheaf();
        @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17;
    }

    /**
     * The node: partial slabs behind n->list_lock (a spinlock: a waiter spins, it never sleeps),
     * grown from the page allocator on demand.
     */
    static final class Node {
        private final YieldingSpinlock listLock = new YieldingSpinlock();
        private int[] free = new int[1024];
        private int nfree;
        private int total;

        int alloc(int cpu) {
            listLock.lock(cpu);
            try {
                if (nfree == 0) grow();
                return free[--nfree];
            } finally {
                listLock.unlock(cpu);
            }
        }

        void free(int cpu, int obj) {
            listLock.lock(cpu);
            try {
                push(obj);
            } finally {
                listLock.unlock(cpu);
            }
        }

        void refill(int cpu, Sheaf s) {
            listLock.lock(cpu);
            try {
                while (s.size < SHEAF_CAPACITY) {
                    if (nfree == 0) grow();
                    s.objects[s.size++] = free[--nfree];
                }
            } finally {
                listLock.unlock(cpu);
            }
        }

        void flush(int cpu, Sheaf s) {
            listLock.lock(cpu);
            try {
                for (int i = 0; i < s.size; i++) push(s.objects[i]);
                s.size = 0;
            } finally {
                listLock.unlock(cpu);
            }
        }

        private void push(int obj) {
            if (nfree == free.length) free = java.util.Arrays.copyOf(free, free.length * 2);
            free[nfree++] = obj;
        }

        private void grow() {
            for (int i = 0; i < OBJECTS_PER_SLAB; i++) push(total++);
        }

        /** Call with CPUs stopped. */
        long free() {
            return nfree;
        }

        /** Racy outside a stop; exact when CPUs are stopped. */
        long total() {
            return total;
        }
    }
}
