package io.qpwscope.engine.host;

import java.util.function.LongSupplier;

/**
 * How often the host stalls a thread that never gives up its core: the calling thread reads the
 * clock back to back for a while and counts the stretches between two reads longer than
 * {@link #MIN_GAP_NS}, while its own schedstat says what the guest kernel saw (run time, run-queue
 * wait). On bare metal or a VM that reports steal, the gaps are about what schedstat saw; on a VM
 * whose hypervisor hides steal they are not, and the difference is host time an emulated CPU
 * cannot see (see {@code io.qpwscope.engine.Cpu}'s unseen-gap watch, which this measures the need for).
 */
public final class HostGapProbe {
    /** Shorter stretches are the loop itself, cache misses and timer ticks. */
    public static final long MIN_GAP_NS = 5_000;
    /** Upper edges of the histogram's buckets; the last bucket is everything longer. */
    static final long[] BUCKET_EDGES_NS = {10_000, 20_000, 50_000, 100_000, 200_000, 1_000_000};

    /**
     * @param wallNs         how long the probe ran
     * @param guest          what schedstat saw of it (kernel = on a core), or null without schedstat
     * @param gaps           stretches longer than {@link #MIN_GAP_NS}
     * @param gapTotalNs     their total
     * @param gapMaxNs       the longest
     * @param histogram      counts per bucket: 5–10, 10–20, 20–50, 50–100, 100–200, 200–1000 µs, &gt; 1 ms
     * @param unseenNs       gap time beyond what the guest saw as steal and pause (0 without schedstat)
     */
    public record Result(long wallNs, HostSplit guest, long gaps, long gapTotalNs, long gapMaxNs, long[] histogram,
                         long unseenNs) {
        public double gapsPerSecond() {
            return wallNs <= 0 ? 0 : gaps * 1e9 / wallNs;
        }

        public double gapShare() {
            return wallNs <= 0 ? 0 : (double) gapTotalNs / wallNs;
        }
    }

    private HostGapProbe() {
    }

    /** Probes on the calling thread for {@code durationNs}. */
    public static Result run(long durationNs) {
        HostReading a = new HostReading(), b = new HostReading();
        try (HostTimeReader r = HostTime.system().openCurrentThread()) {
            boolean ok = r.read(a);
            Result raw = loop(System::nanoTime, durationNs);
            ok &= r.read(b);
            HostSplit guest = ok && r.source() == HostSource.SCHEDSTAT ? HostSplit.between(a, b) : null;
            long seen = guest == null ? 0 : guest.stealNs() + guest.pauseNs();
            long unseen = guest == null ? 0 : Math.max(0, raw.gapTotalNs() - seen);
            return new Result(raw.wallNs(), guest, raw.gaps(), raw.gapTotalNs(), raw.gapMaxNs(), raw.histogram(), unseen);
        }
    }

    /** The loop, on any clock (tests give it a scripted one). */
    static Result loop(LongSupplier clock, long durationNs) {
        long[] hist = new long[BUCKET_EDGES_NS.length + 1];
        long t0 = clock.getAsLong(), prev = t0, end = t0 + durationNs;
        long gaps = 0, total = 0, max = 0;
        while (true) {
            long t = clock.getAsLong();
            long d = t - prev;
            prev = t;
            if (d > MIN_GAP_NS) {
                gaps++;
                total += d;
                max = Math.max(max, d);
                int k = 0;
                while (k < BUCKET_EDGES_NS.length && d > BUCKET_EDGES_NS[k]) k++;
                hist[k]++;
            }
            if (t - end >= 0) break;
        }
        return new Result(prev - t0, null, gaps, total, max, hist, 0);
    }
}
