package io.qpwscope.trace.lod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The index's answers equal a full walk of every event, on engine-shaped generated lanes. */
class RecordingIndexBruteForceTest {
    private static final int CPUS = 4;
    private static final int EVENTS = 30_000;

    static void assertSame(BruteForce.Expected e, BucketSummary s, int n, String what) {
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < LaneWalk.TYPES; t++) {
                assertEquals(e.counts[t][b], s.counts[t][b], what + " bucket " + b + " count of type " + t);
            }
            for (int st = 0; st < LaneState.COUNT; st++) {
                assertEquals(e.stateNs[st][b], s.stateNs[st][b], what + " bucket " + b + " ns in " + LaneState.ofCode(st));
            }
            for (int c = 0; c < DurationChannel.COUNT; c++) {
                assertEquals(e.maxNs[c][b], s.maxNs[c][b], what + " bucket " + b + " max " + DurationChannel.values()[c]);
            }
            assertEquals(e.heldBy[b], s.heldBy(b), what + " bucket " + b + " held by");
            assertEquals(e.dominant[b], s.dominant(b), what + " bucket " + b + " dominant");
        }
    }

    static int[] sizes(Recording rec) {
        int[] s = new int[rec.cpus()];
        for (int c = 0; c < s.length; c++) s[c] = rec.lane(c).size();
        return s;
    }

    @Test
    void shouldSummariseEveryWindowExactlyAsAFullWalkDoes() {
        Recording rec = SyntheticTrace.generate(CPUS, EVENTS, 42);
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        BruteForce bf = new BruteForce(rec, sizes(rec));
        assertEquals(bf.endTs, index.endTs());
        BucketSummary out = new BucketSummary();
        SplittableRandom rnd = new SplittableRandom(7);
        long end = bf.endTs;
        for (int q = 0; q < 120; q++) {
            int cpu = q % CPUS;
            long t0 = rnd.nextLong(-end / 10, end + 1);
            long bucketNs = switch (q % 4) {
                case 0 -> 1L << rnd.nextInt(10, 30);
                case 1 -> rnd.nextLong(1, 5_000);
                case 2 -> Math.max(1, end / rnd.nextInt(50, 2_000));
                default -> rnd.nextLong(1, end + 2);
            };
            int n = rnd.nextInt(0, 400);
            index.summarize(cpu, t0, bucketNs, n, out);
            assertSame(bf.summarize(cpu, t0, bucketNs, n), out, n, "q" + q + " cpu" + cpu + " t0=" + t0 + " b=" + bucketNs);
        }
        // few wide buckets: whole blocks and super-blocks of 4096 events are skipped, not walked
        for (int q = 0; q < 200; q++) {
            int cpu = q % CPUS;
            long bucketNs = rnd.nextLong(end / 40, end / 3);
            long t0 = rnd.nextLong(-bucketNs, end / 2);
            int n = rnd.nextInt(1, 12);
            index.summarize(cpu, t0, bucketNs, n, out);
            assertSame(bf.summarize(cpu, t0, bucketNs, n), out, n, "wide q" + q + " cpu" + cpu + " t0=" + t0 + " b=" + bucketNs);
        }
        // the whole recording at full width, and a window hanging over both ends
        for (int cpu = 0; cpu < CPUS; cpu++) {
            long b = end / 1600 + 1;
            index.summarize(cpu, 0, b, 1600, out);
            assertSame(bf.summarize(cpu, 0, b, 1600), out, 1600, "full cpu" + cpu);
            index.summarize(cpu, -end / 2, b * 2, 1600, out);
            assertSame(bf.summarize(cpu, -end / 2, b * 2, 1600), out, 1600, "overhang cpu" + cpu);
        }
    }

    @Test
    void shouldPartitionEachBucketsTimeAmongOwnStates() {
        Recording rec = SyntheticTrace.generate(2, 5_000, 3);
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        BucketSummary out = new BucketSummary();
        long end = index.endTs();
        long b = end / 500 + 1;
        index.summarize(1, -3 * b, b, 600, out);
        long total = 0;
        int events = 0;
        for (int k = 0; k < 600; k++) {
            long own = 0;
            for (int s = 0; s < LaneState.OWN_STATES; s++) own += out.stateNs[s][k];
            long a = Math.min(Math.max(out.bucketStart(k), 0), end);
            long z = Math.min(Math.max(out.bucketStart(k) + b, 0), end);
            assertEquals(z - a, own, "bucket " + k);
            total += own;
            events += out.events(k);
            if (z == a) assertEquals(LaneState.NO_DATA, out.dominant(k), "bucket " + k + " outside the recording");
        }
        assertEquals(end, total);
        assertEquals(rec.lane(1).size(), events);
    }

    @Test
    void shouldAgreeWithAFullWalkWhileIndexingInBatches() {
        Recording rec = SyntheticTrace.generate(CPUS, 12_000, 11);
        // replay the lanes into a second recording batch by batch, as the collector does
        Recording live = SyntheticTrace.recording(CPUS);
        RecordingIndex index = new RecordingIndex(live);
        BucketSummary out = new BucketSummary();
        SplittableRandom rnd = new SplittableRandom(5);
        int[] done = new int[CPUS];
        int round = 0;
        while (true) {
            boolean any = false;
            for (int c = 0; c < CPUS; c++) {
                int n = Math.min(rec.lane(c).size() - done[c], rnd.nextInt(1, 700));
                if (n <= 0) continue;
                any = true;
                int from = live.lane(c).size();
                for (int k = 0; k < n; k++, done[c]++) {
                    live.lane(c).append(rec.lane(c).ts(done[c]), rec.lane(c).meta(done[c]), rec.lane(c).payload(done[c]));
                }
                index.onEvents(c, live.lane(c), from, from + n);
            }
            if (!any) break;
            if (++round % 15 == 0) {
                BruteForce bf = new BruteForce(live, sizes(live));
                for (int cpu = 0; cpu < CPUS; cpu++) {
                    long b = bf.endTs / 300 + 1;
                    index.summarize(cpu, 0, b, 310, out);
                    assertSame(bf.summarize(cpu, 0, b, 310), out, 310, "round " + round + " cpu " + cpu);
                }
            }
        }
        assertTrue(round > 30);
        int[] expected = sizes(rec);
        assertArrayEquals(expected, sizes(live));
        for (int c = 0; c < CPUS; c++) assertEquals(expected[c], index.indexedEvents(c));
    }

    @Test
    void shouldKeepOnlyUnchangedBucketsWhenFollowingLiveDataOnAnAlignedGrid() {
        Recording rec = SyntheticTrace.generate(CPUS, 12_000, 31);
        Recording live = SyntheticTrace.recording(CPUS);
        RecordingIndex index = new RecordingIndex(live);
        BucketSummary[] outs = new BucketSummary[CPUS];
        for (int c = 0; c < CPUS; c++) outs[c] = new BucketSummary();
        long end = new BruteForce(rec, sizes(rec)).endTs;
        long bucket = end / 1000 + 1;
        SplittableRandom rnd = new SplittableRandom(9);
        int[] done = new int[CPUS];
        boolean any = true;
        int round = 0;
        while (any) {
            any = false;
            for (int c = 0; c < CPUS; c++) {
                int n = Math.min(rec.lane(c).size() - done[c], rnd.nextInt(1, 400));
                if (n <= 0) continue;
                any = true;
                int from = live.lane(c).size();
                for (int k = 0; k < n; k++, done[c]++) {
                    live.lane(c).append(rec.lane(c).ts(done[c]), rec.lane(c).meta(done[c]), rec.lane(c).payload(done[c]));
                }
                index.onEvents(c, live.lane(c), from, from + n);
            }
            round++;
            // a window of 300 buckets whose right edge follows the data, t0 on the grid; now and then a pan
            long t0 = (Math.floorDiv(index.endTs(), bucket) - 280) * bucket;
            if (round % 7 == 0) t0 -= bucket * rnd.nextInt(0, 40);
            BruteForce bf = round % 5 == 0 ? new BruteForce(live, sizes(live)) : null;
            for (int c = 0; c < CPUS; c++) {
                index.summarize(c, t0, bucket, 300, outs[c]);
                if (bf != null) assertSame(bf.summarize(c, t0, bucket, 300), outs[c], 300, "round " + round + " cpu " + c);
            }
        }
        assertTrue(round > 20);
    }

    @Test
    void shouldGiveTheSameBucketsWhenPanningByWholeBucketsOverStaticData() {
        Recording rec = SyntheticTrace.generate(2, 20_000, 77);
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        BruteForce bf = new BruteForce(rec, sizes(rec));
        long bucket = bf.endTs / 700 + 1;
        BucketSummary out = new BucketSummary();
        long t0 = 100 * bucket;
        int[] steps = {0, 5, 5, -17, 200, -400, 1, 0, 900, -1000};
        for (int k = 0; k < steps.length; k++) {
            t0 += steps[k] * bucket;
            int n = 400 + 50 * (k % 3);
            index.summarize(1, t0, bucket, n, out);
            assertSame(bf.summarize(1, t0, bucket, n), out, n, "pan " + k + " t0=" + t0);
        }
    }

    @Test
    void shouldTellTheStateAtAnyMomentAsAFullWalkDoes() {
        Recording rec = SyntheticTrace.generate(CPUS, 20_000, 99);
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        BruteForce bf = new BruteForce(rec, sizes(rec));
        StateProbe probe = new StateProbe();
        SplittableRandom rnd = new SplittableRandom(1);
        int held = 0;
        for (int q = 0; q < 3_000; q++) {
            int cpu = rnd.nextInt(CPUS);
            long t;
            if (q % 3 == 0) {
                // exactly at an event, where the state changes
                t = rec.lane(cpu).ts(rnd.nextInt(rec.lane(cpu).size()));
                if (t >= bf.endTs) continue;
            } else {
                t = rnd.nextLong(0, bf.endTs);
            }
            assertEquals(bf.stateAt(cpu, t), index.stateAt(cpu, t, probe), "cpu " + cpu + " t " + t);
            boolean isHeld = bf.heldAt(cpu, -1, t);
            assertEquals(isHeld, probe.heldBy() >= 0, "held at cpu " + cpu + " t " + t);
            if (isHeld) {
                held++;
                assertTrue(bf.heldAt(cpu, probe.heldBy(), t));
                assertTrue(probe.heldSince() <= t);
            }
        }
        assertTrue(held > 0, "some probes fell in remote holds");
        assertEquals(LaneState.NO_DATA, index.stateAt(0, -1, probe));
        assertEquals(LaneState.NO_DATA, index.stateAt(0, bf.endTs + 1, probe));
    }

    @Test
    void shouldKeepTheIndexWithinTheHeapBudgetPerEvent() {
        Recording rec = SyntheticTrace.generate(1, 1 << 20, 8);
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        long events = rec.eventCount();
        double indexPerEvent = (double) index.heapBytes() / events;
        double totalPerEvent = (double) (index.heapBytes() + rec.lane(0).heapBytes() + rec.lane(0).offHeapBytes()) / events;
        assertTrue(indexPerEvent < 4.0, "index bytes/event " + indexPerEvent);
        assertTrue(totalPerEvent <= 32.0, "events (on and off heap) + index bytes/event " + totalPerEvent);
    }
}
