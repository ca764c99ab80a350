package io.qpwscope.ftrace.capture;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed's low-latency loop: pinned to one CPU, SCHED_FIFO priority 1, writes a file (so the CPU has
 * pages in its LRU batches for lru_add_drain_all to drain), then spins. Unlike the seed it ends by
 * itself at its deadline; RT throttling (sched_rt_runtime_us) keeps the machine usable meanwhile.
 */
final class FifoLoop implements Runnable {
    static final String NAME = "qpw-fifo-loop";
    private final int cpu;
    private final long deadlineNanos;
    private final Path scratch;
    private volatile Throwable failure;
    private volatile long spins;
    private volatile boolean stopped;

    /** @param deadlineNanos System.nanoTime() at which the loop returns */
    FifoLoop(int cpu, long deadlineNanos, Path scratch) {
        this.cpu = cpu;
        this.deadlineNanos = deadlineNanos;
        this.scratch = scratch;
    }

    @Override
    public void run() {
        try {
            NativeSched.pin(cpu);
            NativeSched.fifo(1);
            Files.writeString(scratch, "xxxxxxxxxxx");
            final long deadline = deadlineNanos;
            long n = 0;
            while (System.nanoTime() - deadline < 0 && !stopped) n++;
            spins = n;
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Ends the loop before its deadline (a cancelled capture). */
    void stop() {
        stopped = true;
    }

    /** Why the loop could not run (null if it ran). */
    Throwable failure() {
        return failure;
    }

    long spins() {
        return spins;
    }
}
