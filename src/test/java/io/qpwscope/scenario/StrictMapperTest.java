package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.qpwscope.scenario.Scenario.Machine;
import io.qpwscope.scenario.Scenario.TriggerSpec;
import io.qpwscope.scenario.Scenario.Workload;
import org.junit.jupiter.api.Test;

/**
 * The binding mapper is strict on its own, so nothing lenient slips through even where the
 * loader's earlier passes would not catch it first.
 */
class StrictMapperTest {
    private final ObjectMapper m = ScenarioLoader.strictMapper();

    @Test
    void rejectsUnknownProperties() {
        assertThrows(UnrecognizedPropertyException.class, () -> m.readValue("{\"cpus\":1,\"pin\":false,\"x\":1}", Machine.class));
    }

    @Test
    void rejectsNullForPrimitivesAndCreatorProperties() {
        assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":null,\"pin\":false}", Machine.class));
        assertThrows(MismatchedInputException.class, () -> m.readValue(
                "{\"cpus\":null,\"task\":\"idle\",\"policy\":\"SCHED_OTHER\",\"priority\":0,\"objectSize\":64,"
                        + "\"opsPerLoop\":1,\"writeBeforeLoop\":false,\"writeEveryMs\":0,\"loopsPerSec\":0}", Workload.class));
    }

    @Test
    void rejectsMissingCreatorProperties() {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":1}", Machine.class));
        assertTrue(e.getOriginalMessage().contains("'pin'"), e.getOriginalMessage());
    }

    @Test
    void rejectsScalarCoercions() {
        assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":\"1\",\"pin\":false}", Machine.class));
        assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":1,\"pin\":\"true\"}", Machine.class));
        assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":1,\"pin\":1}", Machine.class));
        assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":1.5,\"pin\":false}", Machine.class));
        assertThrows(MismatchedInputException.class, () -> m.readValue(
                "{\"action\":7,\"cpu\":0,\"atMs\":[],\"everyMs\":0,\"startMs\":0}", TriggerSpec.class));
        assertThrows(MismatchedInputException.class, () -> m.readValue(
                "{\"action\":\"mlock\",\"cpu\":0,\"atMs\":5,\"everyMs\":0,\"startMs\":0}", TriggerSpec.class));
    }

    @Test
    void rejectsTrailingTokensAndDuplicateKeys() {
        assertThrows(MismatchedInputException.class, () -> m.readValue("{\"cpus\":1,\"pin\":false} {}", Machine.class));
        assertThrows(JsonParseException.class, () -> m.readValue("{\"cpus\":1,\"cpus\":2,\"pin\":false}", Machine.class));
    }

    @Test
    void bindingRecordsUsesTheExactComponentNames() throws Exception {
        Scenario.Kernel k = m.readValue("{\"CONFIG_QPW\":true,\"CONFIG_QPW_DEFAULT\":false,\"CONFIG_PREEMPT_RT\":true,\"boot\":\"\"}",
                Scenario.Kernel.class);
        assertEquals(new Scenario.Kernel(true, false, true, ""), k);
        assertThrows(MismatchedInputException.class, () -> m.readValue(
                "{\"CONFIG_QPW\":true,\"CONFIG_QPW_DEFAULT\":false,\"CONFIG_PREEMPT_RT\":true,\"boot\":null}", Scenario.Kernel.class));
    }
}
