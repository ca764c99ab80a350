package io.qpwscope.ftrace.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * sched_setaffinity(2) and sched_setscheduler(2) for the calling thread through FFM (Linux), as the
 * seed's reproducer calls them: pin to one CPU, then SCHED_FIFO.
 */
final class NativeSched {
    private static final int SCHED_FIFO = 1;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SETAFFINITY = lookup("sched_setaffinity",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle SETSCHEDULER = lookup("sched_setscheduler",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private NativeSched() {}

    private static MethodHandle lookup(String name, FunctionDescriptor d) {
        try {
            return LINKER.defaultLookup().find(name).map(a -> LINKER.downcallHandle(a, d)).orElse(null);
        } catch (Throwable e) {
            return null;
        }
    }

    static boolean available() {
        return SETAFFINITY != null && SETSCHEDULER != null;
    }

    /** Pins the calling thread to {@code cpu} (0..1023). */
    static void pin(int cpu) {
        if (SETAFFINITY == null) throw new IllegalStateException("sched_setaffinity is not available");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(128, 8); // room for 1024 CPUs
            mask.set(ValueLayout.JAVA_LONG, 8L * (cpu / 64), 1L << (cpu % 64));
            int rc = (int) SETAFFINITY.invokeExact(0, 128L, mask);
            if (rc != 0) throw new IllegalStateException("sched_setaffinity to CPU " + cpu + " failed");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_setaffinity: " + e, e);
        }
    }

    /** Makes the calling thread SCHED_FIFO at {@code priority}. */
    static void fifo(int priority) {
        if (SETSCHEDULER == null) throw new IllegalStateException("sched_setscheduler is not available");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
            param.set(ValueLayout.JAVA_INT, 0, priority);
            int rc = (int) SETSCHEDULER.invokeExact(0, SCHED_FIFO, param);
            if (rc != 0) throw new IllegalStateException("sched_setscheduler(SCHED_FIFO, " + priority + ") failed (root needed)");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_setscheduler: " + e, e);
        }
    }
}
