package io.qpwscope.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSuggestionsTest {
    @Test
    void shouldSuggestValidValuesAroundTheSeedScenariosCurrentOnes() throws Exception {
        var seed = new ScenarioLoader().loadBundled(ScenarioLoader.DEFAULT_SCENARIO);
        List<SweepSuggestions.Suggestion> all = SweepSuggestions.of(seed);
        List<String> paths = all.stream().map(s -> s.parameter().path()).toList();
        assertEquals(List.of("triggers[0].everyMs", "isolated", "workloads[0].opsPerLoop", "workloads[1].opsPerLoop", "machine.cpus"),
                paths);
        assertEquals(List.of("75", "150", "300", "600"), all.getFirst().parameter().values(), "around the 300 ms period");
        assertEquals(List.of("none", "3"), all.get(1).parameter().values());
        assertTrue(all.get(3).label().contains("batch size") && all.get(3).label().contains("kmalloc"), all.get(3).label());
        assertEquals(List.of("4", "8"), all.get(4).parameter().values());
        for (SweepSuggestions.Suggestion s : all) SweepPlan.of(seed, s.parameter()); // each one runs as offered
    }

    @Test
    void shouldOfferNoBatchSizeForATaskWithoutABatch() {
        List<String> paths = SweepSuggestions.of(TinyScenario.load()).stream().map(s -> s.parameter().path()).toList();
        assertEquals(List.of("triggers[0].everyMs", "isolated", "workloads[0].opsPerLoop", "machine.cpus"), paths,
                "the rt-loop (workloads[1]) has no batch to size");
    }
}
