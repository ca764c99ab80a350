package io.qpwscope.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TraceCollectorTest {
    static Recording recording(int cpus) {
        return new Recording(RecordingMeta.builder().scenario("test", "{}").machine(cpus, 0, 2, false)
                .config(true, false, false).recordedBy("25", "test").build());
    }

    /** Records batches per lane and checks they are contiguous; runs on the collector thread. */
    static final class BatchLog implements DrainListener {
        final int[] next;
        int batches;
        int rounds;
        int halts;
        long haltOverruns = -1;
        String failure;

        BatchLog(int cpus) {
            next = new int[cpus];
        }

        @Override
        public void onEvents(int cpu, LaneEvents lane, int fromIndex, int toIndex) {
            batches++;
            if (fromIndex != next[cpu] || toIndex <= fromIndex || toIndex > lane.size()) {
                failure = "cpu " + cpu + " batch [" + fromIndex + "," + toIndex + ") after " + next[cpu];
            }
            next[cpu] = toIndex;
        }

        @Override
        public void onRoundEnd(long totalOverruns) {
            rounds++;
        }

        @Override
        public void onHalt(long totalOverruns) {
            halts++;
            haltOverruns = totalOverruns;
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCollectEveryRecordOfEveryCpuInOrderOrCountItAsOverrun() throws Exception {
        final int cpus = 4;
        final int perCpu = 300_000;
        Recording rec = recording(cpus);
        TracePipeline pipeline = new TracePipeline(rec, 1024, System.nanoTime());
        BatchLog log = new BatchLog(cpus);
        pipeline.collector().addListener(log);
        pipeline.start();
        assertEquals(TraceCollector.RUNNING, pipeline.collector().state());

        List<Thread> producers = new ArrayList<>();
        long[] accepted = new long[cpus];
        AtomicReference<Throwable> error = new AtomicReference<>();
        for (int c = 0; c < cpus; c++) {
            final int cpu = c;
            producers.add(Thread.ofPlatform().name("cpu/" + c).start(() -> {
                try {
                    CpuTrace t = pipeline.cpu(cpu);
                    long ok = 0;
                    for (int seq = 1; seq <= perCpu; seq++) {
                        if (t.emit(seq, EventType.LOCK_ACQUIRE, (cpu + 1) % cpus, 1, seq, seq)) ok++;
                    }
                    accepted[cpu] = ok;
                } catch (Throwable e) {
                    error.set(e);
                }
            }));
        }
        for (Thread p : producers) p.join();
        pipeline.halt();

        assertNull(error.get());
        assertNull(pipeline.collector().failure());
        assertEquals(TraceCollector.HALTED, pipeline.collector().state());
        long overruns = 0;
        for (int c = 0; c < cpus; c++) {
            LaneEvents lane = rec.lane(c);
            assertEquals(accepted[c], lane.size(), "lane " + c + " holds every accepted record");
            long last = 0;
            for (int i = 0; i < lane.size(); i++) {
                long seq = lane.payload(i);
                assertTrue(seq > last, "lane " + c + " in order at " + i);
                assertEquals(seq, lane.ts(i));
                assertEquals(c, TraceDescriptor.cpu(lane.meta(i)));
                assertEquals((c + 1) % cpus, TraceDescriptor.peer(lane.meta(i)));
                assertEquals((int) seq, TraceDescriptor.aux(lane.meta(i)));
                last = seq;
            }
            overruns += perCpu - accepted[c];
        }
        assertEquals(overruns, rec.overruns(), "recording overruns = records refused by the rings");
        assertEquals(cpus * (long) perCpu, rec.eventCount() + rec.overruns(), "collected + overruns == offered");
        assertEquals(rec.eventCount(), pipeline.collector().collected());
        assertNull(log.failure, log.failure);
        assertTrue(log.batches < rec.eventCount() / 8, "listener told per batch, not per event: " + log.batches);
        assertTrue(log.rounds <= log.batches);
        assertEquals(1, log.halts);
        assertEquals(overruns, log.haltOverruns);
    }

    @Test
    void shouldDrainOnTheCallerWhenHaltedWithoutStarting() {
        Recording rec = recording(2);
        TracePipeline pipeline = new TracePipeline(rec, 16, 0);
        for (int i = 0; i < 20; i++) pipeline.cpu(1).emit(i, EventType.NOISE, -1, 0, 0, 100);
        pipeline.halt();
        assertEquals(TraceCollector.HALTED, pipeline.collector().state());
        assertEquals(16, rec.lane(1).size());
        assertEquals(4, rec.overruns());
        assertEquals(0, rec.lane(0).size());
    }

    @Test
    void shouldDrainMoreThanOneBatchPerRingInTheFinalDrain() {
        Recording rec = recording(1);
        SpscTraceRing ring = new SpscTraceRing(64);
        TraceCollector collector = new TraceCollector(rec, new SpscTraceRing[] {ring}, BackoffIdleStrategy.defaults(), 5, 0);
        CpuTrace t = new CpuTrace(0, ring, 0);
        for (int i = 0; i < 60; i++) t.emit(i, EventType.WORK_QUEUED, 0, 0, 0, i);
        collector.halt();
        assertEquals(60, rec.lane(0).size());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDropAThrowingListenerAndKeepCollecting() {
        Recording rec = recording(1);
        TracePipeline pipeline = new TracePipeline(rec, 64, 0);
        BatchLog log = new BatchLog(1);
        pipeline.collector().addListener((cpu, lane, from, to) -> {
            throw new IllegalStateException("disk full");
        });
        pipeline.collector().addListener(log);
        for (int i = 0; i < 10; i++) pipeline.cpu(0).emit(i, EventType.NOISE, -1, 0, 0, 1);
        assertEquals(10, pipeline.collector().doWork());
        for (int i = 10; i < 20; i++) pipeline.cpu(0).emit(i, EventType.NOISE, -1, 0, 0, 1);
        pipeline.halt();
        assertEquals(20, rec.lane(0).size());
        assertNotNull(pipeline.collector().listenerFailure());
        assertEquals(20, log.next[0], "the healthy listener saw every batch");
        assertNull(log.failure);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRefuseASecondStartAndAllowRepeatedHalts() {
        Recording rec = recording(1);
        TracePipeline pipeline = new TracePipeline(rec, 64, 0);
        pipeline.start();
        assertThrows(IllegalStateException.class, pipeline::start);
        pipeline.halt();
        pipeline.halt();
        assertEquals(TraceCollector.HALTED, pipeline.collector().state());
    }

    @Test
    void shouldRejectRingsThatDoNotMatchTheRecordingsCpus() {
        Recording rec = recording(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TraceCollector(rec, new SpscTraceRing[] {new SpscTraceRing(16)}));
        assertTrue(e.getMessage().contains("1 rings for a recording of 3 CPUs"), e.getMessage());
    }

    @Test
    void shouldPackTheCpuAndFieldsIntoTheMetaWord() {
        Recording rec = recording(8);
        TracePipeline pipeline = new TracePipeline(rec, 16, 0);
        pipeline.cpu(7).emit(42, EventType.LOCK_RELEASE, -1, Site.SLUB_SHEAVES.code,
                TraceDescriptor.LOCK_SPIN | TraceDescriptor.LOCK_REMOTE, 99);
        pipeline.halt();
        long meta = rec.lane(7).meta(0);
        assertEquals(EventType.LOCK_RELEASE.code, TraceDescriptor.type(meta));
        assertEquals(7, TraceDescriptor.cpu(meta));
        assertEquals(-1, TraceDescriptor.peer(meta));
        assertEquals(Site.SLUB_SHEAVES.code, TraceDescriptor.fn(meta));
        assertEquals(TraceDescriptor.LOCK_SPIN | TraceDescriptor.LOCK_REMOTE, TraceDescriptor.aux(meta));
        assertEquals(42, rec.lane(7).ts(0));
        assertEquals(99, rec.lane(7).payload(0));
    }
}
