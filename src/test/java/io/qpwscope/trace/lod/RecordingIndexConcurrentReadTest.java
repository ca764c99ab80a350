package io.qpwscope.trace.lod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A renderer thread queries the index while the collector thread appends and indexes, across
 * index chunk growth. Forbidden outcomes: an exception, a bucket whose own-state times do not
 * add up to its time inside the data seen, negative counts, more events than were appended.
 */
class RecordingIndexConcurrentReadTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldAnswerConsistentlyWhileEventsAreAppendedAndIndexed() throws Exception {
        final int cpus = 3;
        Recording source = SyntheticTrace.generate(cpus, 200_000, 23);
        Recording live = SyntheticTrace.recording(cpus);
        RecordingIndex index = new RecordingIndex(live);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] queries = new long[1];
        Thread reader = Thread.ofPlatform().name("renderer").start(() -> {
            BucketSummary out = new BucketSummary();
            StateProbe probe = new StateProbe();
            LaneIntervals it = new LaneIntervals();
            try {
                while (!done.get()) {
                    for (int cpu = 0; cpu < cpus; cpu++) {
                        long end = index.endTs();
                        int indexed = index.indexedEvents(cpu);
                        long b = end / 800 + 1;
                        index.summarize(cpu, 0, b, 800, out);
                        long events = 0;
                        for (int k = 0; k < 800; k++) {
                            long own = 0;
                            for (int s = 0; s < LaneState.OWN_STATES; s++) {
                                if (out.stateNs[s][k] < 0) throw new AssertionError("negative ns bucket " + k);
                                own += out.stateNs[s][k];
                            }
                            long a = Math.min(out.bucketStart(k), end);
                            if (own < Math.min(b, Math.max(0, end - a)))
                                throw new AssertionError("bucket " + k + " own " + own + " < its time in the data");
                            for (int t = 0; t < LaneWalk.TYPES; t++) {
                                if (out.counts[t][k] < 0) throw new AssertionError("negative count bucket " + k);
                            }
                            events += out.events(k);
                        }
                        if (events < indexed || events > live.lane(cpu).size()) {
                            throw new AssertionError("summary saw " + events + " events; indexed before " + indexed
                                    + ", appended " + live.lane(cpu).size());
                        }
                        index.stateAt(cpu, end / 2, probe);
                        index.intervals(cpu, end - end / 50, end, it);
                        while (it.next()) {
                            if (it.begin() > it.end()) throw new AssertionError("interval backwards");
                        }
                        queries[0]++;
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        int[] done_ = new int[cpus];
        boolean any = true;
        while (any && failure.get() == null) {
            any = false;
            for (int c = 0; c < cpus; c++) {
                int n = Math.min(source.lane(c).size() - done_[c], 997);
                if (n <= 0) continue;
                any = true;
                int from = live.lane(c).size();
                for (int k = 0; k < n; k++, done_[c]++) {
                    live.lane(c).append(source.lane(c).ts(done_[c]), source.lane(c).meta(done_[c]), source.lane(c).payload(done_[c]));
                }
                index.onEvents(c, live.lane(c), from, from + n);
            }
        }
        done.set(true);
        reader.join();
        assertNull(failure.get());
        assertTrue(queries[0] > 0);
        for (int c = 0; c < cpus; c++) assertEquals(source.lane(c).size(), index.indexedEvents(c));
    }
}
