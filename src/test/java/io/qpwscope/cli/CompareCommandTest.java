package io.qpwscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.SyntheticRecording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CompareCommandTest {
    @TempDir Path dir;
    Path a, b;

    @BeforeEach
    void record() throws Exception {
        a = dir.resolve("a.qpwrec");
        b = dir.resolve("b.qpwrec");
        RecordingFiles.save(SyntheticRecording.generate(4, 5_000, 71), a, List.of());
        RecordingFiles.save(SyntheticRecording.generate(2, 3_000, 72), b, List.of());
    }

    @Test
    void shouldPrintATableWithEveryCpuOfBoth() {
        CliHarness r = CliHarness.run(new CompareCommand(), a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cpu/3 (isolated)"), r.out());
        assertTrue(r.out().contains("all cpus"));
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("interruptions")));
        assertEquals("", r.err());
    }

    @Test
    void shouldPrintOneJsonObjectWithBothSummaries() throws Exception {
        CliHarness r = CliHarness.run(new CompareCommand(), a.toString(), b.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(a.toString(), root.get("a").get("file").asText());
        assertEquals(4, root.get("a").get("summary").get("cpus").size());
        assertEquals(2, root.get("b").get("summary").get("cpus").size());
        assertTrue(root.get("a").get("summary").get("all").get("interruptions").asLong() > 0);
        assertTrue(root.get("b").get("complete").asBoolean());
    }

    @Test
    void shouldFailWithOneLineForABadSecondFile() throws Exception {
        Path bad = dir.resolve("bad.qpwrec");
        Files.write(bad, new byte[] {'Q', 'P', 'W', 'R', 'E', 'C', 0, 0, 7, 0, 0, 0, 0, 0, 0, 0});
        CliHarness r = CliHarness.run(new CompareCommand(), a.toString(), bad.toString());
        assertEquals(2, r.exit());
        assertEquals("compare: " + bad + ": unsupported format version 7 (this build reads 1)", r.err().strip());
        assertEquals("", r.out());
    }
}
