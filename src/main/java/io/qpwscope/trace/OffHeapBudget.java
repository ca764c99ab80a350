package io.qpwscope.trace;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much off-heap memory a live recording may hold. {@link LaneEvents} chunks come from
 * {@link java.lang.foreign.Arena#ofAuto()}, which the JDK counts against the direct-memory
 * limit ({@code -XX:MaxDirectMemorySize}, or the heap's maximum when that is 0), not against
 * RAM: past it, allocation throws {@link OutOfMemoryError} on the collector thread. So the
 * budget is half that limit (the other half covers dropped chunks waiting for the GC, and
 * other direct buffers), and never more than 90 % of a third of RAM.
 */
public final class OffHeapBudget {
    private OffHeapBudget() {
    }

    /** The JVM's direct-memory limit in bytes, as the JDK computes it. */
    public static long directLimit() {
        long v = 0;
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hs != null) v = Long.parseLong(hs.getVMOption("MaxDirectMemorySize").getValue());
        } catch (RuntimeException e) {
            v = 0; // not HotSpot, or the option is unknown: the JDK's own fallback below
        }
        return v > 0 ? v : Runtime.getRuntime().maxMemory();
    }

    /** Direct memory in use now (the "direct" buffer pool, which counts Arena.ofAuto segments). */
    public static long directUsed() {
        for (BufferPoolMXBean p : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(p.getName())) return p.getMemoryUsed();
        }
        return -1;
    }

    /** Physical RAM in bytes, or 0 if unknown. */
    public static long ram() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    /** The off-heap budget of a live recording: half the direct limit, at most a third of RAM. */
    public static long liveBudget() {
        return of(directLimit(), ram());
    }

    static long of(long directLimit, long ram) {
        long b = directLimit / 2;
        // 90 % of a third: the live lab's guard stops a run whose recording passes RAM/3
        return ram > 0 ? Math.min(b, ram / 3 / 10 * 9) : b;
    }
}
