package io.qpwscope.cli;

import io.qpwscope.recording.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImportCommandTest {
    @TempDir Path dir;

    static Path sample() throws Exception {
        return Path.of(ImportCommandTest.class.getResource("/io/qpwscope/ftrace/flushbufs-qpw0.txt").toURI());
    }

    @Test
    void shouldWriteARecordingAndExitZero() throws Exception {
        Path out = dir.resolve("real.qpwrec");
        CliHarness r = CliHarness.run(new ImportCommand(), sample().toString(), "--out", out.toString(), "--isolated", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("imported 13 events on 4 CPUs"), r.out());
        assertEquals(13, RecordingReader.load(out).events());
        assertTrue(RecordingReader.load(out).recording().meta().isolated(3));
    }

    @Test
    void shouldExitTwoNamingTheLineOfAMalformedEventAndWriteNothing() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# tracer: nop\n  cat-9 [000] d..2 1.5: workqueue_queue_work: work struct=garbage\n");
        Path out = dir.resolve("x.qpwrec");
        CliHarness r = CliHarness.run(new ImportCommand(), bad.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("import: bad.txt:2: workqueue_queue_work: cannot read"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldExitTwoWhenCpusIsBelowTheTracedCpus() throws Exception {
        CliHarness r = CliHarness.run(new ImportCommand(), sample().toString(), "--out", dir.resolve("y.qpwrec").toString(),
                "--cpus", "2");
        assertEquals(2, r.exit());
        assertEquals("import: --cpus 2 but the trace has events on CPU 3", r.err().strip());
    }

    @Test
    void shouldExitTwoForAMissingFile() {
        CliHarness r = CliHarness.run(new ImportCommand(), dir.resolve("none.txt").toString(), "--out", dir.resolve("z.qpwrec").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("import: ") && r.err().contains("none.txt"), r.err());
    }

    @Test
    void shouldBeASubcommandOfQpwscope() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = QpwScopeCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        Path rec = dir.resolve("top.qpwrec");
        assertEquals(0, cl.execute("import", sample().toString(), "--out", rec.toString()));
        assertEquals(13, RecordingReader.load(rec).events());
    }
}
