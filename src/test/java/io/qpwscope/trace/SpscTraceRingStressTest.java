package io.qpwscope.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One producer thread offers numbered records while one consumer drains. Forbidden outcomes:
 * a record delivered twice, out of order, torn (its three longs from different offers), or
 * lost without being counted: delivered + overruns must equal offered.
 */
class SpscTraceRingStressTest {
    private static final long OFFERS = 2_000_000;

    static long metaOf(long seq) {
        return TraceDescriptor.meta(EventType.NOISE, 3, (int) (seq % 60), (int) (seq % 200), (int) (seq * 31));
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {16, 1024, 1 << 16})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryRecordOnceInOrderOrCountItAsOverrun(int capacity) throws Exception {
        SpscTraceRing ring = new SpscTraceRing(capacity);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        long[] accepted = new long[1];
        Thread producer = Thread.ofPlatform().name("producer").start(() -> {
            try {
                long ok = 0;
                for (long seq = 1; seq <= OFFERS; seq++) {
                    if (ring.offer(seq * 3, metaOf(seq), seq)) ok++;
                }
                accepted[0] = ok;
            } catch (Throwable e) {
                producerError.set(e);
            } finally {
                done.set(true);
            }
        });

        Checker checker = new Checker();
        while (!done.get()) {
            if (ring.drain(checker, 257) == 0) Thread.onSpinWait();
        }
        while (ring.drain(checker, 257) > 0) {
            // the producer has finished: take what is left
        }
        producer.join();

        assertEquals(null, producerError.get());
        assertEquals(null, checker.failure, checker.failure);
        assertEquals(accepted[0], checker.delivered, "delivered = accepted offers");
        assertEquals(OFFERS, checker.delivered + ring.overruns(), "delivered + overruns == offered");
        assertEquals(checker.gaps + (OFFERS - checker.lastSeq), ring.overruns(), "every gap in the sequence is an overrun");
        assertEquals(0, ring.backlog());
    }

    @Test
    void shouldDropAndCountWhenFullWithoutOverwritingUnreadRecords() {
        SpscTraceRing ring = new SpscTraceRing(4);
        for (long s = 1; s <= 4; s++) assertTrue(ring.offer(s * 3, metaOf(s), s));
        assertFalse(ring.offer(15, metaOf(5), 5));
        assertFalse(ring.offer(18, metaOf(6), 6));
        assertEquals(2, ring.overruns());
        Checker checker = new Checker();
        assertEquals(4, ring.drain(checker, 100));
        assertEquals(4, checker.lastSeq);
        assertTrue(ring.offer(21, metaOf(7), 7), "room again after the drain");
        assertEquals(1, ring.drain(checker, 100));
        assertEquals(7, checker.lastSeq);
        assertNull(checker.failure, checker.failure);
    }

    @Test
    void shouldMoveRecordsIntoALaneAcrossTheRingsWrapAndTheLanesChunks() {
        SpscTraceRing ring = new SpscTraceRing(16);
        LaneEvents lane = new LaneEvents(3);
        long seq = 0;
        // fill to just before a lane chunk boundary, then cross it with wrapped ring contents
        while (lane.size() < LaneEvents.CHUNK - 5) {
            for (int k = 0; k < 13; k++) {
                seq++;
                assertTrue(ring.offer(seq * 3, metaOf(seq), seq));
            }
            assertEquals(13, ring.drainTo(lane, 100));
        }
        for (int k = 0; k < 16; k++) {
            seq++;
            ring.offer(seq * 3, metaOf(seq), seq);
        }
        assertEquals(7, ring.drainTo(lane, 7));
        assertEquals(9, ring.drainTo(lane, 100));
        assertEquals(0, ring.drainTo(lane, 100));
        assertEquals(seq, lane.size());
        for (int i = 0; i < lane.size(); i++) {
            long s = i + 1;
            assertEquals(s * 3, lane.ts(i));
            assertEquals(metaOf(s), lane.meta(i));
            assertEquals(s, lane.payload(i));
        }
    }

    /** Checks order, integrity and counts; never throws from the consumer loop. */
    static final class Checker implements SpscTraceRing.RecordSink {
        long delivered;
        long lastSeq;
        long gaps;
        String failure;

        @Override
        public void accept(long ts, long meta, long payload) {
            delivered++;
            long seq = payload;
            if (failure != null) return;
            if (seq <= lastSeq) failure = "seq " + seq + " after " + lastSeq + " (duplicate or reordered)";
            else if (ts != seq * 3 || meta != metaOf(seq)) failure = "torn record " + seq + ": ts=" + ts + " meta=" + meta;
            gaps += seq - lastSeq - 1;
            lastSeq = seq;
        }
    }
}
