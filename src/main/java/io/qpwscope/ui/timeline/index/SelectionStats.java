package io.qpwscope.ui.timeline.index;

import io.qpwscope.trace.decode.LaneDecoder;
import io.qpwscope.trace.decode.SpanType;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics of a selected time range, per CPU: records, lock operations and hold times,
 * remote holds of the CPU's lock, spin waits, interruptions and noise, work run. Sums come
 * from the prefix sums; maxima of lock holds are scanned when the range holds at most
 * {@link #MAX_SCAN} records per lane (else reported as unknown, -1).
 */
public final class SelectionStats {
    static final int MAX_SCAN = 4_000_000;

    /**
     * @param maxLockHoldNs       longest local hold, or -1 if the range was too large to scan
     * @param interruptionHostNs  of {@code interruptionNs}, what the host took (steal + pause of split interruptions)
     * @param interruptionKernelMaxNs longest kernel part (wall less host) of an interruption
     * @param hostStealNs         steal of the host samples, pro rata of their windows inside the range
     * @param hostPauseNs         pause of the host samples, likewise
     * @param hostSampledNs       how much of the range host samples cover (0: no samples)
     */
    public record Lane(int cpu, boolean isolated, long records, long lockOps, long spinLockOps, long lockHeldNs,
                       long maxLockHoldNs, long remoteOps, long heldByRemote, long heldByRemoteNs,
                       long heldByRemoteMaxNs, long spinWaits, long spinMaxNs, long interruptions,
                       long interruptionNs, long interruptionMaxNs, long noise, long noiseMaxNs,
                       long workInline, long workKworker, long flushWaitMaxNs, long queued,
                       long interruptionHostNs, long interruptionKernelMaxNs, long hostStealNs, long hostPauseNs,
                       long hostSampledNs) {
        /** @return interruption time that was the kernel's (wall less host). */
        public long interruptionKernelNs() {
            return interruptionNs - interruptionHostNs;
        }

        /** @return the host's share (steal + pause) of the sampled part of the range, 0..1, or NaN without samples. */
        public double hostShare() {
            return hostSampledNs <= 0 ? Double.NaN : (double) (hostStealNs + hostPauseNs) / hostSampledNs;
        }
    }

    public record Result(long startNs, long endNs, List<Lane> lanes) {
        public long totalInterruptionsOnIsolated() {
            long n = 0;
            for (Lane l : lanes) if (l.isolated) n += l.interruptions;
            return n;
        }
    }

    private SelectionStats() {}

    public static Result compute(TimelineIndex index, long t0, long t1) {
        TimelineSource src = index.source();
        List<Lane> out = new ArrayList<>();
        long[] a = new long[DenseField.COUNT], b = new long[DenseField.COUNT];
        long[] heldBy = new long[index.cpus()], heldByNs = new long[index.cpus()], heldByMax = new long[index.cpus()];
        for (int l = 0; l < index.cpus(); l++) {
            SpanTable st = index.lane(l).spans();
            for (int i = st.firstEndingAtOrAfter(t0); i < st.size(); i++) {
                if (st.end(i) > t1) break;
                if (st.start(i) < t0 || st.kind(i) != SpanKind.REMOTE_HOLDING) continue;
                int owner = st.peer(i);
                if (owner < 0 || owner >= heldBy.length) continue;
                long d = st.end(i) - st.start(i);
                heldBy[owner]++;
                heldByNs[owner] += d;
                heldByMax[owner] = Math.max(heldByMax[owner], d);
            }
        }
        for (int l = 0; l < index.cpus(); l++) {
            LaneIndex li = index.lane(l);
            int n = li.indexed();
            int i0 = PixelSummary.lowerBound(src, l, t0, Math.min(li.heldFrom(), n), n);
            int i1 = PixelSummary.lowerBound(src, l, t1, i0, n);
            li.cumulativeAt(src, i0, a);
            li.cumulativeAt(src, i1, b);
            long maxHold = i1 - i0 <= MAX_SCAN ? maxHold(src, l, i0, i1) : -1;
            long spin = 0, spinMax = 0, intr = 0, intrNs = 0, intrMax = 0, noise = 0, noiseMax = 0;
            long inline = 0, kworker = 0, flushMax = 0, intrHost = 0, intrKernelMax = 0;
            SpanTable st = li.spans();
            HostSplits hs = li.hostSplits();
            for (int i = st.firstEndingAtOrAfter(t0); i < st.size(); i++) {
                long e = st.end(i);
                if (e > t1) break;
                long d = e - st.start(i);
                if (st.start(i) < t0) continue;
                switch (st.kind(i)) {
                    case SPIN -> { spin++; spinMax = Math.max(spinMax, d); }
                    case INTERRUPTION -> {
                        intr++;
                        intrNs += d;
                        intrMax = Math.max(intrMax, d);
                        int k = hs.find(i);
                        long host = k < 0 ? 0 : Math.min(d, hs.steal(k) + hs.pause(k));
                        intrHost += host;
                        intrKernelMax = Math.max(intrKernelMax, d - host);
                    }
                    case NOISE -> { noise++; noiseMax = Math.max(noiseMax, d); }
                    case WORK_INLINE -> inline++;
                    case WORK_KWORKER -> kworker++;
                    case FLUSH_WAIT -> flushMax = Math.max(flushMax, d);
                    default -> { }
                }
            }
            long[] host = samples(index, l, t0, t1);
            QueueTable q = li.queued();
            long queued = q.lowerBound(t1) - q.lowerBound(t0);
            out.add(new Lane(l, src.isolated(l), i1 - i0,
                    b[DenseField.LOCK_OPS] - a[DenseField.LOCK_OPS],
                    b[DenseField.SPIN_LOCK_OPS] - a[DenseField.SPIN_LOCK_OPS],
                    b[DenseField.LOCK_NS] - a[DenseField.LOCK_NS], maxHold,
                    b[DenseField.REMOTE_OPS] - a[DenseField.REMOTE_OPS],
                    heldBy[l], heldByNs[l], heldByMax[l], spin, spinMax, intr, intrNs, intrMax, noise, noiseMax,
                    inline, kworker, flushMax, queued, intrHost, intrKernelMax, host[0], host[1], host[2]));
        }
        return new Result(t0, t1, List.copyOf(out));
    }

    /**
     * @return {steal, pause, covered} ns of the host samples measuring CPU {@code cpu}, each
     *         sample counted pro rata of the part of its window inside [t0, t1]
     */
    static long[] samples(TimelineIndex index, int cpu, long t0, long t1) {
        long[] out = new long[3];
        for (int l = 0; l < index.cpus(); l++) {
            SpanTable st = index.lane(l).samples();
            int limit = st.limitFor(t1);
            for (int i = st.firstEndingAtOrAfter(t0); i < limit; i++) {
                int measured = st.peer(i) >= 0 ? st.peer(i) : l;
                long s = st.start(i), e = st.end(i);
                long in = Math.min(e, t1) - Math.max(s, t0);
                if (measured != cpu || in <= 0 || e <= s) continue;
                double f = (double) in / (e - s);
                out[0] += Math.round(LaneIndex.sampleSteal(st.value(i)) * f);
                out[1] += Math.round(LaneIndex.samplePause(st.value(i)) * f);
                out[2] += in;
            }
        }
        return out;
    }

    /** @return the longest local lock hold the decoder finds in events [i0, i1) of the lane. */
    private static long maxHold(TimelineSource src, int lane, int i0, int i1) {
        long[] max = {0};
        LaneDecoder d = new LaneDecoder((type, start, end, peer, fn, attr, value, depth, flags, index) -> {
            if (type == SpanType.LOCK_LOCAL && value > max[0]) max[0] = value;
        });
        if (i0 < i1) d.skip(i0, src.ts(lane, i0), LaneDecoder.TASK_UNKNOWN);
        for (int i = i0; i < i1; i++) d.event(src.ts(lane, i), src.meta(lane, i), src.payload(lane, i));
        return max[0];
    }
}
