package io.qpwscope.engine.host;

/**
 * The steady per-CPU sample for lanes: each CPU thread calls {@link #poll(long)} at its
 * preemption points; about every {@link HostClock#DEFAULT_PERIOD_NS 1 ms} it returns the
 * steal since the previous sample (and {@link #lastPauseNs()} the pause), which the second
 * step emits as a trace event so that a lane can be shaded by host steal (see the package
 * documentation for the record). {@code engine.CpuHost} wires one into every CPU thread.
 *
 * <p>Owner thread only, except {@link #account()}, which any thread may read.
 */
public final class StealSampler implements AutoCloseable {
    /** {@link #poll(long)}'s answer when no sample was due. */
    public static final long NOT_DUE = -1;

    private final HostClock clock;

    public StealSampler(HostClock clock) {
        this.clock = clock;
    }

    /** For the calling CPU thread, on this process's host source, every 1 ms. */
    public static StealSampler openCurrentThread() {
        return new StealSampler(HostClock.openCurrentThread(HostTime.system()));
    }

    /**
     * @param nowNs a {@link System#nanoTime()} the caller already read
     * @return steal ns since the previous sample, or {@link #NOT_DUE} (a compare, no call)
     */
    public long poll(long nowNs) {
        return clock.sampleIfDue(nowNs) ? clock.lastWindow().stealNs() : NOT_DUE;
    }

    /** @return pause ns of the window the last due {@link #poll} closed. */
    public long lastPauseNs() {
        return clock.lastWindow().pauseNs();
    }

    /** @return wall ns of the window the last due {@link #poll} closed. */
    public long lastWallNs() {
        return clock.lastWindow().wallNs();
    }

    /** @return the clock, for splitting a gap the CPU's loop detected. */
    public HostClock clock() {
        return clock;
    }

    /** @return per-CPU totals since the sampler was opened: total steal, pause, largest steal. */
    public HostAccount account() {
        return clock.account();
    }

    @Override
    public void close() {
        clock.close();
    }
}
