package io.qpwscope.engine.host;

/**
 * One reading of a thread's host clocks at an instant, reused by its owner so that sampling
 * does not allocate. Counters are cumulative since the thread started; only differences
 * between two readings of the same thread mean anything.
 */
public final class HostReading {
    /** Not measured by the current source. */
    public static final long UNKNOWN = -1;

    long wallNs;
    long runNs = UNKNOWN;
    long waitNs = UNKNOWN;
    long slices = UNKNOWN;
    /** The owner's count of ns parked by design ({@link HostClock#slept}) up to this reading. */
    long sleptNs;

    /** @return {@link System#nanoTime()} at the reading. */
    public long wallNs() { return wallNs; }
    /** @return ns the thread has been on a host core, or {@link #UNKNOWN}. */
    public long runNs() { return runNs; }
    /** @return ns the thread has been runnable on a run queue without a core, or {@link #UNKNOWN}. */
    public long waitNs() { return waitNs; }
    /** @return times the thread was switched in (schedstat pcount; rusage: context switches), or {@link #UNKNOWN}. */
    public long slices() { return slices; }

    void set(long wallNs, long runNs, long waitNs, long slices) {
        this.wallNs = wallNs;
        this.runNs = runNs;
        this.waitNs = waitNs;
        this.slices = slices;
    }

    void copyFrom(HostReading o) {
        set(o.wallNs, o.runNs, o.waitNs, o.slices);
        sleptNs = o.sleptNs;
    }

    @Override
    public String toString() {
        return "HostReading[wall=" + wallNs + " run=" + runNs + " wait=" + waitNs + " slices=" + slices + "]";
    }
}
