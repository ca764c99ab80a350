package io.qpwscope.engine.host;

/**
 * The host's part of a gap a CPU thread's loop detected after the fact (see
 * {@link HostClock#splitGap}).
 *
 * @param split the gap's wall split into kernel / steal / pause, each bounded by what the
 *              host clocks saw over the enclosing window (last sample .. now)
 * @param windowNs length of that window (≥ the gap)
 * @param switches times the thread was switched in over the window
 * @param exact whether the gap's steal is its own rather than an upper bound: the thread
 *              was switched in at most once in the window (switches ≤ 1) and the window's
 *              run-queue wait fits in the gap (within the clocks' skew), so it is the gap's. Pause is always a bound: time the guest's
 *              scheduler clock lost (hypervisor steal, see the package doc) needs no switch
 */
public record GapSplit(HostSplit split, long windowNs, long switches, boolean exact) {}
