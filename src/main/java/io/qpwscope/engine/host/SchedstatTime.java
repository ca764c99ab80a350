package io.qpwscope.engine.host;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * {@link HostSource#SCHEDSTAT}: wait and slices from the thread's {@link ThreadSchedStat},
 * on-core time from its CPU clock ({@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}, which
 * the kernel brings up to date for a running thread, unlike schedstat's first field).
 *
 * <p>Order within one reading: wall, CPU clock, schedstat. A host preemption that falls
 * between these three calls (a window of a few µs) is counted at this edge rather than the
 * interval it belongs to; {@link HostSplit#of} clamps so that sums stay exact.
 */
final class SchedstatTime implements HostTimeReader {
    private final ThreadSchedStat stat;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment ts = arena.allocate(Libc.TIMESPEC_BYTES, 8);
    private final int clockId;

    private SchedstatTime(ThreadSchedStat stat, int clockId) {
        this.stat = stat;
        this.clockId = clockId;
    }

    /** For the calling thread. */
    static SchedstatTime openCurrentThread(Path procRoot) throws IOException {
        return new SchedstatTime(ThreadSchedStat.openCurrentThread(procRoot), Libc.CLOCK_THREAD_CPUTIME_ID);
    }

    /** For another thread of this process, by TID. */
    static SchedstatTime openThread(Path procRoot, int tid) throws IOException {
        return new SchedstatTime(ThreadSchedStat.openThread(procRoot, tid), Libc.threadCpuClockId(tid));
    }

    @Override
    public HostSource source() {
        return HostSource.SCHEDSTAT;
    }

    @Override
    public boolean read(HostReading into) {
        long wall = System.nanoTime();
        long run = Libc.clockGettime(clockId, ts);
        if (!stat.read()) {
            into.set(wall, HostReading.UNKNOWN, HostReading.UNKNOWN, HostReading.UNKNOWN);
            return false;
        }
        into.set(wall, run >= 0 ? run : stat.runNs(), stat.waitNs(), stat.slices());
        return true;
    }

    @Override
    public long slices() {
        return stat.read() ? stat.slices() : HostReading.UNKNOWN;
    }

    @Override
    public void close() {
        try {
            stat.close();
        } catch (IOException ignored) {
            // a /proc file: nothing was written, nothing to lose
        }
        arena.close();
    }
}
