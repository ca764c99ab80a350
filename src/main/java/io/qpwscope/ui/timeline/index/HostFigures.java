package io.qpwscope.ui.timeline.index;

import java.util.Arrays;

/**
 * What the dashboard shows about the host and the kernel of a live run, from the timeline's
 * index (a few times a second, not per event): per-CPU share of wall time the host took
 * (steal + pause of its samples over the last {@code windowNs}), the worst CPU, and the
 * isolated CPUs' longest interruption and noise gap, kernel part and wall.
 *
 * @param hostShare     per CPU, steal + pause over the sampled part of the window (0..1), NaN without samples
 * @param stealShare    per CPU, steal alone, likewise
 * @param worstCpu      the CPU with the largest {@code hostShare}, -1 if no CPU has samples
 * @param windowNs      the window the shares are over (ending at the index's end)
 */
public record HostFigures(double[] hostShare, double[] stealShare, int worstCpu, long windowNs,
                          long isolatedInterruptionKernelMaxNs, long isolatedInterruptionWallMaxNs,
                          long isolatedNoiseKernelMaxNs, long isolatedNoiseWallMaxNs) {

    public static HostFigures compute(TimelineIndex index, long windowNs) {
        int n = index.cpus();
        double[] host = new double[n], steal = new double[n];
        Arrays.fill(host, Double.NaN);
        Arrays.fill(steal, Double.NaN);
        long t1 = index.endTs(), t0 = Math.max(index.startTs(), t1 - windowNs);
        int worst = -1;
        long ik = 0, iw = 0, nk = 0, nw = 0;
        for (int c = 0; c < n; c++) {
            long[] s = SelectionStats.samples(index, c, t0, t1);
            if (s[2] > 0) {
                host[c] = (double) (s[0] + s[1]) / s[2];
                steal[c] = (double) s[0] / s[2];
                if (worst < 0 || host[c] > host[worst]) worst = c;
            }
            if (index.source().isolated(c)) {
                LaneIndex l = index.lane(c);
                ik = Math.max(ik, l.interruptionKernelMaxNs());
                iw = Math.max(iw, l.interruptionWallMaxNs());
                nk = Math.max(nk, l.noiseKernelMaxNs());
                nw = Math.max(nw, l.noiseWallMaxNs());
            }
        }
        return new HostFigures(host, steal, worst, t1 - t0, ik, iw, nk, nw);
    }

    /** @return the worst CPU's host share (0..1), NaN if no CPU has samples. */
    public double worstShare() {
        return worstCpu < 0 ? Double.NaN : hostShare[worstCpu];
    }
}
