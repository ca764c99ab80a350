package io.qpwscope.ftrace.capture;

import io.qpwscope.cli.QpwScopeCommand;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs {@code capture} on this kernel where root and tracefs exist; skips with the reason elsewhere. */
class CaptureTest {
    @TempDir Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCaptureAKworkerInterruptionOfTheLoopCpuAndAFlushWaitOfTheTriggerCpu() throws Exception {
        // A real capture depends on the host kernel's scheduling of a real SCHED_FIFO loop (one run
        // in four here saw the kworker run at once, so no flush wait): run it on purpose, not in
        // every build. mvn verify -Dqpwscope.realCapture=true
        assumeTrue(Boolean.getBoolean("qpwscope.realCapture"), "a real-kernel capture: set -Dqpwscope.realCapture=true");
        String why = Capture.unavailable(1);
        assumeTrue(why == null, () -> "capture cannot run here: " + why);
        String before = Files.readString(Tracefs.DEFAULT.resolve("set_event")) + Files.readString(Tracefs.DEFAULT.resolve("tracing_on"));
        Path out = dir.resolve("cap.qpwrec");
        CommandLine cl = QpwScopeCommand.commandLine();
        StringWriter so = new StringWriter(), se = new StringWriter();
        cl.setOut(new PrintWriter(so));
        cl.setErr(new PrintWriter(se));
        int rc = cl.execute("capture", "--cpu=1", "--seconds=2", "--out", out.toString());
        assertEquals(0, rc, se.toString());
        Recording rec = RecordingReader.load(out).recording();
        assertTrue(rec.meta().isolated(1), "the loop's CPU is the isolated CPU under study");
        assertFalse(rec.meta().isolated(0));
        assertTrue(rec.meta().scenarioName().startsWith(Capture.SCENARIO_PREFIX));
        CaptureFigures f = CaptureFigures.of(rec, 1, 0);
        assertTrue(f.interruptions() >= 1, so.toString());
        assertTrue(f.flushWaits() >= 1, so.toString());
        assertTrue(f.longestFlushWaitNs() >= 10_000_000L, "the kworker waits for RT throttling: " + so);
        String after = Files.readString(Tracefs.DEFAULT.resolve("set_event")) + Files.readString(Tracefs.DEFAULT.resolve("tracing_on"));
        assertEquals(before, after, "tracefs is left as it was found");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopTheLoopAndRestoreTracefsWhenCancelled() throws Exception {
        assumeTrue(Boolean.getBoolean("qpwscope.realCapture"), "a real-kernel capture: set -Dqpwscope.realCapture=true");
        String why = Capture.unavailable(1);
        assumeTrue(why == null, () -> "capture cannot run here: " + why);
        String before = Files.readString(Tracefs.DEFAULT.resolve("set_event")) + Files.readString(Tracefs.DEFAULT.resolve("tracing_on"))
                + Files.readString(Tracefs.DEFAULT.resolve("current_tracer"));
        long t0 = System.nanoTime();
        java.util.List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        Capture.Progress cancelAfterASecond = new Capture.Progress() {
            @Override
            public void step(String what, double fraction) {
                steps.add(what);
            }

            @Override
            public boolean isCancelled() {
                return System.nanoTime() - t0 > 1_000_000_000L;
            }
        };
        Thread.currentThread().interrupt(); // as a JavaFX Task's cancel would: tracefs must still be written back
        assertThrows(Capture.CancelledException.class, () -> Capture.run(new Capture.Options(1, 30, 200), cancelAfterASecond));
        Thread.interrupted();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds < 25, "a 30 s capture cancelled after 1 s ended in " + seconds + " s");
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("FIFO loop on CPU 1")), steps.toString());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(FifoLoop.NAME) && t.isAlive()),
                "the FIFO loop has ended");
        String after = Files.readString(Tracefs.DEFAULT.resolve("set_event")) + Files.readString(Tracefs.DEFAULT.resolve("tracing_on"))
                + Files.readString(Tracefs.DEFAULT.resolve("current_tracer"));
        assertEquals(before, after, "tracefs is left as it was found");
    }

    @Test
    void shouldRefuseAnImpossibleCpuInOneLine() {
        CommandLine cl = QpwScopeCommand.commandLine();
        StringWriter se = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(se));
        int rc = cl.execute("capture", "--cpu=4096", "--seconds=1", "--out", dir.resolve("x.qpwrec").toString());
        assertEquals(2, rc);
        assertEquals(1, se.toString().strip().lines().count(), se.toString());
        assertTrue(se.toString().startsWith("capture: "), se.toString());
        assertFalse(Files.exists(dir.resolve("x.qpwrec")));
    }
}
