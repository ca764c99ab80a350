package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;

/**
 * A process doing page-cache work: new folios into the lru_add batch, some re-accessed
 * (lru_activate), some rotated (lru_move_tail under lock_irq), and buffer-head lookups that
 * install into this CPU's bh_lru.
 */
public final class LruAddTask extends LoopTask {
    private final int opsPerLoop;
    private int iteration;

    public LruAddTask(boolean fifo, int opsPerLoop) {
        super(fifo);
        this.opsPerLoop = opsPerLoop;
    }

    @Override
    protected void body(Cpu self) {
        var mm = self.machine().mm;
        for (int i = 0; i < opsPerLoop; i++) {
            int k = iteration++;
            mm.lru.folioAddLru(self);
            if ((k & 3) == 0) mm.lru.folioActivate(self);
            if ((k & 7) == 0) mm.lru.folioRotate(self);
            if ((k & 15) == 0) mm.bh.install(self, k);
        }
    }

    @Override
    public String name() {
        return "lru-add";
    }
}
