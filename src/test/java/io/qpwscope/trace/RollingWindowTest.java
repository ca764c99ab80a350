package io.qpwscope.trace;

import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.recording.RecordingWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live recording over its off-heap budget drops its oldest chunks, safely for readers. */
class RollingWindowTest {
    private static final long CHUNK_BYTES = (long) LaneEvents.CHUNK * TraceDescriptor.RECORD_BYTES;

    private static long meta(int cpu) {
        return TraceDescriptor.meta(EventType.NOISE.code, cpu, -1, 0, 0);
    }

    @Test
    void shouldDropTheOldestChunksAndKeepTheNewestEventsUnderBudget() {
        Recording rec = TraceCollectorTest.recording(2);
        rec.setOffHeapBudget(3 * CHUNK_BYTES);
        int perLane = 10 * LaneEvents.CHUNK + 123;
        for (int i = 0; i < perLane; i++) {
            for (int c = 0; c < 2; c++) rec.lane(c).append(10L * i + c, meta(c), i);
            if ((i & 1023) == 0) {
                rec.trimToBudget((lane, to) -> { });
                assertTrue(rec.offHeapBytes() <= 3 * CHUNK_BYTES + 2 * CHUNK_BYTES, "bounded while running");
            }
        }
        rec.trimToBudget((lane, to) -> { });
        assertTrue(rec.offHeapBytes() <= 3 * CHUNK_BYTES, rec.offHeapBytes() + " bytes held");
        for (int c = 0; c < 2; c++) {
            LaneEvents l = rec.lane(c);
            assertEquals(perLane, l.size(), "indices stay absolute");
            assertEquals(perLane - 1, l.payload(perLane - 1), "the newest event is there");
            assertEquals(10L * (perLane - 1) + c, l.lastTs());
            int first = l.firstIndex();
            assertTrue(first >= 8 * LaneEvents.CHUNK, "old chunks went: first index " + first);
            assertEquals(first, l.payload(first));
            assertEquals(l.ts(first), l.ts(0), "a dropped index reads as the oldest event held");
            assertEquals(first, l.lowerBound(0));
            long[] rows = new long[3 * 4];
            l.readRows(first - 2, rows, 0, 4);
            assertEquals(first, rows[2], "dropped rows read as the oldest held");
            assertEquals(first + 1, rows[3 * 3 + 2]);
        }
        RecordingWindow w = rec.window();
        assertTrue(w.rolled());
        assertEquals(rec.lane(0).firstIndex() + rec.lane(1).firstIndex(), w.droppedEvents());
        assertEquals(Math.max(rec.lane(0).firstTs(), rec.lane(1).firstTs()), w.fromTs());
        assertEquals(rec.endTs(), w.toTs());
        assertTrue(w.spanNs() > 0 && w.spanNs() < rec.endTs());
    }

    @Test
    void shouldNeverDropALanesNewestChunkEvenWithATinyBudget() {
        Recording rec = TraceCollectorTest.recording(2);
        rec.setOffHeapBudget(1);
        for (int i = 0; i < 3 * LaneEvents.CHUNK; i++) rec.lane(0).append(i, meta(0), i);
        rec.lane(1).append(5, meta(1), 7);
        rec.trimToBudget((lane, to) -> { });
        assertEquals(2 * LaneEvents.CHUNK, rec.lane(0).firstIndex());
        assertEquals(0, rec.lane(1).firstIndex());
        assertEquals(7, rec.lane(1).payload(0));
        assertEquals(2 * CHUNK_BYTES, rec.offHeapBytes());
    }

    @Test
    void shouldLetReadersReadConcurrentlyWhileChunksAreDropped() {
        Recording rec = TraceCollectorTest.recording(1);
        rec.setOffHeapBudget(2 * CHUNK_BYTES);
        LaneEvents lane = rec.lane(0);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().daemon(true).name("reader").start(() -> {
            try {
                java.util.SplittableRandom r = new java.util.SplittableRandom(7);
                while (!done.get()) {
                    int n = lane.size();
                    if (n < 2) continue;
                    int i = r.nextInt(n - 1);
                    long a = lane.ts(i), b = lane.ts(i + 1);
                    // forbidden: time going backwards between neighbours, or a row mixing two events
                    if (a > b) throw new AssertionError("ts(" + i + ")=" + a + " > ts(" + (i + 1) + ")=" + b);
                    long p = lane.payload(i);
                    if (p < i) throw new AssertionError("payload " + p + " below index " + i);
                    int lb = lane.lowerBound(a);
                    int now = lane.size();
                    // forbidden: a lower bound past the end, or one whose event is earlier than asked
                    if (lb < 0 || lb > now || (lb < now && lane.ts(lb) < a)) throw new AssertionError("lowerBound " + lb);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 40 * LaneEvents.CHUNK; i++) {
                lane.append(i, meta(0), i);
                if ((i & 4095) == 0) rec.trimToBudget((l, to) -> { });
            }
            done.set(true);
            reader.join();
        });
        assertNull(failure.get());
        assertTrue(lane.firstIndex() >= 37 * LaneEvents.CHUNK);
    }

    @Test
    void shouldKeepEveryEventInTheFileWhileMemoryRolls(@TempDir Path dir) throws Exception {
        Recording rec = TraceCollectorTest.recording(2);
        rec.setOffHeapBudget(2 * CHUNK_BYTES);
        TracePipeline pipeline = new TracePipeline(rec, 1 << 14, 0);
        Path out = dir.resolve("all.qpwrec");
        RecordingWriter writer = RecordingWriter.open(out, rec.meta(),
                new RecordingWriter.Options(100_000, false, Long.MAX_VALUE));
        pipeline.collector().addListener(writer);
        int total = 6 * LaneEvents.CHUNK;
        for (int i = 0; i < total; i++) {
            for (int c = 0; c < 2; c++) pipeline.cpu(c).emit(i, EventType.NOISE, -1, 0, 0, i);
            if ((i & 4095) == 4095) pipeline.collector().doWork();
        }
        pipeline.halt();
        writer.close();
        assertEquals(0, rec.overruns());
        assertTrue(rec.window().rolled(), "memory rolled");
        assertTrue(rec.offHeapBytes() <= 2 * CHUNK_BYTES);
        LoadedRecording loaded = RecordingReader.load(out);
        assertEquals(2L * total, loaded.events(), "the file has every event");
        assertEquals(0, loaded.recording().lane(1).payload(0));
        assertEquals(total - 1, loaded.recording().lane(1).payload(total - 1));
        assertFalse(loaded.recording().window().rolled());
    }

    @Test
    void shouldBudgetHalfTheDirectLimitAndAtMostAThirdOfRam() {
        assertEquals(128L << 20, OffHeapBudget.of(256L << 20, 24L << 30));
        assertEquals((1L << 30) / 10 * 9, OffHeapBudget.of(8L << 30, 3L << 30));
        assertEquals(50, OffHeapBudget.of(100, 0));
        assertTrue(OffHeapBudget.directLimit() > 0);
        assertTrue(OffHeapBudget.liveBudget() <= OffHeapBudget.directLimit() / 2);
    }
}
