package io.qpwscope.trace.lod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LaneIntervalsTest {
    private static final int USER_TO_KWORKER = (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_KWORKER;
    private static final int KWORKER_TO_USER = (TraceDescriptor.TASK_KWORKER << 8) | TraceDescriptor.TASK_USER;

    private static void ev(Recording rec, int cpu, long ts, EventType type, int peer, int aux, long payload) {
        rec.lane(cpu).append(ts, TraceDescriptor.meta(type, cpu, peer, Site.LRU_FBATCHES.code, aux), payload);
    }

    private static List<String> collect(RecordingIndex index, int cpu, long t0, long t1) {
        LaneIntervals it = new LaneIntervals();
        index.intervals(cpu, t0, t1, it);
        List<String> got = new ArrayList<>();
        while (it.next()) {
            got.add(it.kind() + "[" + it.begin() + "," + it.end() + "]" + (it.flags() != 0 ? "f" + it.flags() : ""));
        }
        got.sort(null);
        return got;
    }

    private static Recording handWritten() {
        Recording rec = SyntheticTrace.recording(2);
        ev(rec, 0, 100, EventType.LOCK_ACQUIRE, 0, 0, 0);
        ev(rec, 0, 200, EventType.LOCK_RELEASE, 0, 0, 100);
        ev(rec, 0, 1000, EventType.TASK_SWITCH, -1, USER_TO_KWORKER, 0);
        ev(rec, 0, 1100, EventType.WORK_START, 0, 0, 7);
        ev(rec, 0, 1200, EventType.LOCK_ACQUIRE, 0, 0, 0);
        ev(rec, 0, 1300, EventType.LOCK_RELEASE, 0, 0, 100);
        ev(rec, 0, 1400, EventType.WORK_END, 0, 0, 7);
        ev(rec, 0, 2000, EventType.TASK_SWITCH, -1, KWORKER_TO_USER, 0);
        ev(rec, 0, 2000, EventType.INTERRUPTION, 1, 0, 1000);
        ev(rec, 0, 2000, EventType.NOISE, -1, 0, 1005);
        ev(rec, 0, 3000, EventType.IRQ_OFF, -1, 0, 0);
        ev(rec, 0, 3500, EventType.IRQ_ON, -1, 0, 500);
        ev(rec, 0, 4000, EventType.WORK_QUEUED, 1, 0, 8);
        ev(rec, 0, 5000, EventType.TRIGGER, -1, 0, 0);
        ev(rec, 0, 6000, EventType.TRIGGER, -1, 1, 1000);
        ev(rec, 0, 7000, EventType.SPIN_WAIT, 1, 1, 200);
        ev(rec, 0, 7000, EventType.LOCK_ACQUIRE, 1, TraceDescriptor.LOCK_REMOTE, 200);
        ev(rec, 0, 8000, EventType.LOCK_RELEASE, 1, TraceDescriptor.LOCK_REMOTE, 1000);
        ev(rec, 0, 9000, EventType.NOISE, -1, 0, 10);
        ev(rec, 1, 100, EventType.LOCK_ACQUIRE, 1, 0, 0);
        ev(rec, 1, 200, EventType.NOISE, -1, 0, 5);
        return rec;
    }

    @Test
    void shouldPairBeginsWithEndsAndTakeDurationsFromPayloads() {
        RecordingIndex index = new RecordingIndex(handWritten());
        index.catchUp();
        assertEquals(List.of("FLUSH_WAIT", "INTERRUPTION[1000,2000]", "IRQS_OFF[3000,3500]", "KWORKER[1000,2000]",
                        "LOCK[1200,1300]", "LOCK[100,200]", "LOCK[7000,8000]", "NOISE[8990,9000]", "NOISE[995,2000]",
                        "SPIN[6800,7000]", "TRIGGER[5000,6000]", "WORK[1100,1400]", "WORK_QUEUED[4000,4000]")
                        .stream().filter(s -> !s.equals("FLUSH_WAIT")).sorted().toList(),
                collect(index, 0, 0, 10_000));
    }

    @Test
    void shouldFindTheBeginsOfIntervalsAlreadyOpenAtTheWindowStart() {
        RecordingIndex index = new RecordingIndex(handWritten());
        index.catchUp();
        assertEquals(List.of("INTERRUPTION[1000,2000]", "KWORKER[1000,2000]", "LOCK[1200,1300]",
                "NOISE[995,2000]", "WORK[1100,1400]"), collect(index, 0, 1250, 1350));
        assertEquals(List.of("LOCK[7000,8000]"), collect(index, 0, 7500, 7600));
    }

    @Test
    void shouldReportAnIntervalStillOpenAtTheEndAsOpenEnded() {
        RecordingIndex index = new RecordingIndex(handWritten());
        index.catchUp();
        assertEquals(List.of("LOCK[100,9000]f" + LaneIntervals.OPEN_END), collect(index, 1, 150, 160));
    }

    /** Interval ends the iterator must report exactly once for a window, from a full walk. */
    private static Map<Integer, Long> expectedEnds(LaneEvents lane, long t0, long t1) {
        Map<Integer, Long> ends = new HashMap<>();
        Map<Long, Integer> workStart = new HashMap<>();
        long kworkerSince = Long.MIN_VALUE;
        for (int k = 0; k < lane.size(); k++) {
            long ts = lane.ts(k);
            long meta = lane.meta(k);
            long p = lane.payload(k);
            int type = TraceDescriptor.type(meta);
            int aux = TraceDescriptor.aux(meta);
            long begin = Long.MIN_VALUE;
            if (type == EventType.LOCK_RELEASE.code || type == EventType.IRQ_ON.code
                    || (type == EventType.TRIGGER.code && aux == 1) || DurationChannel.OF_TYPE[type] >= 0) {
                begin = ts - p;
            } else if (type == EventType.WORK_START.code) {
                workStart.put(p, k);
            } else if (type == EventType.WORK_END.code) {
                Integer s = workStart.get(p);
                if (s != null) begin = lane.ts(s);
                else if (ts >= t0 && ts < t1) begin = t0; // orphan: reported from the window start
            } else if (type == EventType.TASK_SWITCH.code) {
                if ((aux & 0xFF) == TraceDescriptor.TASK_KWORKER) kworkerSince = ts;
                else if (((aux >>> 8) & 0xFF) == TraceDescriptor.TASK_KWORKER) begin = kworkerSince;
            } else if ((type == EventType.WORK_QUEUED.code || type == EventType.MODE_SWITCH.code) && ts < t1) {
                begin = ts;
            }
            if (begin != Long.MIN_VALUE && ts >= t0 && begin < t1) ends.put(k, begin);
        }
        return ends;
    }

    @Test
    void shouldReportEveryIntervalOverlappingRandomWindowsExactlyOnce() {
        Recording rec = SyntheticTrace.generate(3, 20_000, 17);
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        LaneIntervals it = new LaneIntervals();
        SplittableRandom rnd = new SplittableRandom(4);
        long end = index.endTs();
        int checked = 0;
        for (int q = 0; q < 300; q++) {
            int cpu = q % 3;
            long t0 = rnd.nextLong(0, end);
            long t1 = t0 + rnd.nextLong(1, q % 10 == 0 ? end / 20 : 200_000);
            Map<Integer, Long> expected = expectedEnds(rec.lane(cpu), t0, t1);
            Map<Integer, Long> got = new HashMap<>();
            index.intervals(cpu, t0, t1, it);
            while (it.next()) {
                String what = "q" + q + " " + it.kind() + " [" + it.begin() + "," + it.end() + "] window [" + t0 + "," + t1 + ")";
                assertTrue(it.begin() <= it.end(), what);
                assertTrue(it.begin() < t1 && it.end() >= t0, what + " overlaps the window");
                if (it.endIndex() >= 0) {
                    assertEquals(null, got.put(it.endIndex(), it.begin()), what + " reported once");
                } else {
                    assertTrue((it.flags() & LaneIntervals.OPEN_END) != 0, what);
                }
            }
            if (!expected.equals(got)) {
                StringBuilder diff = new StringBuilder();
                LaneEvents lane = rec.lane(cpu);
                for (Map.Entry<Integer, Long> e : expected.entrySet()) {
                    if (!e.getValue().equals(got.get(e.getKey()))) {
                        diff.append("\n expected #").append(e.getKey()).append(" from ").append(e.getValue())
                                .append(" got ").append(got.get(e.getKey())).append(": ")
                                .append(TraceDescriptor.describe(lane.ts(e.getKey()), lane.meta(e.getKey()), lane.payload(e.getKey())));
                    }
                }
                for (Map.Entry<Integer, Long> e : got.entrySet()) {
                    if (!expected.containsKey(e.getKey())) {
                        diff.append("\n unexpected #").append(e.getKey()).append(" from ").append(e.getValue()).append(": ")
                                .append(TraceDescriptor.describe(lane.ts(e.getKey()), lane.meta(e.getKey()), lane.payload(e.getKey())));
                    }
                }
                throw new AssertionError("q" + q + " window [" + t0 + "," + t1 + ") cpu " + cpu + diff);
            }
            checked += expected.size();
        }
        assertTrue(checked > 1_000, "windows held intervals: " + checked);
    }
}
