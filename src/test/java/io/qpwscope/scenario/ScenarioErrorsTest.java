package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every class of error names the file, the exact line and column and the field path. The
 * inline documents start at line 1, column 1; expected columns count from 1.
 */
class ScenarioErrorsTest {
    private static final String VALID = """
            {
              "name": "t",
              "machine": { "cpus": 4 },
              "kernel": { "CONFIG_QPW": true, "boot": "nohz_full=3" },
              "workloads": [
                { "cpus": "0-1", "task": "kmalloc" },
                { "cpus": "3", "task": "rt-loop", "policy": "SCHED_FIFO", "priority": 1 }
              ],
              "triggers": [ { "action": "flushbufs", "cpu": 0, "everyMs": 100 } ],
              "durationMs": 500
            }
            """;

    private final ScenarioLoader loader = new ScenarioLoader();

    private List<Problem> problems(String json) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.parse(json, "t.json"));
        return e.problems();
    }

    private Problem only(String json) {
        List<Problem> ps = problems(json);
        assertEquals(1, ps.size(), () -> "expected one problem, got:\n" + ps);
        return ps.getFirst();
    }

    private static void assertAt(Problem p, int line, int column, String path) {
        assertEquals("t.json", p.file());
        assertEquals(line + ":" + column + " " + path, p.line() + ":" + p.column() + " " + p.path(), p::toString);
    }

    @Test
    void validExampleLoads() throws ScenarioException {
        Scenario s = loader.parse(VALID, "t.json");
        assertEquals(4, s.machine().cpus());
        assertEquals(CpuList.of(3), s.isolatedCpus());
    }

    @Test
    void shouldPointAtUnknownFieldNameAndSuggestTheKnownOne() {
        Problem p = only(VALID.replace("\"durationMs\": 500", "\"durationMs\": 500, \"duratonMs\": 5"));
        assertAt(p, 10, 22, "duratonMs");
        assertTrue(p.message().contains("did you mean \"durationMs\""), p.message());
    }

    @Test
    void shouldReportEveryUnknownFieldNotOnlyTheFirst() {
        List<Problem> ps = problems(VALID.replace("\"cpus\": 4 }", "\"cpus\": 4, \"numa\": 2 }")
                .replace("\"task\": \"kmalloc\"", "\"task\": \"kmalloc\", \"size\": 64"));
        assertEquals(2, ps.size(), ps::toString);
        assertAt(ps.get(0), 3, 27, "machine.numa");
        assertAt(ps.get(1), 6, 41, "workloads[0].size");
    }

    @Test
    void shouldRejectStringWhereNumberIsExpected() {
        Problem p = only(VALID.replace("\"cpus\": 4 }", "\"cpus\": \"4\" }"));
        assertAt(p, 3, 24, "machine.cpus");
        assertEquals("expected a whole number, got the string \"4\"", p.message());
    }

    @Test
    void shouldRejectNumberWhereBooleanIsExpected() {
        Problem p = only(VALID.replace("\"CONFIG_QPW\": true", "\"CONFIG_QPW\": 1"));
        assertAt(p, 4, 29, "kernel.CONFIG_QPW");
        assertEquals("expected true or false, got the number 1", p.message());
    }

    @Test
    void shouldRejectNumberWhereStringIsExpected() {
        Problem p = only(VALID.replace("\"cpus\": \"3\"", "\"cpus\": 3"));
        assertAt(p, 7, 15, "workloads[1].cpus");
    }

    @Test
    void shouldRejectFractionForIntegerButAcceptIntegralDecimal() throws ScenarioException {
        assertAt(only(VALID.replace("\"durationMs\": 500", "\"durationMs\": 500.5")), 10, 17, "durationMs");
        assertEquals(500, loader.parse(VALID.replace("\"durationMs\": 500", "\"durationMs\": 5.0e2"), "t.json").durationMs());
    }

    @Test
    void shouldRejectOutOfRangeValuesWithTheRange() {
        Problem p = only(VALID.replace("\"cpus\": 4 }", "\"cpus\": 65 }"));
        assertAt(p, 3, 24, "machine.cpus");
        assertEquals("must be between 1 and 64, got 65", p.message());
        assertAt(only(VALID.replace("\"durationMs\": 500", "\"durationMs\": 0")), 10, 17, "durationMs");
        assertAt(only(VALID.replace("\"durationMs\": 500", "\"durationMs\": 99999999999999999999")), 10, 17, "durationMs");
    }

    @Test
    void shouldRejectANumberWhoseExponentHasNoValue() {
        Problem p = only(VALID.replace("\"durationMs\": 500", "\"durationMs\": 1E9999999999"));
        assertAt(p, 10, 17, "durationMs");
        assertEquals("number 1E9999999999 is out of range", p.message());
    }

    @Test
    void shouldPointInsideTheStringAtABadCpulistPart() {
        Problem p = only(VALID.replace("\"cpus\": \"0-1\"", "\"cpus\": \"0-1,x\""));
        // the value's quote is at column 15; 'x' is the fifth character inside it
        assertAt(p, 6, 20, "workloads[0].cpus");
        assertTrue(p.message().startsWith("unexpected 'x'"), p.message());
    }

    @Test
    void shouldRejectBackwardsRangeAndCpuBeyondMachine() {
        assertTrue(only(VALID.replace("\"cpus\": \"0-1\"", "\"cpus\": \"1-0\"")).message().contains("runs backwards"));
        Problem p = only(VALID.replace("\"cpus\": \"0-1\"", "\"cpus\": \"0-1,4\""));
        assertAt(p, 6, 15, "workloads[0].cpus");
        assertEquals("CPU 4 is beyond the machine's 4 CPUs (0-3)", p.message());
    }

    @Test
    void shouldRejectACpuInTwoWorkloads() {
        Problem p = only(VALID.replace("\"cpus\": \"3\"", "\"cpus\": \"1,3\""));
        assertAt(p, 7, 15, "workloads[1].cpus");
        assertEquals("CPU 1 is already in workloads[0]: a CPU runs one workload", p.message());
    }

    @Test
    void shouldRejectTriggerIssuedFromIsolatedCpu() {
        Problem p = only(VALID.replace("\"cpu\": 0", "\"cpu\": 3"));
        assertAt(p, 9, 49, "triggers[0].cpu");
        assertTrue(p.message().contains("CPU 3 is isolated by the boot line (nohz_full=3)"), p.message());
        assertTrue(p.message().endsWith("(0-2)"), p.message());
    }

    @Test
    void shouldTreatManagedIrqOnlyIsolcpusAsHousekeeping() throws ScenarioException {
        String json = VALID.replace("nohz_full=3", "isolcpus=managed_irq,0");
        assertEquals(CpuList.EMPTY, loader.parse(json, "t.json").isolatedCpus());
    }

    @Test
    void shouldReportMalformedJsonWhereItBreaks() {
        Problem p = only(VALID.replace("\"durationMs\": 500", "\"durationMs\": 500,"));
        assertAt(p, 11, 1, "(root)");
        assertTrue(p.message().startsWith("malformed JSON: "), p.message());
    }

    @Test
    void shouldReportTruncatedFileAtItsEnd() {
        String cut = VALID.substring(0, VALID.indexOf("\"kmalloc\"") + 4);
        Problem p = only(cut);
        assertAt(p, 6, 34, "workloads[0].task");
        assertTrue(p.message().contains("end-of-input"), p.message());
    }

    @Test
    void shouldRejectEmptyDocumentAndTrailingContent() {
        assertAt(only(""), 1, 1, "(root)");
        assertAt(only("  \n"), 1, 1, "(root)");
        Problem p = only(VALID + "{}");
        assertAt(p, 12, 1, "(root)");
        assertEquals("unexpected '{' after the end of the document", p.message());
    }

    @Test
    void shouldRejectDuplicateKeyNamingTheFirst() {
        Problem p = only(VALID.replace("\"name\": \"t\",", "\"name\": \"t\", \"name\": \"u\","));
        assertAt(p, 2, 16, "name");
        assertEquals("duplicate field \"name\" (first given at line 2, column 3)", p.message());
    }

    @Test
    void shouldRejectNullAndListMissingRequiredFields() {
        Problem nul = only(VALID.replace("\"name\": \"t\",", "\"name\": \"t\", \"sched\": null,"));
        assertAt(nul, 2, 25, "sched");
        Problem missing = only(VALID.replace("\"cpus\": \"3\", ", ""));
        assertAt(missing, 7, 5, "workloads[1]");
        assertEquals("missing required field \"cpus\"", missing.message());
        Problem two = only("{ \"name\": \"t\", \"machine\": {\"cpus\": 1}, \"kernel\": {} }");
        assertAt(two, 1, 1, "(root)");
        assertEquals("missing required fields \"workloads\", \"durationMs\"", two.message());
    }

    @Test
    void shouldTieFifoToAPriority() {
        Problem p = only(VALID.replace(", \"priority\": 1", ""));
        assertAt(p, 7, 5, "workloads[1].priority");
        assertTrue(p.message().startsWith("SCHED_FIFO needs a priority"), p.message());
        Problem q = only(VALID.replace("\"task\": \"kmalloc\"", "\"task\": \"kmalloc\", \"priority\": 5"));
        assertAt(q, 6, 53, "workloads[0].priority");
    }

    @Test
    void shouldRejectUnknownEnumValues() {
        assertAt(only(VALID.replace("\"kmalloc\"", "\"vmalloc\"")), 6, 30, "workloads[0].task");
        assertAt(only(VALID.replace("\"flushbufs\"", "\"sync\"")), 9, 29, "triggers[0].action");
        assertAt(only(VALID.replace("\"flushbufs\"", "\"-\"")), 9, 29, "triggers[0].action");
        assertAt(only(VALID.replace("SCHED_FIFO", "SCHED_RR")), 7, 49, "workloads[1].policy");
    }

    @Test
    void shouldCheckBootLineListsAgainstTheMachine() {
        Problem p = only(VALID.replace("nohz_full=3", "nohz_full=3-5"));
        // "boot": "nohz_full=3-5": the value's quote is at column 43, the list starts 10 characters in
        assertAt(p, 4, 54, "kernel.boot");
        assertEquals("nohz_full=3-5 names CPU 4, but the machine has 4 CPUs (0-3)", p.message());
        Problem flag = only(VALID.replace("nohz_full=3", "isolcpus=nohz,nozh,3"));
        assertAt(flag, 4, 58, "kernel.boot");
        assertTrue(flag.message().startsWith("unknown isolcpus flag 'nozh'"), flag.message());
        List<Problem> all = problems(VALID.replace("nohz_full=3", "nohz_full=0-3"));
        assertAt(all.getFirst(), 4, 54, "kernel.boot");
        assertTrue(all.getFirst().message().startsWith("isolates every CPU"), all::toString);
    }

    @Test
    void shouldAcceptUnparsableQpwAndUnknownBootWords() throws ScenarioException {
        Scenario s = loader.parse(VALID.replace("nohz_full=3", "qpw=junk quiet loglevel=7 nohz_full=3"), "t.json");
        assertEquals("junk", s.bootLine().qpw().orElseThrow());
    }

    @Test
    void shouldRejectRuntimeAbovePeriodAndRingThatIsNotAPowerOfTwo() {
        List<Problem> ps = problems(VALID.replace("\"durationMs\": 500",
                "\"durationMs\": 500, \"sched\": { \"rtRuntimeMs\": 1200 }, \"trace\": { \"ringRecords\": 3000 }"));
        assertEquals(2, ps.size(), ps::toString);
        assertAt(ps.get(0), 10, 48, "sched.rtRuntimeMs");
        assertTrue(ps.get(0).message().contains("must not exceed rtPeriodMs (1000)"), ps.get(0).message());
        assertAt(ps.get(1), 10, 82, "trace.ringRecords");
    }

    @Test
    void shouldCollectEverySemanticProblemInFileOrder() {
        List<Problem> ps = problems(VALID.replace("\"cpus\": 4 }", "\"cpus\": 4, \"pin\": true }")
                .replace("\"kmalloc\" }", "\"kmalloc\", \"objectSize\": 4 }")
                .replace("\"cpu\": 0", "\"cpu\": 3")
                .replace("\"durationMs\": 500", "\"durationMs\": 5000000"));
        assertEquals(List.of("workloads[0].objectSize", "triggers[0].cpu", "durationMs"), ps.stream().map(Problem::path).toList());
    }

    @Test
    void shouldRejectAWrittenZeroThatWithDefaultsWouldReplace() {
        List<Problem> ps = problems(VALID.replace("\"kmalloc\" }", "\"kmalloc\", \"objectSize\": 0, \"opsPerLoop\": 0 }"));
        assertEquals(List.of("workloads[0].objectSize", "workloads[0].opsPerLoop"), ps.stream().map(Problem::path).toList());
    }

    @Test
    void shouldRequireTriggersToFire() {
        List<Problem> ps = problems(VALID.replace("\"everyMs\": 100", "\"startMs\": 5"));
        assertEquals(List.of("triggers[0]", "triggers[0].startMs"), ps.stream().map(Problem::path).toList());
        Problem q = only(VALID.replace(", \"everyMs\": 100", ""));
        assertAt(q, 9, 17, "triggers[0]");
        assertTrue(q.message().startsWith("never fires"), q.message());
    }

    @Test
    void problemPrintsAsFileLineColumnPathMessage() {
        assertEquals("a.json:3:7: workloads[1].cpus: bad", new Problem("a.json", 3, 7, "workloads[1].cpus", "bad").toString());
    }
}
