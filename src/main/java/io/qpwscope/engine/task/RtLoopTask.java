package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The seed reproducer's thread: write() once to a file (leaving a folio in this CPU's
 * lru_add batch), then spin in {@code nrloops = nrloops + 2; nrloops--;} forever.
 */
public final class RtLoopTask extends LoopTask {
    private final boolean writeBeforeLoop;
    private final int blocksPerLoop;
    private static final VarHandle NRLOOPS;
    static {
        try {
            NRLOOPS = MethodHandles.lookup().findVarHandle(RtLoopTask.class, "nrloops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private long nrloops;

    public RtLoopTask(boolean fifo, boolean writeBeforeLoop) {
        this(fifo, writeBeforeLoop, 1);
    }

    /** @param blocksPerLoop how many blocks of 64 loop iterations one step runs (its length) */
    public RtLoopTask(boolean fifo, boolean writeBeforeLoop, int blocksPerLoop) {
        super(fifo);
        this.writeBeforeLoop = writeBeforeLoop;
        this.blocksPerLoop = Math.max(1, blocksPerLoop);
    }

    /** Without write()s its loop touches no lock: it may run on top of a preempted lock holder. */
    @Override
    public boolean lockFree() {
        return !writeBeforeLoop && !writes();
    }

    @Override
    public void init(Cpu self) {
        if (writeBeforeLoop) self.machine().mm.lru.folioAddLru(self);
        super.init(self);
    }

    @Override
    protected void body(Cpu self) {
        if (blocksPerLoop == 1) {
            long n = nrloops;
            for (int i = 0; i < 64; i++) {
                n = n + 2;
                n--;
            }
            nrloops = n;
            return;
        }
        // A longer iteration must take its length: every step goes through memory, as the
        // seed's global counter does, so the JIT cannot fold the loop into one addition.
        for (int i = 64 * blocksPerLoop; i > 0; i--) {
            long n = (long) NRLOOPS.getOpaque(this) + 2;
            NRLOOPS.setOpaque(this, n - 1);
        }
    }

    public long loops() {
        return nrloops;
    }

    @Override
    public String name() {
        return "rt-loop";
    }
}
