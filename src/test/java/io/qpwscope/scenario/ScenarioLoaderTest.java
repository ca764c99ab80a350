package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.scenario.Scenario.Costs;
import io.qpwscope.scenario.Scenario.Sched;
import io.qpwscope.scenario.Scenario.TraceOptions;
import io.qpwscope.scenario.Scenario.Workload;
import io.qpwscope.trace.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {
    static final Path SCENARIOS = Path.of("scenarios");

    private final ScenarioLoader loader = new ScenarioLoader();

    static Stream<Path> shippedScenarios() throws IOException {
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".schema.json"))
                    .sorted().toList();
            assertTrue(files.size() >= 6, "scenarios/ lost files: " + files);
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void everyShippedScenarioLoadsAndIsNamedAfterItsFile(Path file) throws Exception {
        Scenario s = loader.load(file);
        assertEquals(file.getFileName().toString().replace(".json", ""), s.name());
        assertFalse(s.description().isBlank(), "shipped scenarios describe themselves");
        assertEquals(s, loader.loadBundled(file.getFileName().toString()), "the jar carries the same file");
    }

    @Test
    void defaultScenarioIsTheSeedReproducer() throws Exception {
        Scenario s = loader.loadDefault();
        assertEquals("isolated-rt-flushbufs", s.name());
        assertEquals(4, s.machine().cpus());
        assertTrue(s.kernel().CONFIG_QPW());
        assertFalse(s.kernel().CONFIG_QPW_DEFAULT());
        assertEquals(CpuList.of(3), s.isolatedCpus());
        assertTrue(s.bootLine().kernelNoiseIsolation(), "v3 auto-enables qpw=1");
        assertTrue(s.bootLine().qpw().isEmpty());
        Workload rt = s.workloadOn(3).orElseThrow();
        assertEquals(Workload.RT_LOOP, rt.task());
        assertTrue(rt.usesFifo());
        assertEquals(1, rt.priority());
        assertTrue(rt.writeBeforeLoop());
        assertEquals(0, rt.writeEveryMs(), "the seed's task writes once, before its loop");
        Workload periodic = loader.load(SCENARIOS.resolve("isolated-rt-periodic-write.json")).workloadOn(3).orElseThrow();
        assertTrue(periodic.writeBeforeLoop() && periodic.writeEveryMs() > 0, "periodic writes have their own scenario");
        assertEquals(Trigger.FLUSHBUFS, s.triggers().getFirst().trigger());
        assertEquals(0, s.triggers().getFirst().cpu());
        assertTrue(s.workloadOn(0).isEmpty(), "CPU 0 only issues the flushes");
        assertEquals(2000, s.durationMs());
        assertTrue(s.narration().size() >= 4 && s.narration().size() <= 6);
    }

    @Test
    void omittedOptionalPartsTakeTheirDefaults() throws ScenarioException {
        Scenario s = loader.parse("""
                { "name": "m", "machine": { "cpus": 2 }, "kernel": {},
                  "workloads": [ { "cpus": "1", "task": "kmalloc" } ],
                  "triggers": [ { "action": "mlock", "cpu": 0, "atMs": [5] } ],
                  "durationMs": 10, "sched": { "rtThrottling": false } }""", "m.json");
        assertEquals("", s.description());
        assertEquals(new Sched(false, 1000, 950, 0, false), s.sched(), "a partial object gets the other fields' defaults");
        assertEquals(Costs.DEFAULT, s.costs());
        assertEquals(TraceOptions.DEFAULT, s.trace());
        assertEquals(List.of(), s.narration());
        assertEquals(new Scenario.Kernel(false, false, false, ""), s.kernel());
        assertFalse(s.machine().pin());
        Workload w = s.workloads().getFirst();
        assertEquals(new Workload("1", "kmalloc", "SCHED_OTHER", 0, 64, 1, false, 0, 0), w);
        assertEquals(0, s.triggers().getFirst().everyMs());
        assertThrows(UnsupportedOperationException.class, () -> s.workloads().add(w), "loaded lists are unmodifiable");
    }

    @Test
    void costDefaultIsHalfTheMeasuredMigrationThreadInterruption() {
        // DOMAIN.md: migration thread 3.1 us = two switches (task -> kthread -> task)
        assertEquals(1500, Costs.DEFAULT.contextSwitchNs());
    }

    @Test
    void withDefaultsFillsAScenarioBuiltInCode() {
        Scenario bare = new Scenario("c", null, new Scenario.Machine(1, false), new Scenario.Kernel(true, false, false, null),
                null, List.of(new Workload("0", "kmalloc", null, 0, 0, 0, false, 0, 0)), null, 5, null, null, null);
        Scenario s = bare.withDefaults();
        assertEquals(Sched.DEFAULT, s.sched());
        assertEquals("", s.kernel().boot());
        assertEquals(new Workload("0", "kmalloc", "SCHED_OTHER", 0, 64, 1, false, 0, 0), s.workloads().getFirst());
        assertEquals(List.of(), s.triggers());
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void toJsonReadsBackToAnEqualScenario(Path file) throws Exception {
        Scenario s = loader.load(file);
        assertEquals(s, loader.parse(loader.toJson(s), "round-trip"));
    }

    @Test
    void missingFileIsAnIOExceptionNotAProblem(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> loader.load(dir.resolve("nope.json")));
    }

    @Test
    void bytesThatAreNotUtf8ArePlaced(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.json");
        Files.write(f, "{\n  \"name\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.ISO_8859_1));
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.load(f));
        Problem p = e.problems().getFirst();
        assertEquals(f.toString(), p.file());
        assertEquals(2 + ":" + 15, p.line() + ":" + p.column());
        assertTrue(p.message().contains("0xE9"), p.message());
    }

    @Test
    void byteOrderMarkAndSchemaReferenceAreAccepted() throws ScenarioException {
        String json = "\uFEFF{ \"$schema\": \"./scenario.schema.json\", \"name\": \"b\", \"machine\": { \"cpus\": 1 },"
                + " \"kernel\": {}, \"workloads\": [], \"durationMs\": 1 }";
        assertEquals("b", loader.parse(json, "b.json").name());
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.parse(json.replace("\"./scenario.schema.json\"", "1"), "b.json"));
        assertEquals("$schema", e.problems().getFirst().path());
    }

    /** Stage safety: no prefix of a real scenario makes the loader throw anything but a placed ScenarioException. */
    @Test
    @Timeout(60)
    void everyTruncationOfTheDefaultScenarioFailsCleanly() throws IOException {
        String text = Files.readString(SCENARIOS.resolve(ScenarioLoader.DEFAULT_SCENARIO));
        long lines = text.lines().count();
        for (int cut = 0; cut < text.stripTrailing().length(); cut++) {
            String prefix = text.substring(0, cut);
            int at = cut;
            ScenarioException e = assertThrows(ScenarioException.class, () -> loader.parse(prefix, "cut"), () -> "cut at " + at);
            for (Problem p : e.problems()) {
                assertTrue(p.line() >= 1 && p.line() <= lines + 1 && p.column() >= 1, () -> "cut at " + at + ": " + p);
            }
        }
    }

    /** Deleting any single character either leaves a valid scenario or yields placed problems, never a crash. */
    @Test
    @Timeout(60)
    void everySingleCharacterDeletionFailsCleanlyOrStillLoads() throws IOException {
        String text = Files.readString(SCENARIOS.resolve("contention.json"));
        int failures = 0;
        for (int i = 0; i < text.length(); i++) {
            String mutated = text.substring(0, i) + text.substring(i + 1);
            try {
                loader.parse(mutated, "mutated");
            } catch (ScenarioException e) {
                failures++;
                assertFalse(e.problems().isEmpty());
            }
        }
        assertTrue(failures > text.length() / 10, "most deletions in structure must be caught: " + failures);
    }
}
