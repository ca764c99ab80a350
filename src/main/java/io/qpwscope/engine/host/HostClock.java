package io.qpwscope.engine.host;

/**
 * A CPU thread's running account of its host time: a base reading, moved forward by cheap
 * periodic samples, so that any interval that ends now can be split against a recent start,
 * including one whose start was never read (a gap the thread's loop noticed only after it).
 *
 * <p><b>Sampling policy</b>: the thread calls {@link #sampleIfDue(long)} with a
 * {@code nanoTime} it already has, at its preemption points; a sample is taken when at least
 * {@code periodNs} (default 1 ms) passed since the last one. Time-based rather than every N
 * loops because loop lengths vary by orders of magnitude between workloads; 1 ms bounds
 * both the cost (one schedstat pread + one CPU-clock read, a few µs, per ms: ≤ 0.5 %) and
 * how far a gap's window can reach before the gap (≤ 1 ms + the loop's own step).
 *
 * <p><b>Why the window bounds the gap</b>: a gap [g0, g1] lies within the window
 * [base, now] (base ≤ g0 as the base is only moved by this thread, before g0 or at a
 * previous gap's end; now ≥ g1). Run-queue wait only accumulates, so
 * {@code wait(window) = wait(before gap) + wait(gap) + wait(after gap) ≥ wait(gap)}: the
 * window's steal is an upper bound of the gap's. If the thread was switched in at most once
 * over the window ({@code Δslices ≤ 1}) it waited on a run queue at most once, and that one
 * wait is the gap the loop saw (any other would have been a gap of its own): then all the
 * window's steal is the gap's, and the bound is the value. The same holds for pause caused
 * by blocking (a switch too); pause the scheduler clock lost without a switch (hypervisor
 * steal on a VM) stays a bound.
 *
 * <p>Every window the base moves over is added to the {@link HostAccount}, so the account is
 * contiguous: its totals split the wall time since the clock was opened.
 *
 * <p>Single owner: the CPU thread that opened it; not thread-safe.
 */
public final class HostClock implements AutoCloseable {
    public static final long DEFAULT_PERIOD_NS = 1_000_000;

    private final HostTimeReader reader;
    private final long periodNs;
    private final HostReading base = new HostReading();
    private final HostReading now = new HostReading();
    private final HostAccount account = new HostAccount();
    private final Thread owner = Thread.currentThread();
    private long nextDueNs;
    private HostSplit lastWindow = HostSplit.ZERO;
    /** The last {@value #BASES} bases: wall, and the account's steal, pause and the slices at each. */
    private static final int BASES = 16;
    private final long[] baseWall = new long[BASES];
    private final long[] baseSteal = new long[BASES];
    private final long[] basePause = new long[BASES];
    private final long[] baseSlices = new long[BASES];
    private int bases;
    /** ns the owner parked by design since the clock was opened (see {@link #slept}). */
    private long sleptNs;

    public HostClock(HostTimeReader reader, long periodNs) {
        this.reader = reader;
        this.periodNs = periodNs;
        reader.read(base);
        nextDueNs = base.wallNs + periodNs;
        remember();
    }

    private void remember() {
        int i = bases++ % BASES;
        baseWall[i] = base.wallNs;
        baseSteal[i] = account.stealNs();
        basePause[i] = account.pauseNs();
        baseSlices[i] = base.slices;
    }

    /** @return ring slot of the latest remembered base at or before {@code wallNs} (the oldest if none is). */
    private int baseAtOrBefore(long wallNs) {
        int oldest = Math.max(0, bases - BASES);
        for (int k = bases - 1; k >= oldest; k--) {
            if (baseWall[k % BASES] <= wallNs) return k % BASES;
        }
        return oldest % BASES;
    }

    /** Opens a clock for the calling thread with the default 1 ms period. */
    public static HostClock openCurrentThread(HostTime host) {
        return new HostClock(host.openCurrentThread(), DEFAULT_PERIOD_NS);
    }

    public HostSource source() {
        return reader.source();
    }

    /**
     * The periodic call: one compare when not due.
     *
     * @param nowNs a {@link System#nanoTime()} the caller already read
     * @return true if a sample was taken ({@link #lastWindow()} then holds its split)
     */
    public boolean sampleIfDue(long nowNs) {
        if (nowNs < nextDueNs) return false;
        sample();
        return true;
    }

    /** Samples now: splits [base, now], accounts it, moves the base to now. */
    public HostSplit sample() {
        assert sameThread();
        reader.read(now);
        now.sleptNs = sleptNs;
        return advance();
    }

    private HostSplit advance() {
        HostSplit w = HostSplit.between(base, now);
        account.add(w);
        lastWindow = w;
        base.copyFrom(now);
        nextDueNs = now.wallNs + periodNs;
        remember();
        return w;
    }

    /**
     * The cheap check: @return true if the thread has not been switched in since the last
     * sample, i.e. steal and pause since then are exactly 0 (false when unknown).
     */
    public boolean quietSinceSample() {
        long s = reader.slices();
        return s >= 0 && s == base.slices;
    }

    /** The scheduler's clock against nanoTime over a switch on this VM (unstable TSC): up to ~10 µs; twice that. */
    static final long EXACT_SKEW_NS = 25_000;

    /**
     * Splits a gap the thread's loop has just detected, against the window [base, now]
     * (see the class doc), then moves the base to now. Call it right after the gap. The
     * window starts at the latest base at or before the gap's start, so a sample or an
     * interval edge taken inside the gap (an interruption's) does not cut the window short;
     * the clock remembers its last 16 bases for this.
     *
     * @param gapStartNs {@code nanoTime} the loop read before the gap
     * @param gapEndNs {@code nanoTime} the loop read after it
     */
    public GapSplit splitGap(long gapStartNs, long gapEndNs) {
        assert sameThread();
        int from = baseAtOrBefore(gapStartNs);
        long fromWall = baseWall[from], fromSteal = baseSteal[from], fromPause = basePause[from];
        long fromSlices = baseSlices[from];
        reader.read(now);
        now.sleptNs = sleptNs;
        long switches = fromSlices < 0 || now.slices < 0 ? -1 : now.slices - fromSlices;
        advance();
        long windowSteal = account.stealNs() - fromSteal;
        long windowPause = account.pauseNs() - fromPause;
        long gap = Math.max(0, gapEndNs - gapStartNs);
        long steal = Math.min(windowSteal, gap);
        long pause = Math.min(windowPause, gap - steal);
        HostSplit split = new HostSplit(gap, gap - steal - pause, steal, pause);
        // exact: one switch in the window, and its wait fits in the gap (a switch-out inside the
        // sample's own read, just before the window's wall edge, puts a wait outside the gap)
        boolean exact = switches >= 0 && switches <= 1 && windowSteal <= gap + EXACT_SKEW_NS;
        return new GapSplit(split, now.wallNs - fromWall, switches, exact);
    }

    /**
     * The owner parked on purpose for {@code ns} (an idle CPU, a paced task between iterations,
     * a sleeping wait): not host time, whatever the scheduler counts (see {@link HostSplit#of(long, long, long, long)}).
     */
    public void slept(long ns) {
        if (ns > 0) sleptNs += ns;
    }

    /** @return the split of the window the last sample (or gap split) closed. */
    public HostSplit lastWindow() {
        return lastWindow;
    }

    /** @return the totals since the clock was opened (readable from any thread). */
    public HostAccount account() {
        return account;
    }

    private boolean sameThread() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void close() {
        reader.close();
    }
}
