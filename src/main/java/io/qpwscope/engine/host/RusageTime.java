package io.qpwscope.engine.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link HostSource#RUSAGE}: {@code getrusage(RUSAGE_THREAD)} of the calling thread, so it can
 * only be read by the thread that opened it. Run = user + system time (µs resolution);
 * wait is unknown; slices = voluntary + involuntary context switches, which like pcount
 * stays unchanged exactly when the thread never left its core.
 */
final class RusageTime implements HostTimeReader {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment ru = Libc.allocateRusage(arena);

    @Override
    public HostSource source() {
        return HostSource.RUSAGE;
    }

    @Override
    public boolean read(HostReading into) {
        long wall = System.nanoTime();
        if (!Libc.getrusageThread(ru)) {
            into.set(wall, HostReading.UNKNOWN, HostReading.UNKNOWN, HostReading.UNKNOWN);
            return false;
        }
        into.set(wall, timevalNs(Libc.RU_UTIME_OFFSET) + timevalNs(Libc.RU_STIME_OFFSET), HostReading.UNKNOWN,
                switches());
        return true;
    }

    private long timevalNs(long offset) {
        return ru.get(ValueLayout.JAVA_LONG, offset) * 1_000_000_000L + ru.get(ValueLayout.JAVA_LONG, offset + 8) * 1_000L;
    }

    private long switches() {
        return ru.get(ValueLayout.JAVA_LONG, Libc.RU_NVCSW_OFFSET) + ru.get(ValueLayout.JAVA_LONG, Libc.RU_NIVCSW_OFFSET);
    }

    @Override
    public long slices() {
        return Libc.getrusageThread(ru) ? switches() : HostReading.UNKNOWN;
    }

    @Override
    public void close() {
        arena.close();
    }
}
