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
    private static final MethodHandle SCHED_SETAFFINITY = lookup();

    private Affinity() {}

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("sched_setaffinity")
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

    /** @return true if the kernel accepted the mask. */
    static boolean pinCurrentThread(int core) {
        if (SCHED_SETAFFINITY == null || core < 0 || core >= 64) return false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(ValueLayout.JAVA_LONG);
            mask.set(ValueLayout.JAVA_LONG, 0, 1L << core);
            return (int) SCHED_SETAFFINITY.invokeExact(0, 8L, mask) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
