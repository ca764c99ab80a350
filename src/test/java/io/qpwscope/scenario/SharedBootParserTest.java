package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.kernel.BootParamException;
import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.kernel.KernelBoot;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code validate} and the engine's boot read a boot line with the same parser
 * (engine/kernel/BootParams): what one accepts the other boots, what one rejects the other
 * rejects with the same words, and both see the same isolated CPUs.
 */
class SharedBootParserTest {
    private static String scenario(String boot) {
        return """
                {
                  "name": "t",
                  "machine": { "cpus": 4 },
                  "kernel": { "CONFIG_QPW": true, "boot": "%s" },
                  "workloads": [ { "cpus": "3", "task": "rt-loop" } ],
                  "triggers": [ { "action": "flushbufs", "cpu": 0, "everyMs": 100 } ],
                  "durationMs": 500
                }
                """.formatted(boot);
    }

    private static BootResult engineBoot(Scenario s) {
        try (Engine e = new Engine(ScenarioResolver.resolve(s))) {
            return e.boot();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "", "x1"})
    void shouldAcceptAnUnparsableQpwInValidateAndLogTheKernelWarningAtBoot(String value) throws ScenarioException {
        Scenario s = new ScenarioLoader().parse(scenario("nohz_full=3 qpw=" + value), "t.json");
        assertEquals(value, s.bootLine().qpw().orElseThrow(), "validate keeps the raw value");
        BootResult boot = engineBoot(s);
        assertEquals(List.of("QPW: invalid qpw parameter: " + value + ", ignoring."), boot.warnings());
        assertEquals(1, boot.effectiveQpw(), "an ignored qpw= does not stop nohz_full= auto-enabling");
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolcpus=nozh,3", "isolcpus=nohz", "nohz_full=1 nohz_full=2", "nohz_full=1-x", "nohz_full"})
    void shouldRejectAMalformedLineWithTheSameMessageInBothPaths(String line) {
        ScenarioException v = assertThrows(ScenarioException.class,
                () -> new ScenarioLoader().parse(scenario(line), "t.json"));
        String validateMessage = v.problems().getFirst().message();
        BootParamException k = assertThrows(BootParamException.class,
                () -> KernelBoot.resolve(true, false, false, line, 4));
        assertTrue(validateMessage.contains(k.getMessage()), validateMessage + " vs " + k.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nohz_full=3", "isolcpus=3", "isolcpus=nohz,domain,2-3", "isolcpus=managed_irq,3",
            "nohz_full=3 isolcpus=managed_irq,2", "rcu_nocbs=1-3 nohz_full=2"})
    void shouldSeeTheSameIsolatedCpusInValidateAndAtBoot(String line) throws ScenarioException {
        Scenario s = new ScenarioLoader().parse(scenario(line), "t.json");
        BootResult boot = engineBoot(s);
        assertEquals(s.isolatedCpus().bits(), boot.isolatedMask(), line);
        assertEquals(s.bootLine().kernelNoiseIsolation(), boot.nohzMask() != 0, line);
    }
}
