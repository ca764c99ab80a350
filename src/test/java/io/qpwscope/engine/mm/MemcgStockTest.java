package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemcgStockTest {

    @Test
    void drainAllStockDrainsTheCallersCpuSynchronouslyQueuesOthersAndPassesIsolatedOnesOver() {
        Machine m = MmMachines.fourCpus(true, 0);
        MemcgStock memcg = m.mm.memcg;
        for (int c = 0; c < 4; c++) memcg.charge(m.cpu(c), 1); // every CPU now holds 63 pages of stock
        assertEquals(0, memcg.strandedPages(), "no drain has run: stock nobody tried to drain is not stranded");

        int skipped = memcg.drainAllStock(m.cpu(0));
        assertEquals(1, skipped, "isolated cpu3 is passed over");
        assertEquals(0, m.cpu(0).counters().workQueuedTo(), "the caller's own stock is drained in place, not queued");
        assertEquals(1, m.cpu(1).counters().workQueuedTo());
        assertEquals(1, m.cpu(2).counters().workQueuedTo());
        assertEquals(0, m.cpu(3).counters().workQueuedTo());
        assertEquals(MemcgStock.MEMCG_CHARGE_BATCH - 1, memcg.strandedPages(), "cpu3's stock is stranded");

        // a second drain before the kworkers ran: the FLUSHING bits keep it from queueing again
        memcg.drainAllStock(m.cpu(0));
        assertEquals(1, m.cpu(1).counters().workQueuedTo());

        for (int c = 1; c < 4; c++) m.cpu(c).preemptionPoint(); // the idle CPUs run their kworkers
        List<String> v = new ArrayList<>();
        memcg.checkInvariant(4, v);
        assertTrue(v.isEmpty(), v.toString());
        assertEquals(MemcgStock.MEMCG_CHARGE_BATCH - 1, memcg.strandedPages());
        assertEquals(2, memcg.drainsRun());
    }

    @Test
    void aDrainWhileAnotherHoldsTheMutexReturnsAtOnce() {
        Machine m = MmMachines.fourCpus(true, 0);
        MemcgStock memcg = m.mm.memcg;
        Cpu cpu1 = m.cpu(1);
        memcg.charge(cpu1, 1);
        int[] inner = new int[1];
        // cpu0 holds percpu_charge_mutex while cpu2 calls drain_all_stock (mutex_trylock fails)
        memcg.holdingChargeMutex(m.cpu(0), () -> inner[0] = memcg.drainAllStock(m.cpu(2)));
        assertEquals(-1, inner[0]);
        assertEquals(1, memcg.drainsBusy());
        assertEquals(0, cpu1.counters().workQueuedTo(), "the busy drain queued nothing");
    }
}
