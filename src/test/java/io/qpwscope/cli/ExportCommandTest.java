package io.qpwscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingWriter;
import io.qpwscope.recording.SyntheticRecording;
import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExportCommandTest {
    @TempDir Path dir;
    Path rec;
    Recording recording;

    @BeforeEach
    void record() throws Exception {
        recording = SyntheticRecording.generate(4, 5_000, 61);
        rec = dir.resolve("run.qpwrec");
        RecordingFiles.save(recording, rec, List.of(), ProgressListener.NONE, new RecordingWriter.Options(1_000, false, 0));
    }

    private List<String> files() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldExportChromeJsonAndPrintItsPath() throws Exception {
        Path out = dir.resolve("run.json");
        CliHarness r = CliHarness.run(new ExportCommand(), rec.toString(), "--format=chrome", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(out + System.lineSeparator(), r.out());
        assertTrue(new ObjectMapper().readTree(out.toFile()).get("traceEvents").size() > 1000);
    }

    @Test
    void shouldExportCsvIntoADirectory() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("csv"));
        CliHarness r = CliHarness.run(new ExportCommand(), rec.toString(), "--format=csv", "--out", sub.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(recording.eventCount() + 1, Files.readAllLines(sub.resolve("run-events.csv")).size());
        assertEquals(recording.cpus() + 2, Files.readAllLines(sub.resolve("run-stats.csv")).size());
    }

    @Test
    void shouldFailWithOneLineAndNoOutputForAFileThatIsNotARecording() throws Exception {
        Path bad = dir.resolve("scenario.json");
        Files.writeString(bad, "{\"name\":\"x\"}");
        Path out = dir.resolve("out.json");
        CliHarness r = CliHarness.run(new ExportCommand(), bad.toString(), "--format=chrome", "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals("export: " + bad + ": not a QPW Scope recording (bad magic)" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(out));
        assertEquals(List.of("run.qpwrec", "scenario.json"), files());
    }

    @Test
    void shouldFailWithOneLineForAMissingFile() {
        CliHarness r = CliHarness.run(new ExportCommand(), dir.resolve("nope.qpwrec").toString(), "--format=csv", "--out",
                dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("export: cannot read " + dir.resolve("nope.qpwrec")), r.err());
    }

    @Test
    void shouldRejectAnUnknownFormatAndAMissingOutputDirectory() {
        CliHarness r = CliHarness.run(new ExportCommand(), rec.toString(), "--format=xml", "--out", "x.xml");
        assertEquals(2, r.exit());
        assertEquals("export: unknown --format 'xml' (expected chrome, csv, gif or mp4)", r.err().strip());
        CliHarness d = CliHarness.run(new ExportCommand(), rec.toString(), "--format=chrome", "--out",
                dir.resolve("no/such/dir/x.json").toString());
        assertEquals(2, d.exit());
        assertTrue(d.err().strip().endsWith("does not exist"), d.err());
        assertEquals(1, d.err().lines().count());
    }

    @Test
    void shouldRefuseToOverwriteTheRecordingItself() throws Exception {
        byte[] before = Files.readAllBytes(rec);
        CliHarness r = CliHarness.run(new ExportCommand(), rec.toString(), "--format=chrome", "--out", rec.toString());
        assertEquals(2, r.exit());
        assertArrayEquals(before, Files.readAllBytes(rec));
    }

    @Test
    void shouldExportATruncatedRecordingWithAWarning() throws Exception {
        byte[] b = Files.readAllBytes(rec);
        Path cut = dir.resolve("cut.qpwrec.partial");
        Files.write(cut, Arrays.copyOf(b, b.length / 2));
        Path out = dir.resolve("cut.json");
        CliHarness r = CliHarness.run(new ExportCommand(), cut.toString(), "--format=chrome", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().startsWith("export: warning: " + cut + ": recording ends early: 1 incomplete chunk ("), r.err());
        assertTrue(Files.exists(out));
    }
}
