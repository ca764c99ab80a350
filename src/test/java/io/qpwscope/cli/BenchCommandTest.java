package io.qpwscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench command's contract: JSON shape, quick caveat, one-line errors. */
class BenchCommandTest {

    @Test
    @Timeout(180)
    void shouldPrintOneJsonObjectWithARatioInsideItsIntervalAndAVerdictPerRow() throws Exception {
        CliHarness r = CliHarness.run(new BenchCommand(), "--quick", "--json", "--iterations", "2000", "--repetitions", "5");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(5, root.get("repetitions").asInt());
        assertEquals(2000, root.get("iterations").asInt());
        assertTrue(root.get("quick").asBoolean());
        assertEquals(BenchCommand.QUICK_CAVEAT, root.get("caveat").asText());
        JsonNode rows = root.get("rows");
        assertEquals(7, rows.size());
        Set<String> verdicts = Set.of("reproduces", "contradicts", "inconclusive");
        for (JsonNode row : rows) {
            for (String f : new String[] {"kernel", "variant", "nsPerOp", "ratio", "ratioLow", "ratioHigh", "seedRatio", "verdict"}) {
                assertTrue(row.has(f), f + " in " + row);
            }
            double ratio = row.get("ratio").asDouble();
            assertTrue(row.get("nsPerOp").asDouble() > 0, row.toString());
            assertTrue(row.get("ratioLow").asDouble() <= ratio && ratio <= row.get("ratioHigh").asDouble(), row.toString());
            assertTrue(verdicts.contains(row.get("verdict").asText()), row.toString());
        }
        assertEquals("PREEMPT_DYNAMIC", rows.get(3).get("kernel").asText());
        assertEquals("qpw=1", rows.get(3).get("variant").asText());
        assertEquals(1.25, rows.get(3).get("seedRatio").asDouble(), 1e-9);
        assertEquals(1.0, rows.get(0).get("ratio").asDouble(), 1e-12, "the baseline divided by itself");
    }

    @Test
    @Timeout(180)
    void shouldPrintTheQuickCaveatOnStdoutWithTheTable() {
        CliHarness r = CliHarness.run(new BenchCommand(), "--quick", "--iterations", "2000", "--repetitions", "5");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(BenchCommand.QUICK_CAVEAT), r.out());
        assertTrue(r.out().contains("qpw=1") && r.out().contains("(baseline)"), r.out());
    }

    @Test
    void shouldExitTwoWithOneLineForBadValues() {
        for (String[] args : new String[][] {{"--iterations", "5"}, {"--repetitions", "2"}, {"--iterations", "60000000"}}) {
            CliHarness r = CliHarness.run(new BenchCommand(), args);
            assertEquals(2, r.exit(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("qpwscope bench: --"), r.err());
            assertTrue(r.out().isEmpty(), "nothing measured: " + r.out());
        }
    }

    @Test
    void shouldExitTwoForAnUnknownFlagThroughTheTopLevelCommand() {
        CommandLine cl = QpwScopeCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("bench", "--fast"));
        assertTrue(err.toString().lines().findFirst().orElse("").contains("--fast"), err.toString());
        assertFalse(out.toString().contains("kmalloc_bench"));
    }
}
