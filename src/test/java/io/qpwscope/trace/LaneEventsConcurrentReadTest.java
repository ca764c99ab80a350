package io.qpwscope.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reader thread reads a lane while the writer appends across chunk boundaries and
 * directory growth. Forbidden outcome: any index below the size the reader saw holding a
 * zero or partially written record.
 */
class LaneEventsConcurrentReadTest {
    /** Past 16 chunks of 64 Ki, so the chunk directory grows while being read. */
    private static final int EVENTS = 20 * LaneEvents.CHUNK + 123;

    static long metaOf(int i) {
        return TraceDescriptor.meta(EventType.LOCK_ACQUIRE, 5, i % 7, i % 9, i);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverShowATornOrZeroRecordBelowThePublishedSize() throws Exception {
        LaneEvents lane = new LaneEvents(5);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong checked = new AtomicLong();
        Thread reader = Thread.ofPlatform().daemon(true).name("reader").start(() -> {
            long n = 0;
            int probe = 0;
            while (failure.get() == null) {
                final boolean last = done.get();
                final int size = lane.size();
                // the newest records, the first of the newest chunk, and a walk over older ones
                for (int k = Math.max(0, size - 64); k < size; k++) n += check(lane, k, failure);
                if (size > 0) {
                    n += check(lane, (size - 1) & ~LaneEvents.CHUNK_MASK, failure);
                    probe = (probe + 7919) % size;
                    n += check(lane, probe, failure);
                    if (lane.lowerBound(size - 1L) > size - 1) failure.compareAndSet(null, "lowerBound past size");
                }
                if (last) break;
            }
            checked.set(n);
        });
        long[] rows = new long[3 * 1000];
        for (int i = 0; i < EVENTS; ) {
            if (i % 3 == 0) {
                lane.append(i, metaOf(i), 7L * i + 1);
                i++;
            } else {
                // a bulk batch, as the collector appends
                int n = Math.min(1 + i % 997, EVENTS - i);
                for (int k = 0; k < n; k++) {
                    rows[3 * k] = i + k;
                    rows[3 * k + 1] = metaOf(i + k);
                    rows[3 * k + 2] = 7L * (i + k) + 1;
                }
                lane.appendRows(rows, 0, n);
                i += n;
            }
        }
        done.set(true);
        reader.join();
        assertEquals(null, failure.get());
        assertTrue(checked.get() > 0);
        assertEquals(EVENTS, lane.size());
        for (int i = 0; i < EVENTS; i += 997) assertEquals(1, check(lane, i, failure));
    }

    private static int check(LaneEvents lane, int i, AtomicReference<String> failure) {
        long ts = lane.ts(i);
        long meta = lane.meta(i);
        long payload = lane.payload(i);
        if (ts != i || meta != metaOf(i) || payload != 7L * i + 1) {
            failure.compareAndSet(null, "index " + i + " read ts=" + ts + " meta=" + meta + " payload=" + payload);
        }
        return 1;
    }
}
