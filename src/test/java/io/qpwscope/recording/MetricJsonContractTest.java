package io.qpwscope.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.Recording;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code compare --json} writes each CPU of a summary with the field names it always had. */
class MetricJsonContractTest {
    private static final List<String> COMPARE_CPU_FIELDS = List.of("cpu", "isolated", "events", "interruptions",
            "interruptionMaxNs", "interruptionTotalNs", "noiseCount", "noiseMaxNs", "noiseTotalNs", "localLockOps",
            "remoteLockOps", "lockHolds", "lockHoldTotalNs", "lockHoldMeanNs", "spinWaits", "spinWaitMaxNs",
            "workQueuedTo", "workQueuedBy", "workExecuted", "workInline", "flushWaits", "flushWaitMaxNs", "stealNs",
            "pauseNs", "spinWaitMaxKernelNs", "noiseMaxKernelNs", "noiseKernelTotalNs",
            "lockBlocks", "lockBlockMaxNs", "piBoosts");

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void shouldWriteCompareCpusWithTheContractFieldNamesInOrder() {
        Recording r = new Recording(SyntheticRecording.meta("json", 2));
        JsonNode s = new ObjectMapper().valueToTree(RecordingSummary.of(r));
        assertEquals(2, s.get("cpus").size());
        for (JsonNode cpu : s.get("cpus")) assertEquals(COMPARE_CPU_FIELDS, names(cpu));
        assertEquals(COMPARE_CPU_FIELDS, names(s.get("all")));
        assertEquals(-1, s.get("all").get("cpu").asInt());
    }

    @Test
    void shouldWriteEachColumnFromItsMetric() {
        CpuMetrics m = CpuMetrics.builder(1, true).events(9).workExecuted(4, 3).lockHolds(2, 30).build();
        JsonNode j = new ObjectMapper().valueToTree(new Wrapper(m)).get("m");
        assertEquals(9, j.get("events").asLong());
        assertEquals(4, j.get("workExecuted").asLong());
        assertEquals(3, j.get("workInline").asLong());
        assertEquals(15.0, j.get("lockHoldMeanNs").asDouble());
        assertEquals(true, j.get("isolated").asBoolean());
    }

    record Wrapper(@JsonSerialize(using = MetricColumn.Json.class) CpuMetrics m) {}
}
