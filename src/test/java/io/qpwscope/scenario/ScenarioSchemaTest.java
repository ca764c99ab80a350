package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.qpwscope.scenario.Scenario.Costs;
import io.qpwscope.scenario.Scenario.Kernel;
import io.qpwscope.scenario.Scenario.Machine;
import io.qpwscope.scenario.Scenario.NarrationStep;
import io.qpwscope.scenario.Scenario.Sched;
import io.qpwscope.scenario.Scenario.TraceOptions;
import io.qpwscope.scenario.Scenario.TriggerSpec;
import io.qpwscope.scenario.Scenario.Workload;
import io.qpwscope.trace.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scenarios/scenario.schema.json against the loader: every shipped file passes both; what the
 * loader rejects for structural reasons the schema rejects too; the schema's fields, required
 * lists, defaults and enums are the loader's.
 */
class ScenarioSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA_FILE = Path.of("scenarios", "scenario.schema.json");
    private static final JsonNode SCHEMA_NODE = read(SCHEMA_FILE);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_NODE, SchemaValidatorsConfig.builder().build());

    private static final String BASE = """
            { "name": "s", "machine": { "cpus": 4 }, "kernel": { "boot": "nohz_full=3" },
              "workloads": [ { "cpus": "1-2", "task": "kmalloc" },
                             { "cpus": "3", "task": "rt-loop", "policy": "SCHED_FIFO", "priority": 1 } ],
              "triggers": [ { "action": "flushbufs", "cpu": 0, "everyMs": 300, "startMs": 100 } ],
              "durationMs": 1000 }""";

    private final ScenarioLoader loader = new ScenarioLoader();

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(Files.readString(p));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<ValidationMessage> schemaErrors(String json) throws IOException {
        return SCHEMA.validate(JSON.readTree(json));
    }

    @ParameterizedTest
    @MethodSource("io.qpwscope.scenario.ScenarioLoaderTest#shippedScenarios")
    void everyShippedScenarioMatchesTheSchema(Path file) {
        assertEquals(Set.of(), SCHEMA.validate(read(file)));
    }

    @Test
    void baseExamplePassesBoth() throws Exception {
        assertEquals(Set.of(), schemaErrors(BASE));
        loader.parse(BASE, "base");
    }

    static Stream<Arguments> structurallyBad() {
        return Stream.of(
                Arguments.of("unknown field", BASE.replace("\"durationMs\"", "\"duration\": 1, \"durationMs\"")),
                Arguments.of("unknown nested field", BASE.replace("\"cpus\": 4 }", "\"cpus\": 4, \"numa\": 1 }")),
                Arguments.of("missing required", BASE.replace("\"name\": \"s\", ", "")),
                Arguments.of("string for integer", BASE.replace("\"cpus\": 4", "\"cpus\": \"4\"")),
                Arguments.of("fraction for integer", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000.5")),
                Arguments.of("number for boolean", BASE.replace("\"cpus\": 4 }", "\"cpus\": 4, \"pin\": 1 }")),
                Arguments.of("number for string", BASE.replace("\"cpus\": \"3\"", "\"cpus\": 3")),
                Arguments.of("null", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000, \"sched\": null")),
                Arguments.of("too many cpus", BASE.replace("\"cpus\": 4", "\"cpus\": 65")),
                Arguments.of("zero duration", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 0")),
                Arguments.of("cpulist syntax", BASE.replace("\"1-2\"", "\"1-2;\"")),
                Arguments.of("cpu id above 63", BASE.replace("\"1-2\"", "\"64\"")),
                Arguments.of("unknown task", BASE.replace("\"kmalloc\"", "\"vmalloc\"")),
                Arguments.of("unknown policy", BASE.replace("SCHED_FIFO", "SCHED_RR")),
                Arguments.of("FIFO without priority", BASE.replace(", \"priority\": 1", "")),
                Arguments.of("FIFO priority 100", BASE.replace("\"priority\": 1", "\"priority\": 100")),
                Arguments.of("priority without FIFO", BASE.replace("\"task\": \"kmalloc\"", "\"task\": \"kmalloc\", \"priority\": 3")),
                Arguments.of("idle with FIFO", BASE.replace("\"rt-loop\"", "\"idle\"")),
                Arguments.of("objectSize 4", BASE.replace("\"task\": \"kmalloc\"", "\"task\": \"kmalloc\", \"objectSize\": 4")),
                Arguments.of("unknown trigger", BASE.replace("\"flushbufs\"", "\"sync\"")),
                Arguments.of("trigger that never fires", BASE.replace("\"everyMs\": 300, \"startMs\": 100", "\"atMs\": []")),
                Arguments.of("startMs without period", BASE.replace("\"everyMs\": 300, ", "\"atMs\": [5], ")),
                Arguments.of("ring not a power of two", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000, \"trace\": { \"ringRecords\": 3000 }")),
                Arguments.of("ring too small", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000, \"trace\": { \"ringRecords\": 512 }")),
                Arguments.of("negative cost", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000, \"costs\": { \"contextSwitchNs\": -1 }")),
                Arguments.of("blank narration", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000, \"narration\": [ { \"atMs\": 0, \"text\": \"  \" } ]")),
                Arguments.of("bad name", BASE.replace("\"name\": \"s\"", "\"name\": \"has space\"")),
                Arguments.of("root not an object", "[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structurallyBad")
    void schemaRejectsWhatTheLoaderRejects(String what, String json) throws IOException {
        assertThrows(ScenarioException.class, () -> loader.parse(json, what), "loader accepted: " + what);
        assertFalse(schemaErrors(json).isEmpty(), "schema accepted: " + what);
    }

    @Test
    void bothAcceptAnIntegralDecimalForAnInteger() throws Exception {
        String json = BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1.0e3");
        assertEquals(Set.of(), schemaErrors(json));
        assertEquals(1000, loader.parse(json, "d").durationMs());
    }

    /**
     * Rules that span fields, which JSON Schema cannot state: the loader alone enforces them,
     * and the schema's top-level description lists each one.
     */
    @Test
    void crossFieldRulesAreTheLoadersAndAreDocumentedInTheSchema() throws IOException {
        Map<String, String> loaderOnly = Map.of(
                "cpulist range must not run backwards", BASE.replace("\"1-2\"", "\"2-1\""),
                "below machine.cpus", BASE.replace("\"1-2\"", "\"1-2,9\""),
                "no CPU may appear in two workloads", BASE.replace("\"1-2\"", "\"1-3\""),
                "leave at least one housekeeping CPU", BASE.replace("nohz_full=3", "nohz_full=0-3"),
                "sched.rtRuntimeMs must not exceed sched.rtPeriodMs", BASE.replace("\"durationMs\": 1000", "\"durationMs\": 1000, \"sched\": { \"rtRuntimeMs\": 1001 }"),
                "must not be isolated by nohz_full= or isolcpus=", BASE.replace("\"cpu\": 0", "\"cpu\": 3"),
                "duplicate field names are errors", BASE.replace("\"name\": \"s\"", "\"name\": \"s\", \"name\": \"t\""));
        String doc = SCHEMA_NODE.get("description").asText();
        for (var e : loaderOnly.entrySet()) {
            assertThrows(ScenarioException.class, () -> loader.parse(e.getValue(), e.getKey()), e.getKey());
            assertEquals(Set.of(), schemaErrors(e.getValue()), e.getKey());
            assertTrue(doc.contains(e.getKey()), "schema description should mention: " + e.getKey());
        }
    }

    private static final Map<String, Class<?>> DEFS = Map.of(
            "machine", Machine.class, "kernel", Kernel.class, "sched", Sched.class, "workload", Workload.class,
            "trigger", TriggerSpec.class, "costs", Costs.class, "trace", TraceOptions.class, "narrationStep", NarrationStep.class);

    @Test
    void schemaFieldsRequiredListsAndDefaultsAreTheLoaders() {
        List<String> mismatches = new ArrayList<>();
        compare("(root)", SCHEMA_NODE, Scenario.class, mismatches);
        DEFS.forEach((def, type) -> compare(def, SCHEMA_NODE.get("$defs").get(def), type, mismatches));
        assertEquals(List.of(), mismatches);
    }

    private static void compare(String where, JsonNode schema, Class<?> type, List<String> out) {
        Set<String> props = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(props::add);
        props.remove(ScenarioFields.SCHEMA_FIELD);
        if (!props.equals(new TreeSet<>(ScenarioFields.names(type)))) out.add(where + " fields " + props);
        Set<String> required = new TreeSet<>();
        if (schema.has("required")) schema.get("required").forEach(n -> required.add(n.asText()));
        if (!required.equals(new TreeSet<>(ScenarioFields.required(type)))) out.add(where + " required " + required);
        if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()) {
            out.add(where + " allows additional properties");
        }
        ScenarioFields.DEFAULTS.get(type).forEach((field, value) -> {
            JsonNode prop = schema.get("properties").get(field);
            JsonNode declared = prop.has("$ref") ? SCHEMA_NODE.at(prop.get("$ref").asText().substring(1)).get("default") : prop.get("default");
            JsonNode expected = JSON.valueToTree(value);
            if (declared == null || !declared.equals((a, b) -> a.isNumber() && b.isNumber()
                    ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, expected)) {
                out.add(where + "." + field + " default " + declared + " != " + expected);
            }
        });
    }

    @Test
    void enumsAreTheLoadersLists() {
        JsonNode defs = SCHEMA_NODE.get("$defs");
        assertEquals(Workload.TASKS, strings(defs.at("/workload/properties/task/enum")));
        assertEquals(Workload.POLICIES, strings(defs.at("/workload/properties/policy/enum")));
        assertEquals(Arrays.stream(Trigger.values()).filter(t -> t != Trigger.NONE).map(t -> t.id).toList(),
                strings(defs.at("/trigger/properties/action/enum")));
        List<Integer> rings = new ArrayList<>();
        defs.at("/trace/properties/ringRecords/enum").forEach(n -> rings.add(n.asInt()));
        assertEquals(TraceOptions.MIN_RING_RECORDS, rings.getFirst());
        assertEquals(TraceOptions.MAX_RING_RECORDS, rings.getLast());
        assertEquals(15, rings.size());
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
