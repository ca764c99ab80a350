package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuContexts;
import io.qpwscope.engine.CpuCounters;
import io.qpwscope.engine.Task;

/**
 * A task whose loop measures its own gaps, like the osnoise tracer's per-CPU thread: it reads
 * the clock every iteration, and a gap longer than {@link Cpu#NOISE_THRESHOLD_NS} between two
 * iterations is noise — whatever caused it (an interruption by a kworker, or the host OS
 * taking the thread's core).
 */
public abstract class LoopTask implements Task {
    private final boolean fifo;
    private long last, lastModelNs;
    private long writeEveryNs;
    private long nextWrite;
    private long periodNs;
    private int rtPriority = 1;

    protected LoopTask(boolean fifo) {
        this.fifo = fifo;
    }

    /** The reproducer's periodic write(): 0 = never. */
    public LoopTask writeEvery(long ns) {
        this.writeEveryNs = ns;
        return this;
    }

    /** Runs at most {@code loopsPerSec} iterations a second, blocking in between (0 = flat out). */
    public LoopTask pace(long loopsPerSec) {
        this.periodNs = loopsPerSec <= 0 ? 0 : Math.max(1, 1_000_000_000L / loopsPerSec);
        return this;
    }

    /** The SCHED_FIFO priority (1..99; ignored for other policies). */
    public LoopTask priority(int p) {
        this.rtPriority = p;
        return this;
    }

    @Override
    public int prio() {
        return CpuContexts.kernelPrio(fifo, rtPriority);
    }

    /** Does the loop write() (take the lru lock) besides its body? */
    protected boolean writes() {
        return writeEveryNs > 0;
    }

    @Override
    public long loopPeriodNs() {
        return periodNs;
    }

    @Override
    public void resumed(Cpu self) {
        last = self.now();
        lastModelNs = self.modelNs();
    }

    @Override
    public boolean fifo() {
        return fifo;
    }

    @Override
    public void init(Cpu self) {
        last = self.now();
        lastModelNs = self.modelNs();
        nextWrite = last + writeEveryNs;
    }

    @Override
    public final void step(Cpu self) {
        long now = self.now();
        long gap = now - last;
        if (gap > Cpu.NOISE_THRESHOLD_NS) self.recordNoise(now, gap, self.modelNs() - lastModelNs);
        if (writeEveryNs > 0 && now >= nextWrite) {
            self.machine().mm.lru.folioAddLru(self); // write(fd, buf): a page-cache folio on this CPU
            nextWrite = now + writeEveryNs;
        }
        body(self);
        self.counters().add(CpuCounters.TASK_LOOPS, 1);
        last = self.now();
        lastModelNs = self.modelNs();
    }

    /** One iteration of the task's real work. */
    protected abstract void body(Cpu self);
}
