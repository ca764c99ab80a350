package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.YieldingSpinlock;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A kmalloc-64 cache with SLUB per-CPU sheaves (slub_percpu_sheaves {lock; main; spare;
 * rcu_free}) and the per-node barn, converted to QPW: the fast paths take this CPU's
 * qpw_trylock_t with local_qpw_trylock.
 *
 * <ul>
 *   <li>Barn (node_barn): full and empty sheaves exchanged per node under barn->lock. An
 *       empty main with no full spare trades itself for a full sheaf from the barn
 *       (barn_replace_empty_sheaf), else is refilled from the node; a full main with no
 *       empty spare goes to the barn for an empty one (barn_replace_full_sheaf), unless the
 *       barn already holds MAX_FULL_SHEAVES, when it is flushed to the node.</li>
 *   <li>kfree_rcu: objects gather in the rcu_free sheaf; a full one is detached under the
 *       lock and handed to call_rcu after the unlock (__kfree_rcu_sheaf).</li>
 *   <li>kmem_cache_shrink -> flush_all queues flush_cpu_sheaves with queue_percpu_work_on;
 *       pcs_flush_all(s, cpu) detaches spare and rcu_free under the target's lock and frees
 *       them outside it, then sheaf_flush_main empties main in PCS_BATCH_MAX batches, taking
 *       the lock with a trylock per batch and dropping it while the batch goes back to the
 *       node; then the barn is shrunk.</li>
 *   <li>kvfree_rcu_barrier -> flush_rcu_sheaves_on_cache queues flush_rcu_sheaf on every CPU
 *       with queue_work_on, in both qpw modes: it relies on running on the owning CPU (no
 *       __kfree_rcu_sheaf can be between its unlock and its call_rcu there), which a remote
 *       qpw=1 execution would not give.</li>
 * </ul>
 *
 * <p>Objects are ints (their index in the cache); they really move between the per-CPU
 * sheaves, the barn, RCU, the node's free list and the tasks that hold them, and the total
 * is conserved.
 */
public final class SlabCache {
    /** s->sheaf_capacity for a 64-byte cache (calculate_sheaf_capacity: 60 below 256 bytes). */
    public static final int SHEAF_CAPACITY = 60;
    /** PCS_BATCH_MAX: objects sheaf_flush_main frees per lock hold. */
    static final int PCS_BATCH_MAX = 32;
    /** MAX_FULL_SHEAVES / MAX_EMPTY_SHEAVES of a barn. */
    static final int MAX_FULL_SHEAVES = 10;
    static final int MAX_EMPTY_SHEAVES = 10;
    /** Objects per slab (4 KiB / 64 B). */
    static final int OBJECTS_PER_SLAB = 64;

    private final Qpw qpw;
    final QpwLock lock;
    private final PerCpuSheaves[] pcs;
    private final QpwStruct[] flushWork;
    private final QpwStruct[] rcuFlushWork;
    private final Node node;
    private final Barn barn = new Barn();
    private final ConcurrentLinkedQueue<Sheaf> rcuPending = new ConcurrentLinkedQueue<>();
    private final SleepingMutex flushLock = new SleepingMutex();
    private final PerCpuAccess access;
    /** Mainline (unpatched) fast path: local_trylock/local_unlock, no QPW wrapper at all. */
    private final boolean unpatched;
    private final AtomicLong flushBatches = new AtomicLong();

    public SlabCache(Qpw qpw, int cpus, PerCpuAccess access) {
        this(qpw, cpus, access, false);
    }

