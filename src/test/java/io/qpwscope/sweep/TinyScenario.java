package io.qpwscope.sweep;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;

/** A small scenario for sweep tests: isolated CPU 2 runs a loop, CPU 1 allocates, idle CPU 0 flushes every 50 ms. */
final class TinyScenario {
    static final String JSON = """
            {
              "name": "tiny-sweep",
              "machine": { "cpus": 3, "pin": false },
              "kernel": { "CONFIG_QPW": true, "CONFIG_QPW_DEFAULT": false, "CONFIG_PREEMPT_RT": false,
                          "boot": "nohz_full=2 isolcpus=nohz,domain,2" },
              "workloads": [
                { "cpus": "1", "task": "kmalloc", "opsPerLoop": 4, "loopsPerSec": 2000 },
                { "cpus": "2", "task": "rt-loop", "writeBeforeLoop": true, "writeEveryMs": 20 }
              ],
              "triggers": [ { "action": "flushbufs", "cpu": 0, "everyMs": 50, "startMs": 20 } ],
              "durationMs": 200,
              "trace": { "ringRecords": 16384, "lockEvents": true }
            }
            """;

    private TinyScenario() {}

    static Scenario load() {
        try {
            return new ScenarioLoader().parse(JSON, "tiny-sweep.json");
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
