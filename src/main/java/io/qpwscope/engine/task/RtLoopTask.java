package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;

/**
 * The seed reproducer's thread: write() once to a file (leaving a folio in this CPU's
 * lru_add batch), then spin in {@code nrloops = nrloops + 2; nrloops--;} forever.
 */
public final class RtLoopTask extends LoopTask {
    private final boolean writeBeforeLoop;
    private long nrloops;

    public RtLoopTask(boolean fifo, boolean writeBeforeLoop) {
        super(fifo);
        this.writeBeforeLoop = writeBeforeLoop;
    }

    @Override
    public void init(Cpu self) {
        if (writeBeforeLoop) self.machine().mm.lru.folioAddLru(self);
        super.init(self);
    }

    @Override
    protected void body(Cpu self) {
        long n = nrloops;
        for (int i = 0; i < 64; i++) {
            n = n + 2;
            n--;
        }
        nrloops = n;
    }

    public long loops() {
        return nrloops;
    }

    @Override
    public String name() {
        return "rt-loop";
    }
}
