package io.qpwscope.engine.host;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The two libc calls the host-time readers need, through the FFM API: {@code gettid()} and
 * {@code getrusage(RUSAGE_THREAD)}. Either handle is null where the C library lacks it
 * (macOS has no RUSAGE_THREAD and no gettid; Windows has neither), and callers fall back.
 */
final class Libc {
    /** {@code RUSAGE_THREAD} from {@code <sys/resource.h>} on Linux. */
    static final int RUSAGE_THREAD = 1;

    /**
     * {@code struct rusage} on LP64 Linux: two {@code struct timeval} (16 bytes each), then
     * fourteen longs; {@code ru_nvcsw} is the 13th, {@code ru_nivcsw} the 14th.
     */
    static final long RUSAGE_BYTES = 144;
    static final long RU_UTIME_OFFSET = 0;
    static final long RU_STIME_OFFSET = 16;
    static final long RU_NVCSW_OFFSET = 32 + 12 * 8;
    static final long RU_NIVCSW_OFFSET = 32 + 13 * 8;

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase().startsWith("linux");
    private static final MethodHandle GETTID = find("gettid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle GETRUSAGE = find("getrusage",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle CLOCK_GETTIME = find("clock_gettime",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** {@code CLOCK_THREAD_CPUTIME_ID}: the calling thread's CPU clock. */
    static final int CLOCK_THREAD_CPUTIME_ID = 3;
    /** {@code struct timespec}: tv_sec then tv_nsec, two longs. */
    static final long TIMESPEC_BYTES = 16;

    private Libc() {}

    private static MethodHandle find(String name, FunctionDescriptor fd) {
        if (!LINUX) return null;
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(name).map(a -> linker.downcallHandle(a, fd)).orElse(null);
        } catch (Throwable e) {
            return null;
        }
    }

    /** @return the calling thread's kernel thread id, or -1 where there is none to be had. */
    static int gettid() {
        if (GETTID == null) return -1;
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable e) {
            return -1;
        }
    }

    static boolean rusageAvailable() {
        return GETRUSAGE != null;
    }

    /** Fills {@code into} (at least {@link #RUSAGE_BYTES}) for the calling thread; @return false on failure. */
    static boolean getrusageThread(MemorySegment into) {
        if (GETRUSAGE == null) return false;
        try {
            return (int) GETRUSAGE.invokeExact(RUSAGE_THREAD, into) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    static boolean clockAvailable() {
        return CLOCK_GETTIME != null;
    }

    /**
     * The CPU clock id of another thread of this process, as glibc's
     * {@code pthread_getcpuclockid} builds it: {@code MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)}
     * = {@code (~tid << 3) | CPUCLOCK_PERTHREAD_MASK (4) | CPUCLOCK_SCHED (2)}.
     */
    static int threadCpuClockId(int tid) {
        return (~tid << 3) | 6;
    }

    /** @return ns on {@code clockId}, read into {@code ts} (a {@link #TIMESPEC_BYTES} segment), or -1. */
    static long clockGettime(int clockId, MemorySegment ts) {
        if (CLOCK_GETTIME == null) return -1;
        try {
            if ((int) CLOCK_GETTIME.invokeExact(clockId, ts) != 0) return -1;
        } catch (Throwable e) {
            return -1;
        }
        return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    }

    static MemorySegment allocateRusage(Arena arena) {
        return arena.allocate(RUSAGE_BYTES, 8);
    }
}
