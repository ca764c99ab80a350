package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;

/**
 * kmalloc/kfree loop: allocates {@code opsPerLoop} 64-byte objects through this CPU's
 * sheaves, then frees them. The fast-path figure is not timed here (this loop is traced and
 * paced): the task calibrates the machine's {@link io.qpwscope.engine.FastPathCalibration}
 * before its loop starts, again once the JIT has settled, and after every mode switch — in
 * the loop body, so that the calibration is the task's own work, never noise.
 */
public final class KmallocTask extends LoopTask {
    /** Re-calibrate once this long after the first (boot-time) calibration: the JIT has settled. */
    static final long SETTLED_NS = 500_000_000L;

    private final int[] held;
    private int nheld;
    private boolean lastSpinMode;
    private long settledAt;

    public KmallocTask(boolean fifo, int opsPerLoop) {
        super(fifo);
        this.held = new int[opsPerLoop];
    }

    @Override
    public void init(Cpu self) {
        self.machine().fastPath().calibrate();
        lastSpinMode = self.machine().qpw.spinMode();
        settledAt = self.now() + SETTLED_NS;
        super.init(self);
    }

    @Override
    protected void body(Cpu self) {
        var slab = self.machine().mm.slab;
        final int n = held.length;
        for (int i = 0; i < n; i++) {
            held[i] = slab.kmalloc(self);
            nheld++;
        }
        for (int i = n - 1; i >= 0; i--) {
            slab.kfree(self, held[i]);
            nheld--;
        }
        boolean spin = self.machine().qpw.spinMode();
        if (spin != lastSpinMode || (settledAt != 0 && self.now() >= settledAt)) {
            lastSpinMode = spin;
            settledAt = 0;
            self.machine().fastPath().calibrate();
        }
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
