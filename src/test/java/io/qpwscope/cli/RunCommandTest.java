package io.qpwscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `run` contract of DESIGN.md on the seed's reproducer. */
class RunCommandTest {
    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = QpwScopeCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(60)
    void qpw0InterruptsTheIsolatedCpuOncePerDrainThatReachedItAndQpw1DoesNot(@TempDir Path dir) throws Exception {
        // the FIFO loop's kworker runs in the RT-throttling window at 950 ms: run past it
        Result r0 = run("run", "scenarios/isolated-rt-flushbufs.json", "--qpw=0", "--duration=1200ms", "--json",
                "--record=" + dir.resolve("q0.qpwrec"));
        assertEquals(0, r0.exit(), r0.err());
        JsonNode s0 = new ObjectMapper().readTree(r0.out());
        assertEquals(0, s0.get("qpw").asInt());
        assertEquals(0, s0.get("config").get("effectiveQpw").asInt());
        JsonNode cpu3 = s0.get("cpus").get(3);
        assertTrue(cpu3.get("isolated").asBoolean());
        long interruptions = cpu3.get("interruptions").asLong();
        assertTrue(interruptions >= 1, "a drain reached cpu3 and interrupted it");
        // one interruption per drain that reached cpu3 while its task ran (a drain still queued
        // when the run ends is executed as the CPU stops, which interrupts nothing)
        assertTrue(interruptions <= cpu3.get("workExecutedOn").asLong(), "no interruption without a drain");
        assertEquals(interruptions, cpu3.get("interruptionList").size());
        for (JsonNode i : cpu3.get("interruptionList")) {
            assertTrue(i.get("offCpuNs").asLong() > 0, "each interruption is measured");
            assertEquals("lru_add_drain_per_cpu", i.get("work").asText());
        }
        assertEquals(s0.get("work").get("queued").asLong(), s0.get("work").get("executed").asLong());
        assertTrue(s0.get("invariants").get("ok").asBoolean(), s0.get("invariants").toString());
        assertTrue(Files.size(dir.resolve("q0.qpwrec")) > 0, "--record wrote the recording");
        assertFalse(Files.exists(dir.resolve("q0.qpwrec.partial")), "no partial file left behind");

        // the recording made by run opens in compare and exports to a Chrome trace with flows
        Result cmp = run("compare", dir.resolve("q0.qpwrec").toString(), dir.resolve("q0.qpwrec").toString(), "--json");
        assertEquals(0, cmp.exit(), cmp.err());
        new ObjectMapper().readTree(cmp.out());
        Path chrome = dir.resolve("q0.json");
        Result exp = run("export", dir.resolve("q0.qpwrec").toString(), "--format=chrome", "--out", chrome.toString());
        assertEquals(0, exp.exit(), exp.err());
        JsonNode trace = new ObjectMapper().readTree(chrome.toFile());
        JsonNode events = trace.isArray() ? trace : trace.get("traceEvents");
        long starts = 0, ends = 0, slices = 0;
        for (JsonNode e : events) {
            switch (e.get("ph").asText()) {
                case "s" -> starts++;
                case "f" -> ends++;
                case "X" -> slices++;
                default -> { }
            }
        }
        assertTrue(starts > 0 && starts == ends, "every work item's queue -> run flow has both ends");
        assertTrue(slices > 0);

        Result r1 = run("run", "scenarios/isolated-rt-flushbufs.json", "--qpw=1", "--duration=600ms", "--json");
        assertEquals(0, r1.exit(), r1.err());
        JsonNode s1 = new ObjectMapper().readTree(r1.out());
        assertEquals(1, s1.get("qpw").asInt());
        assertEquals(0, s1.get("cpus").get(3).get("interruptions").asLong());
        assertEquals(0, s1.get("cpus").get(3).get("workExecutedOn").asLong());
        assertTrue(s1.get("work").get("executedByCaller").asLong() > 0, "drains ran in the caller");
        assertEquals(s1.get("work").get("queued").asLong(), s1.get("work").get("executed").asLong());
        assertTrue(s1.get("invariants").get("ok").asBoolean());
    }

    @Test
    void malformedScenarioIsOneClearLineAndExit2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"name\": \"x\",\n  \"machine\": {\"cpus\": \"four\"}\n}\n");
        Result r = run("run", bad.toString(), "--json");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(bad + ":"), r.err());
    }

    @Test
    void wrongFlagsAreRejected() {
        assertEquals(2, run("run", "scenarios/kmalloc-bench.json", "--qpw=2").exit());
        assertEquals(2, run("run", "scenarios/kmalloc-bench.json", "--duration=soon").exit());
        assertEquals(2, run("run", "no-such-file.json").exit());
    }
}
