package io.qpwscope.ui.timeline.index;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioLoader;

/**
 * The two costs the engine charges instead of measuring (README "What is measured and what
 * is modelled"): each switch task → kworker and back, and the wakeup of a kworker (IPI +
 * wakeup). Read from the recording's scenario; the scenario defaults when it has none.
 */
public record ModelledCosts(long contextSwitchNs, long workqueueWakeupNs) {
    public static final ModelledCosts DEFAULT = new ModelledCosts(Scenario.Costs.DEFAULT.contextSwitchNs(),
            Scenario.Costs.DEFAULT.workqueueWakeupNs());

    /** @return the costs of a scenario's JSON text, or {@link #DEFAULT} if there is none or it does not parse. */
    public static ModelledCosts ofScenarioJson(String json) {
        if (json == null || json.isBlank()) return DEFAULT;
        try {
            Scenario.Costs c = new ScenarioLoader().parse(json, "recording").costs();
            return c == null ? DEFAULT : new ModelledCosts(c.contextSwitchNs(), c.workqueueWakeupNs());
        } catch (Exception e) {
            return DEFAULT;
        }
    }
}
