package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.index.DenseField;
import io.qpwscope.ui.timeline.index.Landmarks;
import io.qpwscope.ui.timeline.index.LaneIndex;
import io.qpwscope.ui.timeline.index.QueueTable;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;

class TimelineIndexTest {
    private static final SyntheticRecording.Config CFG = SyntheticRecording.Config.demo(20_000_000, 1_000);

    private static TimelineIndex indexed(Recording r) {
        TimelineIndex idx = new TimelineIndex(new RecordingTimelineSource(r));
        while (idx.catchUp(1 << 20) > 0) { }
        return idx;
    }

    @Test
    void shouldLinkEveryQueuedWorkItemToTheWorkStartWithTheSameSequenceNumber() {
        TimelineIndex idx = indexed(SyntheticRecording.build(CFG));
        QueueTable q = idx.lane(0).queued();
        assertTrue(q.size() > 20);
        int inline = 0, kworker = 0;
        for (int i = 0; i < q.size(); i++) {
            assertTrue(q.startLane(i) >= 0, "work #" + q.seq(i) + " linked");
            assertTrue(q.startTs(i) >= q.queuedTs(i), "work starts after it is queued");
            if (q.inline(i)) {
                inline++;
                assertEquals(0, q.startLane(i), "qpw=1: the caller runs the work");
            } else {
                kworker++;
                assertEquals(q.target(i), q.startLane(i), "qpw=0: the target CPU's kworker runs it");
            }
        }
        assertTrue(inline > 0 && kworker > 0, "both modes present: " + inline + " inline, " + kworker + " kworker");
        assertEquals(0, idx.pendingWork());
    }

    @Test
    void shouldIndexALiveRecordingInSlicesToTheSameResultAsAtOnce() {
        Recording full = SyntheticRecording.build(CFG);
        TimelineIndex once = indexed(full);
        SyntheticRecording.Lane[] lanes = SyntheticRecording.lanes(CFG);
        Recording live = new Recording(SyntheticRecording.meta(CFG));
        TimelineIndex inc = new TimelineIndex(new RecordingTimelineSource(live));
        int[] pos = new int[lanes.length];
        int step = 0;
        boolean more = true;
        while (more) {
            more = false;
            for (int c = 0; c < lanes.length; c++) {
                int n = Math.min(lanes[c].n - pos[c], 37 + (step * 7919 + c * 104729) % 5000);
                for (int k = 0; k < n; k++, pos[c]++) live.append(lanes[c].ts[pos[c]], lanes[c].meta[pos[c]], lanes[c].payload[pos[c]]);
                more |= pos[c] < lanes[c].n;
            }
            inc.catchUp(1 + (step * 31) % 3000);
            step++;
        }
        while (inc.catchUp(1 << 20) > 0) { }
        long[] a = new long[DenseField.COUNT], b = new long[DenseField.COUNT];
        for (int c = 0; c < CFG.cpus(); c++) {
            assertEquals(once.lane(c).spans().size(), inc.lane(c).spans().size(), "spans of cpu" + c);
            assertEquals(once.lane(c).queued().size(), inc.lane(c).queued().size());
            for (int i = 0; i <= full.lane(c).size(); i += 997) {
                once.lane(c).cumulativeAt(once.source(), i, a);
                inc.lane(c).cumulativeAt(inc.source(), i, b);
                assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "prefix sums of cpu" + c + " at " + i);
            }
            assertEquals(once.interruptions(c), inc.interruptions(c));
        }
        assertEquals(0, inc.pendingWork());
    }

    @Test
    void shouldSumLockHoldsExactlyThroughPrefixSums() {
        Recording r = SyntheticRecording.build(CFG);
        TimelineIndex idx = indexed(r);
        long[] a = new long[DenseField.COUNT], b = new long[DenseField.COUNT];
        for (int c = 0; c < CFG.cpus(); c++) {
            int from = r.lane(c).size() / 3, to = r.lane(c).size() * 2 / 3 + 5;
            long ops = 0, ns = 0;
            for (int i = from; i < to; i++) {
                long m = r.lane(c).meta(i);
                boolean remote = (TraceDescriptor.aux(m) & TraceDescriptor.LOCK_REMOTE) != 0;
                if (TraceDescriptor.type(m) == EventType.LOCK_ACQUIRE.code && !remote) ops++;
                if (TraceDescriptor.type(m) == EventType.LOCK_RELEASE.code && !remote) ns += r.lane(c).payload(i);
            }
            idx.lane(c).cumulativeAt(idx.source(), from, a);
            idx.lane(c).cumulativeAt(idx.source(), to, b);
            assertEquals(ops, b[DenseField.LOCK_OPS] - a[DenseField.LOCK_OPS]);
            assertEquals(ns, b[DenseField.LOCK_NS] - a[DenseField.LOCK_NS]);
        }
    }

    @Test
    void shouldMarkSkippedRecordsAsAGapThatCountsNothingAndKeepTheTaskKind() {
        Recording r = SyntheticRecording.build(CFG);
        TimelineIndex idx = new TimelineIndex(new RecordingTimelineSource(r));
        idx.catchUp(64);
        long end = idx.publishedEnd();
        assertTrue(idx.skipAheadIfBehind(end / 2, end / 4));
        while (idx.catchUp(1 << 20) > 0) { }
        assertTrue(idx.skipped() > 0);
        for (int c = 0; c < CFG.cpus(); c++) {
            LaneIndex l = idx.lane(c);
            SpanTable st = l.spans();
            int gaps = 0;
            for (int i = 0; i < st.size(); i++) if (st.kind(i) == SpanKind.GAP) gaps++;
            assertEquals(l.skipped() > 0 ? 1 : 0, gaps, "a gap on cpu" + c + " iff it skipped records");
            assertEquals(TraceDescriptor.TASK_USER, l.taskKind(), "the task switch inside the gap was found");
        }
        assertTrue(idx.skipped() < r.eventCount());
        assertFalse(idx.skipAheadIfBehind(end, end / 4), "caught up: nothing more to skip");
    }

    @Test
    void shouldFindTheLastDrainWithItsWorkAndTheLastInterruptionOfTheIsolatedCpu() {
        TimelineIndex idx = indexed(SyntheticRecording.build(CFG));
        long[] drain = Landmarks.lastDrain(idx);
        long ref = idx.trigger(idx.triggerCount() - 1);
        SpanTable st = idx.lane((int) (ref >>> 32)).spans();
        assertEquals(st.start((int) ref), drain[0]);
        assertTrue(drain[1] >= st.end((int) ref));
        long[] intr = Landmarks.lastInterruption(idx);
        long last = -1;
        SpanTable iso = idx.lane(3).spans();
        for (int i = 0; i < iso.size(); i++) if (iso.kind(i) == SpanKind.INTERRUPTION) last = iso.start(i);
        assertEquals(last, intr[0], "the qpw=0 half's last interruption on cpu3");
        assertTrue(intr[0] < idx.lane(0).spans().end((int) idx.modeSwitch(0)), "before the switch to qpw=1");
    }

    private static void assertFalse(boolean b, String msg) {
        assertTrue(!b, msg);
    }
}
