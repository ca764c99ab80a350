package io.qpwscope.engine.host;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-CPU totals of {@link HostSplit}s since boot: written by the CPU's own thread only,
 * read by anyone (summaries, a UI refresh) without locks. Each total is published with a
 * release store and read with an acquire load, so a reader sees every total at least as
 * fresh as the interval count it read first; totals of one snapshot may be one interval
 * apart, which is fine for figures.
 */
public final class HostAccount {
    private static final VarHandle WALL, KERNEL, STEAL, PAUSE, INTERVALS, STEAL_MAX;
    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WALL = l.findVarHandle(HostAccount.class, "wallNs", long.class);
            KERNEL = l.findVarHandle(HostAccount.class, "kernelNs", long.class);
            STEAL = l.findVarHandle(HostAccount.class, "stealNs", long.class);
            PAUSE = l.findVarHandle(HostAccount.class, "pauseNs", long.class);
            INTERVALS = l.findVarHandle(HostAccount.class, "intervals", long.class);
            STEAL_MAX = l.findVarHandle(HostAccount.class, "stealMaxNs", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long wallNs;
    private long kernelNs;
    private long stealNs;
    private long pauseNs;
    private long intervals;
    private long stealMaxNs;

    /** Owner thread only. */
    public void add(HostSplit s) {
        add(s.wallNs(), s.kernelNs(), s.stealNs(), s.pauseNs());
    }

    /** Owner thread only; the four values must form a split (wall = kernel + steal + pause). */
    public void add(long wall, long kernel, long steal, long pause) {
        // release: a reader that sees the new count sees the totals written before it
        WALL.setRelease(this, wallNs + wall);
        KERNEL.setRelease(this, kernelNs + kernel);
        STEAL.setRelease(this, stealNs + steal);
        PAUSE.setRelease(this, pauseNs + pause);
        if (steal > stealMaxNs) STEAL_MAX.setRelease(this, steal);
        INTERVALS.setRelease(this, intervals + 1);
    }

    public long wallNs() { return (long) WALL.getAcquire(this); }
    public long kernelNs() { return (long) KERNEL.getAcquire(this); }
    public long stealNs() { return (long) STEAL.getAcquire(this); }
    public long pauseNs() { return (long) PAUSE.getAcquire(this); }
    public long intervals() { return (long) INTERVALS.getAcquire(this); }
    /** @return the largest steal of one interval. */
    public long stealMaxNs() { return (long) STEAL_MAX.getAcquire(this); }

    /**
     * @return the totals as one split; wall is taken as the sum of the three parts read, so the
     * snapshot is a valid split even while the owner is adding (exact once it stopped)
     */
    public HostSplit total() {
        long pause = pauseNs(), steal = stealNs(), kernel = kernelNs();
        return new HostSplit(kernel + steal + pause, kernel, steal, pause);
    }
}
