package io.qpwscope.ui.timeline.index;

/**
 * Where the things worth jumping to are in an index: the last drain (a trigger and the work
 * it caused, wherever that ran) and the last interruption.
 */
public final class Landmarks {
    private Landmarks() {}

    /**
     * @return {start, end} of the most recent trigger, extended to the end of the work it
     *         queued (a starved kworker can run long after the trigger returned), or null
     */
    public static long[] lastDrain(TimelineIndex index) {
        long start = index.lastTriggerStart();
        if (start < 0) return null;
        long end = index.endTs();
        int lane = index.lastTriggerLane();
        if (lane >= 0 && index.lane(lane).openTriggerStart() != start) {
            for (int k = index.triggerCount() - 1; k >= 0; k--) {
                long ref = index.trigger(k);
                SpanTable st = index.lane((int) (ref >>> 32)).spans();
                if (st.start((int) ref) == start) {
                    end = st.end((int) ref);
                    break;
                }
            }
        }
        return new long[] {start, Math.max(end, lastEffectOf(index, start, end))};
    }

    /** @return {start, end} of the most recent interruption, on an isolated CPU if any had one, or null */
    public static long[] lastInterruption(TimelineIndex index) {
        long bestStart = -1, bestEnd = -1;
        for (int pass = 0; pass < 2 && bestStart < 0; pass++) {
            for (int l = 0; l < index.cpus(); l++) {
                if (pass == 0 && !index.source().isolated(l)) continue;
                SpanTable st = index.lane(l).spans();
                for (int i = st.size() - 1; i >= st.first(); i--) {
                    if (st.kind(i) == SpanKind.INTERRUPTION) {
                        if (st.start(i) > bestStart) {
                            bestStart = st.start(i);
                            bestEnd = st.end(i);
                        }
                        break;
                    }
                }
            }
        }
        return bestStart < 0 ? null : new long[] {bestStart, bestEnd};
    }

    /** The end of the last kworker run or interruption caused by work queued in [start, end]. */
    static long lastEffectOf(TimelineIndex index, long start, long end) {
        long last = end;
        for (int l = 0; l < index.cpus(); l++) {
            QueueTable q = index.lane(l).queued();
            for (int i = q.lowerBound(start); i < q.size() && q.queuedTs(i) <= end; i++) {
                if (q.startLane(i) >= 0) last = Math.max(last, q.startTs(i));
            }
        }
        for (int l = 0; l < index.cpus(); l++) {
            SpanTable st = index.lane(l).spans();
            for (int i = st.firstEndingAtOrAfter(end); i < st.size() && st.start(i) <= last; i++) {
                SpanKind k = st.kind(i);
                if (k == SpanKind.WORK_KWORKER || k == SpanKind.INTERRUPTION || k == SpanKind.TASK_KWORKER) {
                    last = Math.max(last, st.end(i));
                }
            }
        }
        return last;
    }
}
