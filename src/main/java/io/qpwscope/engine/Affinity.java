package io.qpwscope.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Pins the calling thread to one physical core with sched_setaffinity(2) through the FFM
 * API (Linux only). Used only when there are at least as many cores as emulated CPUs: 4
 * emulated CPUs on 2 cores cannot be pinned honestly, and summaries say so.
 */
final class Affinity {
    private static final MethodHandle SCHED_SETAFFINITY = lookup("sched_setaffinity");
    private static final MethodHandle SCHED_GETAFFINITY = lookup("sched_getaffinity");

    private Affinity() {}

    private static MethodHandle lookup(String name) {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(name)
                    .map(addr -> linker.downcallHandle(addr, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (Throwable e) {
            return null;
        }
    }

    static boolean available() {
        return SCHED_SETAFFINITY != null;
    }

    /**
     * @return true if the kernel accepted the mask and sched_getaffinity reads back exactly
     * that one core (what the thread is really allowed to run on, not what was asked)
     */
    static boolean pinCurrentThread(int core) {
        if (SCHED_SETAFFINITY == null || core < 0 || core >= 64) return false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(ValueLayout.JAVA_LONG);
            mask.set(ValueLayout.JAVA_LONG, 0, 1L << core);
            if ((int) SCHED_SETAFFINITY.invokeExact(0, 8L, mask) != 0) return false;
        } catch (Throwable e) {
            return false;
        }
        return currentMask() == 1L << core;
    }

    /**
     * @return the calling thread's affinity mask over CPUs 0-63 from sched_getaffinity, or 0
     * if it cannot be read (no such call, or CPUs beyond 63 in the set)
     */
    static long currentMask() {
        if (SCHED_GETAFFINITY == null) return 0;
        try (Arena arena = Arena.ofConfined()) {
            // the kernel refuses a buffer smaller than its cpumask: ask with 1024 CPUs' worth
            MemorySegment mask = arena.allocate(128, 8);
            if ((int) SCHED_GETAFFINITY.invokeExact(0, 128L, mask) < 0) return 0;
            for (long off = 8; off < 128; off += 8) {
                if (mask.get(ValueLayout.JAVA_LONG, off) != 0) return 0;
            }
            return mask.get(ValueLayout.JAVA_LONG, 0);
        } catch (Throwable e) {
            return 0;
        }
    }
}
