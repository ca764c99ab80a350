package io.qpwscope.ui.timeline.index;

/**
 * What the timeline reads: per-CPU lanes of 24-byte trace records in non-decreasing ts order
 * (see {@link io.qpwscope.trace.TraceDescriptor}). The renderer owns this interface so that
 * it can be fed by a live {@link io.qpwscope.trace.Recording}, a loaded file or a test.
 *
 * <p>Implementations are appended to by one writer thread and read by the FX thread: a
 * reader may read every index below a {@link #size(int)} it has observed.
 */
public interface TimelineSource {
    /** @return number of lanes (emulated CPUs). */
    int cpus();

    /** @return whether the CPU is isolated (nohz_full / isolcpus=nohz). */
    boolean isolated(int cpu);

    /** @return the costs the engine modelled rather than measured (for splitting an interruption's kernel part). */
    default ModelledCosts modelledCosts() {
        return ModelledCosts.DEFAULT;
    }

    /** @return published event count of a lane. */
    int size(int cpu);

    /**
     * @return the oldest event a lane still holds: a live recording's rolling window drops its
     *         oldest events, which are then read as the oldest held one (never throws). 0 for
     *         sources that keep everything.
     */
    default int firstIndex(int cpu) { return 0; }

    long ts(int cpu, int index);

    long meta(int cpu, int index);

    long payload(int cpu, int index);

    /** @return the first index in the lane whose ts is {@code >= t}, or size if none. */
    int lowerBound(int cpu, long t);

    /**
     * Copies records [from, from + count) of a lane into {@code dst}, three longs per record
     * (ts, meta, payload). Sources with a bulk copy override this.
     */
    default void readRows(int cpu, int from, long[] dst, int count) {
        for (int k = 0; k < count; k++) {
            dst[3 * k] = ts(cpu, from + k);
            dst[3 * k + 1] = meta(cpu, from + k);
            dst[3 * k + 2] = payload(cpu, from + k);
        }
    }
}
