package io.qpwscope.trace.decode;

import io.qpwscope.trace.LaneEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * The interruptions of one lane, each with the gap the interrupted task's own loop measured
 * (the NOISE record that accounts for it, see {@link SpanType#NOISE}; 0 if none did) and the
 * host's share of it (the HOST_SPLIT companion of its INTERRUPTION record, see
 * {@link SpanSink#hostSplit}; 0 when there is none: the host did not deschedule the thread,
 * or the recording has no host time).
 */
public final class Interruptions {
    /**
     * @param atNs      ts of the INTERRUPTION record (when the task got the CPU back)
     * @param offCpuNs  ns the task was off CPU
     * @param taskGapNs gap the task's loop saw (0 if no NOISE accounts for it)
     * @param queuedBy  CPU that queued the work
     * @param fn        work {@link io.qpwscope.trace.Site} code
     * @param stealNs   of {@code offCpuNs}, ns the CPU's thread waited for a host core
     * @param pauseNs   of {@code offCpuNs}, ns the CPU's thread was otherwise off its host core
     */
    public record Entry(long atNs, long offCpuNs, long taskGapNs, int queuedBy, int fn, long stealNs, long pauseNs) {
        /** An interruption the host took nothing from. */
        public Entry(long atNs, long offCpuNs, long taskGapNs, int queuedBy, int fn) {
            this(atNs, offCpuNs, taskGapNs, queuedBy, fn, 0, 0);
        }

        /** @return the model's part: {@code offCpuNs - stealNs - pauseNs}. */
        public long kernelNs() {
            return offCpuNs - stealNs - pauseNs;
        }
    }

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
                        out.set((int) k, new Entry(e.atNs(), e.offCpuNs(), value, e.queuedBy(), e.fn(), e.stealNs(),
                                e.pauseNs()));
                    }
                }
            }
        }

        @Override
        public void hostSplit(SpanType of, long start, long end, int measuredCpu, long stealNs, long pauseNs, int index) {
            // the companion follows its INTERRUPTION record: it splits the latest entry
            if (of != SpanType.INTERRUPTION || seen > out.size() || out.isEmpty()) return;
            int k = out.size() - 1;
            Entry e = out.get(k);
            long steal = Math.min(stealNs, e.offCpuNs());
            long pause = Math.min(pauseNs, e.offCpuNs() - steal);
            out.set(k, new Entry(e.atNs(), e.offCpuNs(), e.taskGapNs(), e.queuedBy(), e.fn(), steal, pause));
        }

        public List<Entry> entries() {
            return List.copyOf(out);
        }
    }
}
