package io.qpwscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    private static final Path SEED = Path.of("scenarios/isolated-rt-flushbufs.json");

    @Test
    void shouldPrintOneJsonRowPerValueAndMode(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rows.csv");
        CliHarness r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> CliHarness.run(new SweepCommand(),
                SEED.toString(), "--param", "triggers[0].everyMs=100,300", "--duration=200ms", "--json", "--csv", csv.toString()));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("isolated-rt-flushbufs", j.get("scenario").asText());
        assertEquals("triggers[0].everyMs", j.get("parameter").asText());
        assertEquals(200_000_000L, j.get("durationNs").asLong());
        assertTrue(!j.get("cancelled").asBoolean());
        JsonNode rows = j.get("rows");
        assertEquals(4, rows.size());
        List<String> valueModes = new ArrayList<>();
        for (JsonNode row : rows) {
            valueModes.add(row.get("value").asText() + "/" + row.get("qpw").asInt());
            for (String field : List.of("interruptions", "interruptionsPerSec", "worstInterruptionKernelNs", "worstNoiseKernelNs",
                    "workQueuedToIsolated", "workDoneByCaller", "flushWaitMaxNs", "hostStealShare", "fastPathNsPerOp",
                    "fastPathLowNs", "fastPathHighNs", "ok")) {
                assertTrue(row.has(field), "row has " + field + ": " + row);
            }
            assertEquals(1, row.get("isolatedCpus").asInt());
        }
        assertEquals(List.of("100/0", "100/1", "300/0", "300/1"), valueModes);
        assertTrue(r.err().contains("sweep 4/4: triggers[0].everyMs=300 qpw=1"), "progress on stderr: " + r.err());
        assertEquals(5, Files.readAllLines(csv).size(), "CSV: header and 4 rows");
    }

    @Test
    void shouldPrintATableByDefault() {
        CliHarness r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliHarness.run(new SweepCommand(),
                SEED.toString(), "--param", "triggers[0].everyMs=300", "--duration=200ms"));
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("sweep isolated-rt-flushbufs over triggers[0].everyMs, 200 ms per run"), r.out());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("300 ")).count(), r.out());
    }

    @Test
    void shouldExitTwoNamingABadPathOrValue() {
        CliHarness path = CliHarness.run(new SweepCommand(), SEED.toString(), "--param", "triggers[4].everyMs=100");
        assertEquals(2, path.exit());
        assertTrue(path.err().contains("triggers[4].everyMs") && path.err().contains("no [4]"), path.err());
        CliHarness value = CliHarness.run(new SweepCommand(), SEED.toString(), "--param", "machine.cpus=4,99");
        assertEquals(2, value.exit());
        assertTrue(value.err().contains("machine.cpus=99 makes the scenario invalid")
                && value.err().contains("machine.cpus: must be between 1 and 64, got 99"), value.err());
        assertTrue(path.out().isEmpty() && value.out().isEmpty());
    }
}
