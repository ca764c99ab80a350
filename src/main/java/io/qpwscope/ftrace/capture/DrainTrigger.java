package io.qpwscope.ftrace.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires a real lru_add_drain_all from one CPU: writes 1 to /proc/sys/vm/compact_memory (compaction
 * drains every CPU's LRU batches first) every period until the deadline. A write blocks while the
 * kernel flushes the drain work of a CPU whose kworker cannot run: that wait is the flush wait.
 */
final class DrainTrigger implements Runnable {
    static final String NAME = "qpw-drain";
    static final Path COMPACT_MEMORY = Path.of("/proc/sys/vm/compact_memory");
    private final int cpu;
    private final long deadlineNanos, periodNanos;
    private volatile Throwable failure;
    private volatile int fired;
    private volatile boolean stopped;
    private volatile Thread thread;

    DrainTrigger(int cpu, long deadlineNanos, long periodNanos) {
        this.cpu = cpu;
        this.deadlineNanos = deadlineNanos;
        this.periodNanos = periodNanos;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            NativeSched.pin(cpu);
            long next = System.nanoTime();
            while (next - deadlineNanos < 0 && !stopped) {
                fire();
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(Math.min(wait, Math.max(0, deadlineNanos - System.nanoTime())));
                if (Thread.currentThread().isInterrupted()) return;
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void fire() throws IOException {
        Files.writeString(COMPACT_MEMORY, "1");
        fired++;
    }

    /** No more triggers after the one in progress (a cancelled capture). */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    Throwable failure() {
        return failure;
    }

    /** Writes done. */
    int fired() {
        return fired;
    }
}
