package io.qpwscope.engine.host;

/**
 * An interval of wall time split by what the host did with the CPU thread meanwhile:
 * {@code wallNs = kernelNs + stealNs + pauseNs}, exactly, every component ≥ 0.
 *
 * <ul>
 *   <li>{@code kernelNs}: the thread was on a host core (Δ on-core time), or parked on purpose
 *       (an idle CPU, a paced task, a sleeping flush: {@link HostClock#slept}): the model's part;</li>
 *   <li>{@code stealNs}: runnable but waiting for a host core (Δ run-queue wait);</li>
 *   <li>{@code pauseNs}: neither: blocked although a CPU thread never sleeps by design (JVM
 *       safepoints and GC, page faults that sleep): the residual.</li>
 * </ul>
 *
 * <p>Rounding ({@link #of}): the on-core clock (the scheduler's clock) and
 * {@link System#nanoTime()} (CLOCK_MONOTONIC) are read a fraction of a µs apart at each edge
 * and run at slightly different rates, so the residual {@code wall − Δrun − Δwait} is a few
 * hundred ns either way even when nothing happened. A residual within
 * {@link #TOLERANCE_NS} (2 µs) is that noise and goes to <b>kernel</b>: a real pause costs a
 * switch out and back in, several µs at least, and calling noise a pause would invent one
 * in every interval. A larger positive residual is pause. When {@code Δrun + Δwait} exceeds
 * wall (a host preemption fell between the reads at one edge and is counted in Δwait but
 * outside the wall edges) Δrun is capped at wall first and Δwait at what is left, so steal
 * absorbs the overlap: it is the component the misaligned edge inflated.
 */
public record HostSplit(long wallNs, long kernelNs, long stealNs, long pauseNs) {
    /** Residuals within ±2 µs are clock noise and are kept in kernel; see the class doc. */
    public static final long TOLERANCE_NS = 2_000;

    public static final HostSplit ZERO = new HostSplit(0, 0, 0, 0);

    public HostSplit {
        if (wallNs < 0 || kernelNs < 0 || stealNs < 0 || pauseNs < 0 || kernelNs + stealNs + pauseNs != wallNs) {
            throw new IllegalArgumentException("not a split: wall " + wallNs + " = kernel " + kernelNs + " + steal "
                    + stealNs + " + pause " + pauseNs);
        }
    }

    /**
     * Splits a wall interval given the changes of on-core time and run-queue wait over it.
     *
     * @param dRunNs Δ on-core ns, or negative if unknown (source UNKNOWN: all kernel)
     * @param dWaitNs Δ run-queue wait ns, or negative if unknown (source RUSAGE: everything
     *                off core is counted as steal, an upper bound that includes pause)
     */
    public static HostSplit of(long wallNs, long dRunNs, long dWaitNs) {
        return of(wallNs, dRunNs, dWaitNs, 0);
    }

    /**
     * Same, for an interval in which the thread also slept by design for {@code dSleptNs}
     * (an idle CPU, a paced task between iterations, a sleeping flush: parked on purpose).
     * That time is the model's: it is taken out of what would otherwise be the residual
     * (pause, or with an unknown Δwait, steal) and counted with the kernel part, which then
     * reads "the model's part: on a core, or asleep by design".
     */
    public static HostSplit of(long wallNs, long dRunNs, long dWaitNs, long dSleptNs) {
        long wall = Math.max(0, wallNs);
        if (dRunNs < 0) return new HostSplit(wall, wall, 0, 0);
        long kernel = Math.min(dRunNs, wall);
        long slept = Math.max(0, dSleptNs);
        long steal = dWaitNs < 0 ? Math.max(0, wall - kernel - slept) : Math.min(dWaitNs, wall - kernel);
        long pause = Math.max(0, wall - kernel - steal - slept);
        if (pause <= TOLERANCE_NS) pause = 0;
        return new HostSplit(wall, wall - steal - pause, steal, pause);
    }

    /** Splits the interval between two readings of the same thread. */
    public static HostSplit between(HostReading start, HostReading end) {
        long wall = end.wallNs - start.wallNs;
        long dRun = start.runNs < 0 || end.runNs < 0 ? -1 : end.runNs - start.runNs;
        long dWait = start.waitNs < 0 || end.waitNs < 0 ? -1 : end.waitNs - start.waitNs;
        return of(wall, dRun, dWait, end.sleptNs - start.sleptNs);
    }

    /** @return the host's share: steal + pause. */
    public long hostNs() {
        return stealNs + pauseNs;
    }
}
