package io.qpwscope.cli;

import io.qpwscope.engine.FailureInjection;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run} on a run whose engine fails: one line on stderr, exit 1, the recording kept. */
class RunFailureTest {
    @Test
    void shouldPrintOneLineAndExit1WhenAWorkFunctionFails(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("failed.qpwrec");
        StringWriter out = new StringWriter(), err = new StringWriter();
        System.setProperty(FailureInjection.PROPERTY, "3");
        int code;
        long t0 = System.nanoTime();
        try {
            CommandLine cl = QpwScopeCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cl.execute("run",
                    "scenarios/isolated-rt-flushbufs.json", "--qpw=0", "--duration=60s", "--record=" + rec));
        } finally {
            System.clearProperty(FailureInjection.PROPERTY);
        }
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, code, err.toString());
        String[] lines = err.toString().strip().split("\\R");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("qpwscope: cpu/3 failed: LockdepException: cpu3: injected"), lines[0]);
        assertTrue(lines[0].endsWith(" in work fn lru_add_drain_per_cpu"), lines[0]);
        assertTrue(tookMs < 55_000, "the run ended at the failure, not after --duration (" + tookMs + " ms)");
        LoadedRecording loaded = RecordingReader.load(rec);
        assertTrue(loaded.complete(), "the recording up to the failure is a complete file");
        assertTrue(loaded.events() > 0);
    }
}
