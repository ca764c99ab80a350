package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuCounters;
import io.qpwscope.engine.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlabCacheTest {
    private static final int CAP = SlabCache.SHEAF_CAPACITY;

    private static void allocAndFree(SlabCache slab, Cpu cpu, int n) {
        int[] held = new int[n];
        for (int i = 0; i < n; i++) held[i] = slab.kmalloc(cpu);
        for (int i = n - 1; i >= 0; i--) slab.kfree(cpu, held[i]);
    }

    @Test
    @Timeout(30)
    void aRemoteFlushDetachesUnderTheLockFreesOutsideItAndEmptiesMainInPcsBatchMaxBatches() {
        Machine m = MmMachines.fourCpus(true, 1);
        SlabCache slab = m.mm.slab;
        allocAndFree(slab, m.cpu(1), CAP); // cpu1's main sheaf is full
        assertEquals(1, slab.flushAll(m.cpu(0)), "flush_cpu_sheaves for cpu1 only");
        assertEquals((CAP + SlabCache.PCS_BATCH_MAX - 1) / SlabCache.PCS_BATCH_MAX, slab.flushBatches(),
                "sheaf_flush_main takes the lock once per PCS_BATCH_MAX objects");
        assertEquals(0, slab.nodeOpsUnderSheavesLock(), "objects go back to the node with cpu1's lock dropped");
        assertEquals(0, slab.inSheaves());
        invariant(slab);
    }

    @Test
    @Timeout(30)
    void fullAndEmptySheavesAreExchangedThroughTheBarn() {
        Machine m = MmMachines.fourCpus(true, 1); // qpw=1: the shrink at the end drains in the caller
        SlabCache slab = m.mm.slab;
        allocAndFree(slab, m.cpu(1), 3 * CAP); // main and spare full, one more full sheaf in the barn
        assertEquals(CAP, slab.barnObjects(), "barn_replace_full_sheaf took cpu1's third full sheaf");
        long total = slab.totalObjects();
        int obj = slab.kmalloc(m.cpu(2)); // cpu2's empty main is traded for the barn's full sheaf
        assertEquals(0, slab.barnObjects());
        assertEquals(total, slab.totalObjects(), "no new slab: the object came from cpu1's frees via the barn");
        slab.kfree(m.cpu(2), obj);
        invariant(slab);
        slab.flushAll(m.cpu(0));
        assertEquals(0, slab.inSheaves() + slab.barnObjects(), "shrink empties the sheaves and the barn");
        invariant(slab);
    }

    @Test
    @Timeout(30)
    void kvfreeRcuBarrierFlushesEveryRcuFreeSheafOnItsOwnCpuEvenWithQpw1() throws Exception {
        Machine m = MmMachines.fourCpus(true, 1);
        SlabCache slab = m.mm.slab;
        Cpu cpu1 = m.cpu(1);
        int n = CAP + 5;
        int[] objs = new int[n];
        for (int i = 0; i < n; i++) objs[i] = slab.kmalloc(cpu1);
        for (int i = 0; i < n; i++) slab.kfreeRcu(cpu1, objs[i]);
        assertEquals(CAP, slab.inRcu(), "the full rcu_free sheaf went to call_rcu");
        invariant(slab);
        try (LruCacheTest.Driver d1 = new LruCacheTest.Driver(cpu1);
             LruCacheTest.Driver d2 = new LruCacheTest.Driver(m.cpu(2));
             LruCacheTest.Driver d3 = new LruCacheTest.Driver(m.cpu(3))) {
            slab.kvfreeRcuBarrier(m.cpu(0));
        }
        assertEquals(1, cpu1.counters().workQueuedTo(), "flush_rcu_sheaf is queued to cpu1, not run remotely");
        assertEquals(1, cpu1.counters().get(CpuCounters.WORK_EXECUTED_ON), "and ran there");
        assertEquals(0, slab.inRcu(), "rcu_barrier: every sheaf handed to call_rcu was freed");
        invariant(slab);
    }

    private static void invariant(SlabCache slab) {
        List<String> v = new ArrayList<>();
        slab.checkInvariant(0, v);
        assertTrue(v.isEmpty(), v.toString());
    }
}
