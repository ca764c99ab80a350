package io.qpwscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.trace.CpuMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CPU of {@code run --json}: the contract's field names, in order, from one {@link CpuMetrics}. */
class CpuReportJsonTest {
    private static final List<String> RUN_CPU_FIELDS = List.of("cpu", "isolated", "task", "localLockOps",
            "remoteLockOps", "lockedByRemote", "workQueuedTo", "workExecutedOn", "interruptions", "noiseMaxNs",
            "noiseTotalNs", "noiseCount", "lockWaitMaxNs", "interruptionMaxNs", "interruptionTotalNs", "spinWaits",
            "trylockFailures", "flushWaitMaxNs", "cpuAvailablePct", "interruptionList", "spinWaitMaxNs",
            "spinWaitMaxKernelNs", "noiseMaxKernelNs", "stealNs", "pauseNs", "cpuAvailableWallPct",
            "lockBlocks", "lockBlockMaxNs", "piBoosts");

    @Test
    void shouldWriteTheRunCpuObjectWithTheContractFieldNames() {
        CpuMetrics m = CpuMetrics.builder(3, true).task("rt-loop").lockOps(5, 6).lockedByRemote(7).workQueued(8, 99)
                .workExecuted(9, 1).interruptions(2, 300, 500).noise(4, 40, 90).lockWaitMaxNs(11).spinWaits(12, 99)
                .trylockFailures(13).flushWaits(99, 14).host(15, 16).spinWaitMaxKernelNs(10).noiseKernel(30, 80).build();
        Summary.CpuReport r = new Summary.CpuReport(m, 99.5,
                List.of(new Summary.Interruption(100, 300, 310, 0, "lru_add_drain_per_cpu", 250, 40, 10)), 99.1);
        JsonNode j = new ObjectMapper().valueToTree(r);
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertEquals(RUN_CPU_FIELDS, names);
        assertEquals("rt-loop", j.get("task").asText());
        assertEquals(6, j.get("remoteLockOps").asLong());
        assertEquals(9, j.get("workExecutedOn").asLong());
        assertEquals(500, j.get("interruptionTotalNs").asLong());
        assertEquals(14, j.get("flushWaitMaxNs").asLong());
        assertEquals(99.5, j.get("cpuAvailablePct").asDouble());
        assertEquals("lru_add_drain_per_cpu", j.get("interruptionList").get(0).get("work").asText());
        assertTrue(j.get("interruptionList").get(0).has("taskGapNs"));
        JsonNode e = j.get("interruptionList").get(0);
        assertEquals(300, e.get("kernelNs").asLong() + e.get("stealNs").asLong() + e.get("pauseNs").asLong());
        assertEquals(11, j.get("spinWaitMaxNs").asLong());
        assertEquals(10, j.get("spinWaitMaxKernelNs").asLong());
        assertEquals(30, j.get("noiseMaxKernelNs").asLong());
        assertEquals(15, j.get("stealNs").asLong());
        assertEquals(16, j.get("pauseNs").asLong());
        assertEquals(99.1, j.get("cpuAvailableWallPct").asDouble());
    }
}
