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

    @Test
    void shouldPutAMappedRealCpuBesideAModelCpuAndSayWhichIsWhich() throws Exception {
        Path real = dir.resolve("real.qpwrec");
        Path trace = Path.of(getClass().getResource("/io/qpwscope/ftrace/real-drain.txt").toURI());
        io.qpwscope.ftrace.FtraceImport.importFile(trace, real, null, 1L << 1);
        CliHarness r = CliHarness.run(new CompareCommand(), real.toString(), a.toString(), "--map", "1:3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("A cpu/1 (isolated) vs B cpu/3 (isolated)"), r.out());
        assertFalse(r.out().contains("\ncpu/0"), "only the mapped CPUs are listed");
        assertTrue(r.out().lines().findFirst().orElseThrow().contains("A (real kernel)"), r.out());
        assertTrue(r.out().lines().findFirst().orElseThrow().contains("B (model)"), r.out());

        CliHarness j = CliHarness.run(new CompareCommand(), real.toString(), a.toString(), "--map", "1:3", "--json");
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertEquals("imported", root.get("a").get("source").asText());
        assertTrue(root.get("a").get("realKernel").asBoolean());
        assertEquals("model", root.get("b").get("source").asText());
        assertEquals(3, root.get("map").get(0).get(1).asInt());
    }

    @Test
    void shouldRefuseAMapToACpuARecordingDoesNotHave() {
        CliHarness r = CliHarness.run(new CompareCommand(), a.toString(), b.toString(), "--map", "1:5");
        assertEquals(2, r.exit());
        assertEquals("compare: --map: B has no CPU 5 (it has 2)", r.err().strip());
    }
}
