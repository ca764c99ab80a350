package io.qpwscope.engine.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTimeTest {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase().startsWith("linux");

    @TempDir
    Path proc;

    @Test
    void shouldFallBackToRusageWhenProcIsAbsent() {
        assumeTrue(LINUX);
        HostTime h = HostTime.probe(proc.resolve("missing"), true);
        assertEquals(HostSource.RUSAGE, h.source());
        assertTrue(h.available());
        try (HostTimeReader r = h.openCurrentThread()) {
            assertEquals(HostSource.RUSAGE, r.source());
            HostReading a = new HostReading();
            assertTrue(r.read(a));
            assertTrue(a.runNs() > 0);
            assertEquals(HostReading.UNKNOWN, a.waitNs());
            assertTrue(a.slices() >= 0);
        }
    }

    @Test
    void shouldReportStealUnknownWhenNeitherSourceExists() {
        HostTime h = HostTime.probe(proc, false);
        assertEquals(HostSource.UNKNOWN, h.source());
        assertFalse(h.available());
        try (HostClock c = new HostClock(h.openCurrentThread(), 0)) {
            assertEquals(HostSource.UNKNOWN, c.source());
            assertFalse(c.quietSinceSample(), "unknown is never 'quiet'");
            HostSplit s = c.sample();
            assertEquals(s.wallNs(), s.kernelNs());
            assertEquals(0, s.hostNs());
        }
    }

    @Test
    void shouldPickSchedstatWhereTheFileParses() throws IOException {
        assumeTrue(LINUX);
        Path f = proc.resolve("thread-self/schedstat");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "garbage\n");
        assertEquals(HostSource.RUSAGE, HostTime.probe(proc, true).source());
        Files.writeString(f, "1 2 3\n");
        assertEquals(HostSource.SCHEDSTAT, HostTime.probe(proc, true).source());
    }

    @Test
    void shouldUseSchedstatOnThisLinuxHost() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")));
        assertEquals(HostSource.SCHEDSTAT, HostTime.system().source());
        assertTrue(HostTime.currentTid() > 0);
        try (HostTimeReader r = HostTime.system().openCurrentThread()) {
            HostReading a = new HostReading();
            assertTrue(r.read(a));
            assertTrue(a.runNs() > 0 && a.waitNs() >= 0 && a.slices() > 0, a.toString());
            assertTrue(r.slices() >= a.slices());
        }
    }

    @Test
    void shouldReadAnotherThreadByTid() throws Exception {
        assumeTrue(HostTime.system().source() == HostSource.SCHEDSTAT);
        int[] tid = new int[1];
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            tid[0] = HostTime.currentTid();
            started.countDown();
            try {
                stop.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
        try (HostTimeReader r = HostTime.system().openThread(tid[0])) {
            HostReading a = new HostReading();
            assertEquals(HostSource.SCHEDSTAT, r.source());
            assertTrue(r.read(a));
            assertTrue(a.runNs() > 0 && a.slices() > 0, a.toString());
        } finally {
            stop.countDown();
            t.join(10_000);
        }
    }
}
