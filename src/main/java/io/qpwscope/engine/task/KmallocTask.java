package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuCounters;

/**
 * kmalloc/kfree loop: allocates {@code opsPerLoop} 64-byte objects through this CPU's
 * sheaves, then frees them, timing the fast paths per QPW mode.
 */
public final class KmallocTask extends LoopTask {
    private final int[] held;
    private int nheld;

    public KmallocTask(boolean fifo, int opsPerLoop) {
        super(fifo);
        this.held = new int[opsPerLoop];
    }

    @Override
    protected void body(Cpu self) {
        var slab = self.machine().mm.slab;
        final int n = held.length;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            held[i] = slab.kmalloc(self);
            nheld++;
        }
        for (int i = n - 1; i >= 0; i--) {
            slab.kfree(self, held[i]);
            nheld--;
        }
        long dt = System.nanoTime() - t0;
        boolean spin = self.machine().qpw.spinMode();
        self.counters().add(spin ? CpuCounters.FAST_PATH_OPS_QPW1 : CpuCounters.FAST_PATH_OPS_QPW0, 2L * n);
        self.counters().add(spin ? CpuCounters.FAST_PATH_NS_QPW1 : CpuCounters.FAST_PATH_NS_QPW0, dt);
    }

    /** Objects this task holds right now (0 between iterations). */
    public int held() {
        return nheld;
    }

    @Override
    public String name() {
        return "kmalloc";
    }
}
