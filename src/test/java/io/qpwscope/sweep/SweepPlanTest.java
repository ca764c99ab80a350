package io.qpwscope.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
    private final Scenario tiny = TinyScenario.load();

    private static SweepPlan plan(Scenario s, String spec) throws SweepException {
        return SweepPlan.of(s, SweepParameter.parse(spec));
    }

    private String error(String spec) {
        return assertThrows(SweepException.class, () -> plan(tiny, spec), spec).getMessage();
    }

    @Test
    void shouldSetTheValueInEachVariantAndNowhereElse() throws Exception {
        SweepPlan p = plan(tiny, "triggers[0].everyMs=25,100");
        assertEquals(List.of(25L, 100L), p.variants().stream().map(v -> v.scenario().triggers().getFirst().everyMs()).toList());
        assertEquals(List.of("25", "100"), p.variants().stream().map(SweepPlan.Variant::value).toList());
        for (SweepPlan.Variant v : p.variants()) {
            assertEquals(tiny.workloads(), v.scenario().workloads());
            assertEquals(tiny.kernel(), v.scenario().kernel());
        }
        assertEquals(50, tiny.triggers().getFirst().everyMs(), "the base scenario is left alone");
    }

    @Test
    void shouldSetAFieldTheFileLeftToItsDefault() throws Exception {
        // the rt-loop workload does not write opsPerLoop: the default is filled in, then swept
        SweepPlan p = plan(tiny, "workloads[1].opsPerLoop=2,16");
        assertEquals(List.of(2, 16), p.variants().stream().map(v -> v.scenario().workloads().get(1).opsPerLoop()).toList());
    }

    @Test
    void shouldRewriteTheBootLineForIsolatedCpus() throws Exception {
        SweepPlan p = plan(tiny, "isolated=none;2");
        assertTrue(p.variants().get(0).scenario().isolatedCpus().isEmpty());
        assertEquals("2", p.variants().get(1).scenario().isolatedCpus().toString());
        assertEquals("2", SweepPlan.currentValue(tiny, "isolated"));
        assertEquals("50", SweepPlan.currentValue(tiny, "triggers[0].everyMs"));
    }

    @Test
    void shouldNameTheMissingPartOfABadPath() {
        String noEntry = error("triggers[3].everyMs=10");
        assertTrue(noEntry.contains("triggers[3].everyMs") && noEntry.contains("1 entry"), noEntry);
        String noField = error("machine.cpuz=2");
        assertTrue(noField.contains("machine.cpuz") && noField.contains("no field 'cpuz'") && noField.contains("cpus"), noField);
        String object = error("machine=2");
        assertTrue(object.contains("machine is an object"), object);
        String syntax = error("triggers[x].everyMs=2");
        assertTrue(syntax.contains("'triggers[x].everyMs'"), syntax);
        String noValues = assertThrows(SweepException.class, () -> SweepParameter.parse("machine.cpus")).getMessage();
        assertTrue(noValues.contains("machine.cpus") && noValues.contains("PATH=V1,V2"), noValues);
    }

    @Test
    void shouldNameAValueOfTheWrongType() {
        String msg = error("triggers[0].everyMs=10,fast");
        assertTrue(msg.contains("triggers[0].everyMs=fast") && msg.contains("not a whole number"), msg);
        String bool = error("machine.pin=yes");
        assertTrue(bool.contains("machine.pin=yes") && bool.contains("not true or false"), bool);
    }

    @Test
    void shouldReportAValueThatMakesTheScenarioInvalidAsValidateWould() {
        String range = error("triggers[0].everyMs=50,-5");
        assertTrue(range.startsWith("triggers[0].everyMs=-5 makes the scenario invalid"), range);
        assertTrue(range.contains("triggers[0].everyMs: must be between 0 and 3600000, got -5"), range);
        String cpus = error("machine.cpus=2");
        assertTrue(cpus.contains("workloads[1].cpus: CPU 2 is beyond the machine's 2 CPUs"), cpus);
        String isolatedTrigger = error("isolated=0-2");
        assertTrue(isolatedTrigger.contains("triggers[0].cpu: CPU 0 is isolated"), isolatedTrigger);
    }

    @Test
    void shouldSplitValuesOnSemicolonsWhenAnyIsPresent() throws Exception {
        assertEquals(List.of("1,3", "2-3"), SweepParameter.parse("isolated=1,3;2-3").values());
        assertEquals(List.of("50", "100"), SweepParameter.parse(" triggers[0].everyMs = 50, 100").values());
        assertEquals("isolated=1,3;2-3", SweepParameter.parse("isolated=1,3;2-3").toString());
        assertThrows(SweepException.class, () -> SweepParameter.parse("machine.cpus=2,,4"));
    }
}
