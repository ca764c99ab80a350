package io.qpwscope.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qpwscope.scenario.Scenario.Costs;
import io.qpwscope.scenario.Scenario.Kernel;
import io.qpwscope.scenario.Scenario.Machine;
import io.qpwscope.scenario.Scenario.NarrationStep;
import io.qpwscope.scenario.Scenario.Sched;
import io.qpwscope.scenario.Scenario.TraceOptions;
import io.qpwscope.scenario.Scenario.TriggerSpec;
import io.qpwscope.scenario.Scenario.Workload;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields each scenario object has, which are required and what the others default to;
 * and the walk over a {@link SourceTree} that fills in defaults and reports unknown and
 * missing fields (all of them, not only the first) before Jackson binds the tree.
 *
 * <p>The field names are the record components of {@link Scenario} and its nested records;
 * a field is required exactly when it has no entry in {@link #DEFAULTS}. The schema's
 * {@code required} lists and {@code default} keywords must say the same (a test checks).
 */
final class ScenarioFields {
    /** Top-level field editors use to find the schema; accepted and dropped. */
    static final String SCHEMA_FIELD = "$schema";

    /** Default value of each optional field, per object type. */
    static final Map<Class<?>, Map<String, Object>> DEFAULTS = Map.of(
            Scenario.class, ordered(
                    "description", "",
                    "sched", Sched.DEFAULT,
                    "triggers", List.of(),
                    "costs", Costs.DEFAULT,
                    "trace", TraceOptions.DEFAULT,
                    "narration", List.of()),
            Machine.class, ordered("pin", false),
            Kernel.class, ordered(
                    "CONFIG_QPW", false,
                    "CONFIG_QPW_DEFAULT", false,
                    "CONFIG_PREEMPT_RT", false,
                    "boot", ""),
            Sched.class, ordered(
                    "rtThrottling", Sched.DEFAULT.rtThrottling(),
                    "rtPeriodMs", Sched.DEFAULT.rtPeriodMs(),
                    "rtRuntimeMs", Sched.DEFAULT.rtRuntimeMs(),
                    "stalldThresholdMs", Sched.DEFAULT.stalldThresholdMs(),
                    "fairServer", Sched.DEFAULT.fairServer()),
            Workload.class, ordered(
                    "policy", Workload.SCHED_OTHER,
                    "priority", 0,
                    "objectSize", Workload.DEFAULT_OBJECT_SIZE,
                    "opsPerLoop", Workload.DEFAULT_OPS_PER_LOOP,
                    "writeBeforeLoop", false,
                    "writeEveryMs", 0L,
                    "loopsPerSec", 0L),
            TriggerSpec.class, ordered("atMs", List.of(), "everyMs", 0L, "startMs", 0L),
            Costs.class, ordered(
                    "contextSwitchNs", Costs.DEFAULT.contextSwitchNs(),
                    "workqueueWakeupNs", Costs.DEFAULT.workqueueWakeupNs()),
            TraceOptions.class, ordered(
                    "ringRecords", TraceOptions.DEFAULT.ringRecords(),
                    "lockEvents", TraceOptions.DEFAULT.lockEvents()),
            NarrationStep.class, ordered());

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private final ObjectMapper mapper;
    private final SourceTree tree;
    private final String file;
    private final List<Problem> problems;

    ScenarioFields(ObjectMapper mapper, SourceTree tree, String file, List<Problem> problems) {
        this.mapper = mapper;
        this.tree = tree;
        this.file = file;
        this.problems = problems;
    }

    /** Field names of an object type, in declaration order. */
    static List<String> names(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** Required field names of an object type. */
    static List<String> required(Class<?> type) {
        return names(type).stream().filter(n -> !DEFAULTS.get(type).containsKey(n)).toList();
    }

    /** Fills defaults into the tree in place and reports unknown and missing fields. */
    void apply() {
        if (tree.root instanceof ObjectNode root) {
            JsonNode schema = root.remove(SCHEMA_FIELD);
            if (schema != null && !schema.isTextual()) {
                add(tree.valueSpot(SCHEMA_FIELD), SCHEMA_FIELD, "expected a string (a path or URL of scenario.schema.json)");
            }
        }
        walk(tree.root, Scenario.class, "");
    }

    private void walk(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            if (node instanceof ArrayNode arr) {
                for (int i = 0; i < arr.size(); i++) walk(arr.get(i), pt.getActualTypeArguments()[0], JsonPath.index(path, i));
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !c.isRecord() || !(node instanceof ObjectNode obj)) {
            return; // scalars, and objects of the wrong JSON type: Jackson reports those
        }
        Map<String, Object> defaults = DEFAULTS.get(c);
        List<String> names = names(c);
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                String child = JsonPath.field(path, name);
                add(tree.nameSpot(child), child, unknown(name, names));
            }
        }
        List<String> missing = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            String name = rc.getName();
            JsonNode child = obj.get(name);
            if (child != null) {
                walk(child, rc.getGenericType(), JsonPath.field(path, name));
            } else if (defaults.containsKey(name)) {
                obj.set(name, mapper.valueToTree(defaults.get(name)));
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            String list = String.join("\", \"", missing);
            add(tree.valueSpot(path), path, "missing required field" + (missing.size() > 1 ? "s" : "") + " \"" + list + "\"");
        }
    }

    private static String unknown(String name, List<String> names) {
        String near = names.stream()
                .min(Comparator.comparingInt(n -> distance(n.toLowerCase(), name.toLowerCase())))
                .filter(n -> distance(n.toLowerCase(), name.toLowerCase()) <= Math.max(1, n.length() / 3))
                .orElse(null);
        return "unknown field \"" + name + "\"" + (near != null ? ": did you mean \"" + near + "\"?" : "")
                + " (fields here: " + String.join(", ", names) + ")";
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void add(SourceTree.Spot s, String path, String message) {
        problems.add(new Problem(file, s.line(), s.column(), JsonPath.shown(path), message));
    }
}
