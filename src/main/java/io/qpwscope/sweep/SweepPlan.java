package io.qpwscope.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qpwscope.scenario.Problem;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep made ready: the scenario once per value, each edited in its JSON tree and checked by
 * the scenario loader (the checks {@code validate} makes), before anything runs.
 *
 * @param base      the scenario as given
 * @param parameter what is swept
 * @param variants  one per value, in order
 */
public record SweepPlan(Scenario base, SweepParameter parameter, List<Variant> variants) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param value    the value as written
     * @param scenario the scenario with the value set, validated
     * @param json     its text (kept in a recording's metadata, as {@code run} keeps the file's)
     */
    public record Variant(String value, Scenario scenario, String json) {}

    public SweepPlan {
        variants = List.copyOf(variants);
    }

    /**
     * Sets each value in a copy of {@code base} and validates it.
     * @throws SweepException a bad path, a value of the wrong type, or a value that makes the
     *                        scenario invalid (every problem the loader found, by field path)
     */
    public static SweepPlan of(Scenario base, SweepParameter parameter) throws SweepException {
        ScenarioLoader loader = new ScenarioLoader();
        ParamPath path = ParamPath.parse(parameter.path());
        ObjectNode tree = tree(loader, base);
        path.current(tree); // a bad path fails here, before any value is looked at
        List<Variant> variants = new ArrayList<>();
        for (String value : parameter.values()) {
            ObjectNode copy = tree.deepCopy();
            path.set(copy, value);
            String json = write(copy);
            String name = path + "=" + value;
            try {
                variants.add(new Variant(value, loader.parse(json, name), json));
            } catch (ScenarioException e) {
                StringBuilder msg = new StringBuilder(name).append(" makes the scenario invalid:");
                for (Problem p : e.problems()) msg.append("\n  ").append(p.path()).append(": ").append(p.message());
                throw new SweepException(msg.toString());
            }
        }
        return new SweepPlan(base, parameter, variants);
    }

    /**
     * The parameter's value in {@code scenario} as text, e.g. to prefill a sweep around it.
     * @throws SweepException the path names no sweepable field of this scenario
     */
    public static String currentValue(Scenario scenario, String path) throws SweepException {
        return ParamPath.parse(path).current(tree(new ScenarioLoader(), scenario));
    }

    private static ObjectNode tree(ScenarioLoader loader, Scenario s) {
        try {
            return (ObjectNode) JSON.readTree(loader.toJson(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario's own JSON reads back", e);
        }
    }

    private static String write(ObjectNode tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
