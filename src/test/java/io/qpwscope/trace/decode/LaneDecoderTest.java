package io.qpwscope.trace.decode;

import static io.qpwscope.trace.TraceDescriptor.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.recording.SyntheticRecording;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LaneDecoderTest {
    private static final int CPU = 1;
    private static final int FN = Site.WORK_LRU_DRAIN.code;

    private final Recorded out = new Recorded();
    private final LaneDecoder d = new LaneDecoder(out);

    private void ev(long ts, EventType type, int peer, int fn, int aux, long payload) {
        d.event(ts, meta(type, CPU, peer, fn, aux), payload);
    }

    private void start(long ts, long seq, int aux) { ev(ts, EventType.WORK_START, 2, FN, aux, seq); }

    private void end(long ts, long seq, int aux) { ev(ts, EventType.WORK_END, 2, FN, aux, seq); }

    private static void assertSpan(Recorded.Span s, SpanType type, long start, long end, long value, int depth, int flags) {
        assertEquals(type, s.type(), s.toString());
        assertEquals(start, s.start(), s.toString());
        assertEquals(end, s.end(), s.toString());
        assertEquals(value, s.value(), s.toString());
        assertEquals(depth, s.depth(), s.toString());
        assertEquals(flags, s.flags(), s.toString());
    }

    @Test
    void shouldNestAWorkRunStartedInsideAnotherAndCloseBothAtTheirOwnEnds() {
        start(100, 1, 0);
        start(150, 2, 0);
        end(180, 2, 0);
        end(300, 1, 0);
        assertEquals(2, out.spans.size());
        assertSpan(out.spans.get(0), SpanType.WORK_KWORKER, 150, 180, 2, 1, 0);
        assertSpan(out.spans.get(1), SpanType.WORK_KWORKER, 100, 300, 1, 0, 0);
        assertEquals(0, d.workDepth());
    }

    @Test
    void shouldCloseAnInnerRunWhoseEndWasLostWhenItsEnclosingRunEnds() {
        start(100, 1, 1);
        start(150, 2, 1);
        end(300, 1, 1);
        assertSpan(out.spans.get(0), SpanType.WORK_INLINE, 150, 300, 2, 1, SpanFlags.END_UNKNOWN);
        assertSpan(out.spans.get(1), SpanType.WORK_INLINE, 100, 300, 1, 0, 0);
        assertEquals(0, d.workDepth());
    }

    @Test
    void shouldKeepAWorkRunOpenAcrossALiveModeSwitchAndReportTheSwitch() {
        start(100, 1, 0);
        ev(200, EventType.MODE_SWITCH, -1, 0, 1, 40);
        end(260, 1, 0);
        start(300, 2, 1);
        end(320, 2, 1);
        assertSpan(out.spans.get(0), SpanType.MODE_SWITCH, 160, 200, 40, 0, 0);
        assertEquals(1, out.spans.get(0).attr(), "new effective qpw");
        assertSpan(out.spans.get(1), SpanType.WORK_KWORKER, 100, 260, 1, 0, 0);
        assertSpan(out.spans.get(2), SpanType.WORK_INLINE, 300, 320, 2, 0, 0);
    }

    @Test
    void shouldReportEndsWithoutStartsAsStartUnknownInsteadOfFailing() {
        ev(50, EventType.LOCK_ACQUIRE, CPU, FN, 0, 0);
        end(100, 9, 0);
        ev(120, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_KWORKER << 8 | TraceDescriptor.TASK_USER, 0);
        ev(200, EventType.TRIGGER, -1, 1, 1, 30);
        assertSpan(out.spans.get(0), SpanType.WORK_KWORKER, 100, 100, 9, 0, SpanFlags.START_UNKNOWN);
        assertSpan(out.spans.get(1), SpanType.TASK_KWORKER, 50, 120, 0, 0, SpanFlags.START_UNKNOWN);
        assertSpan(out.spans.get(2), SpanType.TRIGGER, 170, 200, 30, 0, 0);
        assertEquals(TraceDescriptor.TASK_USER, d.taskKind());
        assertEquals(120, d.taskSince());
    }

    @Test
    void shouldCloseSpansStillOpenWhenTheRecordingIsCutAtItsLastTsAsTruncated() {
        ev(10, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_USER << 8 | TraceDescriptor.TASK_KWORKER, 0);
        ev(20, EventType.TRIGGER, -1, 1, 0, 0);
        start(30, 1, 0);
        start(40, 2, 0);
        ev(90, EventType.LOCK_ACQUIRE, CPU, FN, 0, 0);
        assertEquals(2, d.workDepth());
        assertEquals(30, d.workStart(0));
        assertEquals(20, d.triggerStart());
        d.finish();
        assertEquals(4, out.spans.size(), out.spans.toString());
        assertSpan(out.spans.get(0), SpanType.TASK_KWORKER, 10, 90, 0, 0, SpanFlags.TRUNCATED);
        assertSpan(out.spans.get(1), SpanType.WORK_KWORKER, 40, 90, 2, 1, SpanFlags.TRUNCATED);
        assertSpan(out.spans.get(2), SpanType.WORK_KWORKER, 30, 90, 1, 0, SpanFlags.TRUNCATED);
        assertSpan(out.spans.get(3), SpanType.TRIGGER, 20, 90, 70, 0, SpanFlags.TRUNCATED);
        assertEquals(0, d.workDepth());
        assertEquals(-1, d.triggerStart());
    }

    @Test
    void shouldTreatANextStartRecordedBeforeTheEndInTheSameTickAsASuccessorNotAChild() {
        start(100, 1, 0);
        start(200, 2, 0);
        end(200, 1, 0);
        end(260, 2, 0);
        assertSpan(out.spans.get(0), SpanType.WORK_KWORKER, 100, 200, 1, 0, 0);
        assertSpan(out.spans.get(1), SpanType.WORK_KWORKER, 200, 260, 2, 0, 0);
    }

    @Test
    void shouldHandleEqualTimestampsOfEndAndStartInRecordOrder() {
        ev(100, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_USER << 8 | TraceDescriptor.TASK_KWORKER, 0);
        start(100, 1, 0);
        end(100, 1, 0);
        ev(100, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_KWORKER << 8 | TraceDescriptor.TASK_USER, 0);
        ev(100, EventType.INTERRUPTION, 0, FN, 0, 0);
        assertEquals(List.of(SpanType.WORK_KWORKER, SpanType.INTERRUPTION), out.spans.stream().map(Recorded.Span::type).toList(),
                "zero-length task runs are not reported, the zero-length work run is");
        assertSpan(out.spans.get(0), SpanType.WORK_KWORKER, 100, 100, 1, 0, 0);
    }

    @Test
    void shouldAssociateANoiseRecordWithTheInterruptionsItSpansWithinOneMillisecond() {
        ev(1_000_000, EventType.INTERRUPTION, 0, FN, 0, 5_000);
        ev(1_002_000, EventType.NOISE, -1, 0, 0, 7_000);
        ev(2_000_000, EventType.INTERRUPTION, 0, FN, 0, 5_000);
        ev(3_000_000, EventType.NOISE, -1, 0, 0, 7_000);
        ev(4_000_000, EventType.INTERRUPTION, 0, FN, 0, 5_000);
        ev(4_500_000, EventType.INTERRUPTION, 0, FN, 0, 5_000);
        ev(4_600_000, EventType.NOISE, -1, 0, 0, 9_000);
        ev(4_700_000, EventType.NOISE, -1, 0, 0, 9_000);
        List<Recorded.Span> noise = out.of(SpanType.NOISE);
        assertEquals(List.of(1, 0, 2, 0), noise.stream().map(Recorded.Span::attr).toList());
    }

    @Test
    void shouldGiveInterruptionsTheGapOfTheTasksNextNoiseAsTheEngineSummaryDid() {
        Recording rec = SyntheticRecording.generate(4, 40_000, 7);
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            List<Interruptions.Entry> want = scanLikeTheOldEngineSummary(lane, 1000);
            // the old scan knew nothing of host shares: compare what it did compute
            List<Interruptions.Entry> got = Interruptions.of(lane, 1000).stream()
                    .map(e -> new Interruptions.Entry(e.atNs(), e.offCpuNs(), e.taskGapNs(), e.queuedBy(), e.fn())).toList();
            assertEquals(want, got, "cpu " + c);
        }
        assertTrue(Interruptions.of(rec.lane(3), 1000).stream().anyMatch(e -> e.taskGapNs() > 0), "the recording exercises the association");
    }

    /** The body Engine.interruptionsOf had, as the oracle for the decoder's association. */
    private static List<Interruptions.Entry> scanLikeTheOldEngineSummary(LaneEvents lane, int limit) {
        List<Interruptions.Entry> out = new ArrayList<>();
        int n = lane.size();
        for (int i = 0; i < n && out.size() < limit; i++) {
            long meta = lane.meta(i);
            if (TraceDescriptor.type(meta) != EventType.INTERRUPTION.code) continue;
            long at = lane.ts(i);
            long gap = 0;
            for (int j = i + 1; j < n && lane.ts(j) - at < 1_000_000; j++) {
                if (lane.type(j) == EventType.NOISE.code) {
                    gap = lane.payload(j);
                    break;
                }
            }
            out.add(new Interruptions.Entry(at, lane.payload(i), gap, TraceDescriptor.peer(meta), TraceDescriptor.fn(meta)));
        }
        return out;
    }

    @Test
    void shouldLinkWorkQueuedOnOneCpuToItsRunOnAnother() {
        LaneEvents a = new LaneEvents(0);
        LaneEvents b = new LaneEvents(1);
        a.append(100, meta(EventType.WORK_QUEUED, 0, 1, FN, 0), 42);
        a.append(110, meta(EventType.WORK_QUEUED, 0, 1, FN, 0), 43);
        b.append(150, meta(EventType.WORK_START, 1, 1, FN, 0), 42);
        b.append(170, meta(EventType.WORK_END, 1, 1, FN, 0), 42);
        b.append(180, meta(EventType.WORK_START, 1, 1, FN, 0), 43);
        WorkLinks links = WorkLinks.of(b, a);
        int r = links.find(42);
        assertEquals(0, links.queuedCpu(r));
        assertEquals(100, links.queuedTs(r));
        assertEquals(1, links.target(r));
        assertEquals(1, links.startCpu(r));
        assertEquals(150, links.startTs(r));
        assertEquals(170, links.endTs(r));
        assertTrue(links.complete(r));
        int open = links.find(43);
        assertEquals(180, links.startTs(open));
        assertEquals(-1, links.endTs(open), "cut mid-run: no end");
        assertEquals(-1, links.find(44));
    }

    @Test
    void shouldMirrorRemoteHoldsIntoTheOwnersView() {
        Recorded owner = new Recorded();
        SpanSink m = RemoteHolds.mirror(2, 3, owner);
        LaneDecoder holder = new LaneDecoder(m);
        holder.event(100, meta(EventType.LOCK_RELEASE, 2, 3, FN, TraceDescriptor.LOCK_REMOTE | TraceDescriptor.LOCK_SPIN), 40);
        holder.event(120, meta(EventType.LOCK_RELEASE, 2, 2, FN, 0), 10);
        holder.event(130, meta(EventType.LOCK_RELEASE, 2, 1, FN, TraceDescriptor.LOCK_REMOTE), 10);
        assertEquals(1, owner.spans.size());
        Recorded.Span s = owner.spans.getFirst();
        assertEquals(SpanType.LOCK_HELD_BY_REMOTE, s.type());
        assertEquals(2, s.peer(), "peer is the holder");
        assertEquals(60, s.start());
    }

    @Test
    void shouldReportTheSameWhateverTheBatchSplitsOfTheFeed() {
        Recording rec = SyntheticRecording.generate(4, 30_000, 11);
        SplittableRandom rnd = new SplittableRandom(2026);
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            Recorded whole = new Recorded();
            LaneDecoder.decode(lane, whole);
            assertTrue(whole.spans.size() > 100);
            for (int trial = 0; trial < 20; trial++) {
                Recorded split = new Recorded();
                LaneDecoder dec = new LaneDecoder(split);
                int at = 0;
                while (at < lane.size()) {
                    int n = Math.min(lane.size() - at, rnd.nextInt(trial % 2 == 0 ? 8 : 3000) + 1);
                    if (rnd.nextBoolean()) {
                        dec.feed(lane, at, at + n);
                    } else {
                        for (int i = at; i < at + n; i++) dec.event(lane.ts(i), lane.meta(i), lane.payload(i));
                    }
                    at += n;
                }
                dec.finish();
                assertEquals(whole.all, split.all, "cpu " + c + " trial " + trial);
            }
        }
    }

    @Test
    void shouldForgetOpenStateWhenSkippingAhead() {
        start(100, 1, 0);
        ev(110, EventType.INTERRUPTION, 0, FN, 0, 5);
        d.skip(50, 1_000, TraceDescriptor.TASK_USER);
        ev(1_100, EventType.NOISE, -1, 0, 0, 50);
        end(1_200, 1, 0);
        assertEquals(51, d.position() - 1);
        assertEquals(0, out.of(SpanType.NOISE).getFirst().attr());
        assertEquals(SpanFlags.START_UNKNOWN, out.of(SpanType.WORK_KWORKER).getFirst().flags());
        assertEquals(51, out.of(SpanType.WORK_KWORKER).getFirst().index());
        assertEquals(1_000, d.taskSince());
    }

    @Test
    void shouldMakeABlockedOnLockSpanAndReportPiBoostsAsInstants() {
        ev(1_000, EventType.PI_BOOST, 2, 0, 1, 49);
        ev(5_000, EventType.LOCK_BLOCK, 0, Site.LRU_FBATCHES.code, TraceDescriptor.TASK_USER, 3_000);
        ev(6_000, EventType.PI_BOOST, -1, 0, 0, 120);
        d.finish();
        List<Recorded.Span> blocks = out.of(SpanType.LOCK_BLOCK);
        assertEquals(1, blocks.size());
        Recorded.Span b = blocks.get(0);
        assertSpan(b, SpanType.LOCK_BLOCK, 2_000, 5_000, 3_000, 0, 0);
        assertEquals(0, b.peer(), "peer = owner CPU");
        assertEquals(Site.LRU_FBATCHES.code, b.fn());
        assertEquals(TraceDescriptor.TASK_USER, b.attr(), "attr = owner's context kind");
        List<Recorded.Instant> boosts = out.instants.stream().filter(i -> i.type() == InstantType.PI_BOOST).toList();
        assertEquals(2, boosts.size());
        assertEquals(1, boosts.get(0).attr());
        assertEquals(2, boosts.get(0).peer(), "peer = waiter CPU");
        assertEquals(49, boosts.get(0).value());
        assertEquals(0, boosts.get(1).attr(), "unboost");
        assertEquals(120, boosts.get(1).value());
        assertEquals(SpanType.LOCK_BLOCK, SpanType.ofRecord(meta(EventType.LOCK_BLOCK, 0, 1, FN, 1)));
        assertEquals(0, SpanType.durationOf(meta(EventType.PI_BOOST, 0, 1, 0, 1), 49));
        assertEquals(EventType.PI_BOOST, EventType.ofCode(17));
        assertEquals(EventType.LOCK_BLOCK, EventType.ofCode(16));
    }

    @Test
    void shouldGiveDurationsOnlyForRecordsThatCarryOne() {
        assertEquals(40, SpanType.durationOf(meta(EventType.SPIN_WAIT, 0, 1, FN, 1), 40));
        assertEquals(0, SpanType.durationOf(meta(EventType.WORK_QUEUED, 0, 1, FN, 0), 40));
        assertEquals(0, SpanType.durationOf(meta(EventType.TRIGGER, 0, -1, 1, 0), 40));
        assertEquals(40, SpanType.durationOf(meta(EventType.TRIGGER, 0, -1, 1, 1), 40));
        assertEquals(SpanType.LOCK_REMOTE, SpanType.ofRecord(meta(EventType.LOCK_RELEASE, 0, 1, FN, TraceDescriptor.LOCK_REMOTE)));
    }
}
