package io.qpwscope.engine;

import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.scenario.ScenarioResolver;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.DrainListener;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failure policy: the first uncaught failure of an engine thread stops the run, visibly. */
class EngineFailureTest {

    private static EngineFailure awaitFailure(Engine e) throws InterruptedException {
        while (e.failure().isEmpty()) TimeUnit.MILLISECONDS.sleep(5);
        return e.failure().orElseThrow();
    }

    @Test
    void shouldFailTheEngineAndReleaseTheFlushingCpuWhenAWorkFunctionThrowsOnAnotherCpu(@TempDir Path dir) {
        for (int qpw = 0; qpw <= 1; qpw++) {
            Engine e = new Engine(ScenarioResolver.resolve(Scenarios.flushbufs(false, true, 20, "nohz_full=3"), qpw, null));
            List<EngineFailure> told = new CopyOnWriteArrayList<>();
            e.addFailureListener(told::add);
            e.start();
            FailureInjection.failingWork(e, 0, 2);
            EngineFailure f = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> awaitFailure(e));
            assertEquals("cpu/2", f.thread());
            assertEquals(2, f.cpu());
            String line = f.describe();
            assertTrue(line.startsWith("cpu/2 failed: LockdepException: cpu2: injected"), line);
            assertTrue(line.endsWith("in work fn lru_add_drain_per_cpu"), line);
            assertFalse(e.running(), "FAILED is not running");

            assertTimeoutPreemptively(Duration.ofSeconds(30), e::stop, "stop returns promptly after a failure");
            Summary s = e.summary();
            assertFalse(s.invariants().ok());
            assertEquals(line, s.invariants().violations().getFirst());
            assertTrue(s.invariants().violations().stream().noneMatch(v -> v.contains("deadlock")),
                    s.invariants().violations().toString());
            assertEquals(List.of(f), told, "the listener is told once");
            assertTrue(e.failure().isPresent(), "still FAILED after stop");

            // the recording up to the failure is kept, and saves and reads back
            long events = e.recording().eventCount();
            assertTrue(events > 0);
            Path out = dir.resolve("failed-" + qpw + ".qpwrec");
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> RecordingFiles.save(e.recording(), out, List.of(),
                    io.qpwscope.recording.ProgressListener.NONE));
            LoadedRecording loaded = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> RecordingReader.load(out));
            assertEquals(events, loaded.events());
        }
    }

    @Test
    void shouldStopCpusSpinningOnALockHeldByAFailedCpu() {
        Engine e = new Engine(ScenarioResolver.resolve(Scenarios.flushbufs(false, true, 1000, "nohz_full=3"), 1, null));
        e.start();
        Machine m = e.machine();
        QpwLock lock = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 4);
        CountDownLatch taken = new CountDownLatch(1);
        AtomicBoolean cpu0Spun = new AtomicBoolean(), queuedBehind = new AtomicBoolean();
        // cpu/2 takes cpu 2's lock and dies holding it once cpu/0 spins on that lock (queued behind it:
        // on a loaded host cpu/0 may reach its command long after cpu/2 took the lock)
        m.cpu(2).submit(self -> {
            m.qpw.qpw_lock(self, lock, 2);
            taken.countDown();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (lock.spinlock(2).waiters() == 0 && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000L);
            queuedBehind.set(lock.spinlock(2).waiters() > 0);
            throw new IllegalStateException("died holding " + Site.LRU_FBATCHES.kernelName);
        });
        m.cpu(0).submit(self -> {
            try {
                taken.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            cpu0Spun.set(true);
            m.qpw.qpw_lock(self, lock, 2);
        });
        EngineFailure f = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> awaitFailure(e));
        assertEquals("cpu/2", f.thread());
        assertTrue(f.describe().startsWith("cpu/2 failed: IllegalStateException: died holding"), f.describe());
        assertTimeoutPreemptively(Duration.ofSeconds(30), e::stop);
        assertTrue(cpu0Spun.get(), "cpu/0 was waiting for the lock");
        assertTrue(queuedBehind.get(), "cpu/0 was queued on the lock when cpu/2 died holding it");
        assertTrue(e.summary().invariants().violations().stream().noneMatch(v -> v.contains("deadlock")),
                e.summary().invariants().violations().toString());
    }

    @Test
    void shouldFailTheEngineNamingTheCollectorWhenADrainListenerThrows() {
        Engine e = new Engine(ScenarioResolver.resolve(Scenarios.flushbufs(false, true, 20, "nohz_full=3"), 0, null));
        e.collector().addListener(new DrainListener() {
            private int batches;

            @Override
            public void onEvents(int cpu, LaneEvents lane, int fromIndex, int toIndex) {
                if (++batches == 5) throw new IllegalStateException("index corrupted");
            }
        });
        e.start();
        EngineFailure f = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> awaitFailure(e));
        assertEquals(TraceCollector.THREAD_NAME, f.thread());
        assertEquals(-1, f.cpu());
        assertTrue(f.describe().contains("index corrupted"), f.describe());
        assertTimeoutPreemptively(Duration.ofSeconds(30), e::stop);
        assertFalse(e.running());
        assertTrue(e.recording().eventCount() > 0);
    }
}
