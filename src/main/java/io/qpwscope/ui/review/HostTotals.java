package io.qpwscope.ui.review;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;

/**
 * What the host took in a recording, for the compare table: the steal + pause of its host
 * samples as a share of their windows (worst CPU), and the isolated CPUs' interruptions split
 * into kernel and host parts by their HOST_SPLIT companions. One pass reading the meta
 * column; a companion splits the record just before it (see
 * {@link io.qpwscope.trace.decode.SpanSink#hostSplit}).
 *
 * @param worstHostShare   largest per-CPU (steal + pause) / sampled window, NaN without samples
 * @param worstCpu         that CPU, -1 without samples
 * @param isolatedInterruptionHostNs  host part of the isolated CPUs' interruptions
 * @param isolatedInterruptionNs      their wall time
 * @param isolatedInterruptionKernelMaxNs longest kernel part of one of them
 */
public record HostTotals(double worstHostShare, int worstCpu, long isolatedInterruptionHostNs,
                         long isolatedInterruptionNs, long isolatedInterruptionKernelMaxNs) {

    public static HostTotals of(Recording rec) {
        double worst = Double.NaN;
        int worstCpu = -1;
        long intrHost = 0, intrWall = 0, kernelMax = 0;
        int hostCode = EventType.HOST_SPLIT.code, intrCode = EventType.INTERRUPTION.code;
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            boolean iso = rec.meta().isolated(c);
            long taken = 0, window = 0;
            int n = lane.size();
            long pendingWall = -1;
            for (int i = lane.firstIndex(); i < n; i++) {
                long meta = lane.meta(i);
                int type = TraceDescriptor.type(meta);
                if (type == hostCode) {
                    long payload = lane.payload(i);
                    if (TraceDescriptor.fn(meta) == 0) {
                        taken += TraceDescriptor.hostSteal(payload) + TraceDescriptor.hostPause(meta);
                        window += TraceDescriptor.hostWindow(payload);
                    } else if (pendingWall >= 0 && TraceDescriptor.fn(meta) == intrCode) {
                        long host = Math.min(pendingWall, TraceDescriptor.hostSteal(payload) + TraceDescriptor.hostPause(meta));
                        intrHost += host;
                        kernelMax = Math.max(kernelMax, pendingWall - host);
                        pendingWall = -1;
                    }
                    continue;
                }
                if (pendingWall >= 0) kernelMax = Math.max(kernelMax, pendingWall);
                pendingWall = -1;
                if (type == intrCode && iso) {
                    pendingWall = Math.max(0, lane.payload(i));
                    intrWall += pendingWall;
                }
            }
            if (pendingWall >= 0) kernelMax = Math.max(kernelMax, pendingWall);
            if (window > 0) {
                double share = (double) taken / window;
                if (Double.isNaN(worst) || share > worst) {
                    worst = share;
                    worstCpu = c;
                }
            }
        }
        return new HostTotals(worst, worstCpu, intrHost, intrWall, kernelMax);
    }
}
