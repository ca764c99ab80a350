package io.qpwscope.trace.decode;

import io.qpwscope.trace.LaneEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * The interruptions of one lane, each with the gap the interrupted task's own loop measured
 * (the NOISE record that accounts for it, see {@link SpanType#NOISE}; 0 if none did).
 */
public final class Interruptions {
    /**
     * @param atNs      ts of the INTERRUPTION record (when the task got the CPU back)
     * @param offCpuNs  ns the task was off CPU
     * @param taskGapNs gap the task's loop saw (0 if no NOISE accounts for it)
     * @param queuedBy  CPU that queued the work
     * @param fn        work {@link io.qpwscope.trace.Site} code
     */
    public record Entry(long atNs, long offCpuNs, long taskGapNs, int queuedBy, int fn) {}

    private Interruptions() {}

    /** @return the lane's first {@code limit} interruptions in time order. */
    public static List<Entry> of(LaneEvents lane, int limit) {
        Collector c = new Collector(limit);
        LaneDecoder.decode(lane, c);
        return c.entries();
    }

    /** Collects interruptions from a decoder's spans and fills in their gaps as NOISE spans arrive. */
    public static final class Collector implements SpanSink {
        private final int limit;
        private final List<Entry> out = new ArrayList<>();
        private long seen;

        public Collector(int limit) {
            this.limit = limit;
        }

        @Override
        public void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags,
                         int index) {
            if (type == SpanType.INTERRUPTION) {
                seen++;
                if (out.size() < limit) out.add(new Entry(end, value, 0, peer, fn));
            } else if (type == SpanType.NOISE) {
                for (long k = seen - attr; k < seen; k++) {
                    if (k < out.size()) {
                        Entry e = out.get((int) k);
                        out.set((int) k, new Entry(e.atNs(), e.offCpuNs(), value, e.queuedBy(), e.fn()));
                    }
                }
            }
        }

        public List<Entry> entries() {
            return List.copyOf(out);
        }
    }
}