    /** @param access null to skip the per-CPU access checks (benchmarks) */
    public SlabCache(Qpw qpw, int cpus, PerCpuAccess access, boolean unpatched) {
        this.qpw = qpw;
        this.unpatched = unpatched;
        this.access = access;
        this.lock = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, cpus);
        this.node = new Node(lock, cpus);
        this.pcs = new PerCpuSheaves[cpus];
        this.flushWork = new QpwStruct[cpus];
        this.rcuFlushWork = new QpwStruct[cpus];
        for (int c = 0; c < cpus; c++) {
            pcs[c] = new PerCpuSheaves();
            flushWork[c] = new QpwStruct(Site.WORK_SLUB_FLUSH);
            rcuFlushWork[c] = new QpwStruct(Site.WORK_SLUB_FLUSH);
        }
    }

    private boolean trylockLocal(Cpu self) {
        return unpatched ? qpw.local_trylock(self, lock) : qpw.local_qpw_trylock(self, lock);
    }

    private void unlockLocal(Cpu self) {
        if (unpatched) qpw.local_unlock(self, lock);
        else qpw.local_qpw_unlock(self, lock);
    }

    /** kmalloc(64, GFP_ATOMIC): alloc_from_pcs, or the slow path when the trylock fails. */
    public int kmalloc(Cpu self) {
        if (!trylockLocal(self)) {
            return node.alloc(self.id()); // ___slab_alloc: the per-CPU sheaves are busy (a remote flush holds them)
        }
        final int cpu = self.id();
        if (access != null) access.check(self, qpw, lock, cpu);
        final PerCpuSheaves p = pcs[cpu];
        if (p.main.size == 0) { // __pcs_replace_empty_main
            if (p.spare != null && p.spare.size > 0) {
                Sheaf empty = p.main;
                p.main = p.spare;
                p.spare = empty;
            } else {
                Sheaf full = barn.replaceEmpty(cpu, p.main);
                if (full != null) p.main = full;
                else node.refill(cpu, p.main);
            }
        }
        Sheaf main = p.main;
        int obj = main.objects[--main.size];
        unlockLocal(self);
        return obj;
    }

    /** kfree(obj): free_to_pcs, or straight to the node when the trylock fails. */
    public void kfree(Cpu self, int obj) {
        if (!trylockLocal(self)) {
            node.free(self.id(), obj);
            return;
        }
        final int cpu = self.id();
        if (access != null) access.check(self, qpw, lock, cpu);
        final PerCpuSheaves p = pcs[cpu];
        Sheaf toFlush = null;
        if (p.main.size == SHEAF_CAPACITY) { // __pcs_replace_full_main
            if (p.spare != null && p.spare.size == 0) {
                Sheaf full = p.main;
                p.main = p.spare;
                p.spare = full;
            } else {
                Sheaf empty = barn.replaceFull(cpu, p.main);
                if (empty != null) {
                    p.main = empty;
                } else { // barn full of full sheaves: this one goes back to the node, after the unlock
                    toFlush = p.main;
                    p.main = new Sheaf();
                }
            }
        }
        Sheaf main = p.main;
        main.objects[main.size++] = obj;
        unlockLocal(self);
        if (toFlush != null) node.flush(cpu, toFlush); // sheaf_flush_unused
    }

    /**
     * kfree_rcu(obj) -> __kfree_rcu_sheaf: into this CPU's rcu_free sheaf; a full one is
     * detached under the lock and given to call_rcu after the unlock. When the trylock fails
     * the object takes kvfree_rcu's other path (its own call_rcu).
     */
    public void kfreeRcu(Cpu self, int obj) {
        if (!trylockLocal(self)) {
            Sheaf one = new Sheaf();
            one.objects[one.size++] = obj;
            rcuPending.add(one);
            return;
        }
        final int cpu = self.id();
        if (access != null) access.check(self, qpw, lock, cpu);
        final PerCpuSheaves p = pcs[cpu];
        if (p.rcuFree == null) {
            Sheaf empty = barn.takeEmpty(cpu);
            p.rcuFree = empty != null ? empty : new Sheaf();
        }
        Sheaf r = p.rcuFree;
        r.objects[r.size++] = obj;
        Sheaf detached = null;
        if (r.size == SHEAF_CAPACITY) {
            detached = r;
            p.rcuFree = null;
        }
        unlockLocal(self);
        if (detached != null) rcuPending.add(detached); // call_rcu(&rcu_sheaf->rcu_head, rcu_free_sheaf)
    }

    /** kmem_cache_shrink(s) -> flush_all(s): drain every CPU's sheaves that has objects; then barn_shrink. */
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
        barn.shrink(self.id(), node); // __kmem_cache_shrink: barn_shrink(s, n->barn)
        return queued;
    }

    /** has_pcs_used(): a racy peek (READ_ONCE) at another CPU's sheaves, as in mainline. */
    private boolean hasPcsUsed(int cpu) {
        PerCpuSheaves p = pcs[cpu];
        Sheaf spare = p.spare, rcu = p.rcuFree;
        return p.main.size > 0 || spare != null && spare.size > 0 || rcu != null && rcu.size > 0;
    }

    /** flush_cpu_sheaves(work): pcs_flush_all(s, qpw_get_cpu(work)). */
    private void flushCpuSheaves(Cpu self, QpwStruct w) {
        int cpu = qpw.qpw_get_cpu(self, w);
        qpw.qpw_lock(self, lock, cpu);
        if (access != null) access.check(self, qpw, lock, cpu);
        PerCpuSheaves p = pcs[cpu];
        Sheaf spare = p.spare;
        p.spare = null;
        Sheaf rcuFree = p.rcuFree;
        p.rcuFree = null;
        qpw.qpw_unlock(self, lock, cpu);

        if (spare != null) node.flush(self.id(), spare); // sheaf_flush_unused + free_empty_sheaf, outside the lock
        if (rcuFree != null) rcuPending.add(rcuFree); // call_rcu(rcu_free_sheaf_nobarn)
        sheafFlushMain(self, cpu);
    }

    /** sheaf_flush_main(s, cpu): PCS_BATCH_MAX objects per trylock, freed with the lock dropped. */
    private void sheafFlushMain(Cpu self, int cpu) {
        int[] batchObjects = new int[PCS_BATCH_MAX];
        while (true) {
            if (!qpw.qpw_trylock(self, lock, cpu)) return; // the owner is in its fast path: leave the rest
            if (access != null) access.check(self, qpw, lock, cpu);
            Sheaf main = pcs[cpu].main;
            int batch = Math.min(PCS_BATCH_MAX, main.size);
            main.size -= batch;
            System.arraycopy(main.objects, main.size, batchObjects, 0, batch);
            int remaining = main.size;
            qpw.qpw_unlock(self, lock, cpu);
            node.freeBulk(self.id(), batchObjects, batch); // __kmem_cache_free_bulk
            flushBatches.incrementAndGet();
            if (remaining == 0) return;
        }
    }

    /**
     * kvfree_rcu_barrier() for this cache: flush_rcu_sheaves_on_cache (flush_rcu_sheaf on every
     * CPU, on that CPU, with queue_work_on), then rcu_barrier (every sheaf handed to call_rcu
     * so far is freed).
     */
    public void kvfreeRcuBarrier(Cpu self) {
        flushLock.lock(self);
        try {
            for (int cpu = 0; cpu < pcs.length; cpu++) {
                QpwStruct w = rcuFlushWork[cpu];
                w.init(this::flushRcuSheaf, cpu);
                qpw.queue_work_on(self, cpu, "slub_flushwq", w);
            }
            for (int cpu = 0; cpu < pcs.length; cpu++) qpw.flush_work(self, rcuFlushWork[cpu]);
        } finally {
            flushLock.unlock(self);
        }
        rcuBarrier(self);
    }

    /** flush_rcu_sheaf(work): on the owning CPU, detach rcu_free under the local lock, call_rcu outside it. */
    private void flushRcuSheaf(Cpu self, QpwStruct w) {
        int cpu = self.id();
        qpw.local_qpw_lock(self, lock);
        if (access != null) access.check(self, qpw, lock, cpu);
        PerCpuSheaves p = pcs[cpu];
        Sheaf rcuFree = p.rcuFree;
        p.rcuFree = null;
        qpw.local_qpw_unlock(self, lock);
        if (rcuFree != null) rcuPending.add(rcuFree);
    }

    /** rcu_barrier(): every callback queued so far has run: rcu_free_sheaf returns the objects. */
    void rcuBarrier(Cpu self) {
        Sheaf s;
        while ((s = rcuPending.poll()) != null) node.flush(self.id(), s);
    }

    /** sheaf_flush_main batches so far (each one lock hold). */
    long flushBatches() {
        return flushBatches.get();
    }

    /** Objects in the barn's full sheaves (exact when CPUs are stopped). */
    long barnObjects() {
        return barn.objects();
    }

    /** Objects handed to call_rcu and not yet freed (a racy peek). */
    long inRcu() {
        long n = 0;
        for (Sheaf s : rcuPending) n += s.size;
        return n;
    }

    /** Node free-list operations that ran while the caller held a sheaves lock. */
    long nodeOpsUnderSheavesLock() {
        return node.underPcsLock.get();
    }

    /** Objects in per-CPU sheaves (for the invariant; call when CPUs are stopped). */
    long inSheaves() {
        long n = 0;
        for (PerCpuSheaves p : pcs) {
            n += p.main.size;
            if (p.spare != null) n += p.spare.size;
            if (p.rcuFree != null) n += p.rcuFree.size;
        }
        return n;
    }

    void checkInvariant(long heldByTasks, List<String> violations) {
        long total = node.total();
        long accounted = node.free() + inSheaves() + barn.objects() + inRcu() + heldByTasks;
        if (total != accounted) {
            violations.add("slab: " + total + " objects allocated from the page allocator but " + accounted
                    + " accounted for (node free " + node.free() + " + sheaves " + inSheaves() + " + barn " + barn.objects()
                    + " + waiting for RCU " + inRcu() + " + held by tasks " + heldByTasks + ")");
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
        /** never null */
        Sheaf main = new Sheaf();
        /** empty or full, may be null */
        Sheaf spare = new Sheaf();
        /** for batching kfree_rcu(), may be null */
        Sheaf rcuFree;
        @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17;
    }

    /** node_barn: full and empty sheaves of one node behind barn->lock (a spinlock). */
    static final class Barn {
        private final YieldingSpinlock barnLock = new YieldingSpinlock();
        private final ArrayDeque<Sheaf> full = new ArrayDeque<>();
        private final ArrayDeque<Sheaf> empty = new ArrayDeque<>();
        private volatile long objects;

        /** barn_replace_empty_sheaf: a full sheaf for this empty one, or null (the empty one is kept). */
        Sheaf replaceEmpty(int cpu, Sheaf emptySheaf) {
            barnLock.lock(cpu);
            try {
                Sheaf f = full.poll();
                if (f == null) return null;
                objects -= f.size;
                if (empty.size() < MAX_EMPTY_SHEAVES) empty.push(emptySheaf); // else free_empty_sheaf
                return f;
            } finally {
                barnLock.unlock(cpu);
            }
        }

        /** barn_replace_full_sheaf: an empty sheaf for this full one, or null when the barn holds MAX_FULL_SHEAVES. */
        Sheaf replaceFull(int cpu, Sheaf fullSheaf) {
            barnLock.lock(cpu);
            try {
                if (full.size() >= MAX_FULL_SHEAVES) return null;
                full.push(fullSheaf);
                objects += fullSheaf.size;
                Sheaf e = empty.poll();
                return e != null ? e : new Sheaf(); // alloc_empty_sheaf
            } finally {
                barnLock.unlock(cpu);
            }
        }

        /** barn_get_empty_sheaf, or null. */
        Sheaf takeEmpty(int cpu) {
            barnLock.lock(cpu);
            try {
                return empty.poll();
            } finally {
                barnLock.unlock(cpu);
            }
        }

        /** barn_shrink: detach every sheaf under the lock, flush the full ones to the node outside it. */
        void shrink(int cpu, Node node) {
            List<Sheaf> fulls;
            barnLock.lock(cpu);
            try {
                fulls = List.copyOf(full);
                full.clear();
                empty.clear();
            } finally {
                barnLock.unlock(cpu);
            }
            for (Sheaf f : fulls) {
                long n = f.size;
                node.flush(cpu, f);
                objects -= n;
            }
        }

        /** Objects in full sheaves held by the barn (exact when CPUs are stopped). */
        long objects() {
            return objects;
        }
    }

    /**
     * The node: partial slabs behind n->list_lock (a spinlock: a waiter spins, it never sleeps),
     * grown from the page allocator on demand.
     */
    static final class Node {
        private final YieldingSpinlock listLock = new YieldingSpinlock();
        /** the sheaves' locks, to count frees made while holding one (spin mode) */
        private final QpwLock pcsLock;
        private final int cpus;
        final AtomicLong underPcsLock = new AtomicLong();

        Node(QpwLock pcsLock, int cpus) {
            this.pcsLock = pcsLock;
            this.cpus = cpus;
        }
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
            freeBulk(cpu, s.objects, s.size);
            s.size = 0;
        }

        void freeBulk(int cpu, int[] objects, int n) {
            if (ownsAnyPcsLock(cpu)) underPcsLock.incrementAndGet();
            listLock.lock(cpu);
            try {
                for (int i = 0; i < n; i++) push(objects[i]);
            } finally {
                listLock.unlock(cpu);
            }
        }

        private boolean ownsAnyPcsLock(int cpu) {
            for (int c = 0; c < cpus; c++) if (pcsLock.spinlock(c).owner() == cpu) return true;
            return false;
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
