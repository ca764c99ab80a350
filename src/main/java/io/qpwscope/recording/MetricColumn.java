package io.qpwscope.recording;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.qpwscope.trace.CpuMetrics;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link CpuMetrics} a recording yields, as columns: one list, in one order, for the
 * statistics CSV, the compare table and {@code compare --json}.
 *
 * @param csvName  column name in tables and CSV
 * @param jsonName field name in {@code compare --json}
 * @param value    the metric (the lock-hold mean as a double, the rest exact)
 */
public record MetricColumn(String csvName, String jsonName, Function<CpuMetrics, Number> value) {

    public static final List<MetricColumn> RECORDING = List.of(
            new MetricColumn("events", "events", CpuMetrics::events),
            new MetricColumn("interruptions", "interruptions", CpuMetrics::interruptions),
            new MetricColumn("interruption_max_ns", "interruptionMaxNs", CpuMetrics::interruptionMaxNs),
            new MetricColumn("interruption_total_ns", "interruptionTotalNs", CpuMetrics::interruptionTotalNs),
            new MetricColumn("noise_count", "noiseCount", CpuMetrics::noiseCount),
            new MetricColumn("noise_max_ns", "noiseMaxNs", CpuMetrics::noiseMaxNs),
            new MetricColumn("noise_total_ns", "noiseTotalNs", CpuMetrics::noiseTotalNs),
            new MetricColumn("local_lock_ops", "localLockOps", CpuMetrics::localLockOps),
            new MetricColumn("remote_lock_ops", "remoteLockOps", CpuMetrics::remoteLockOps),
            new MetricColumn("lock_holds", "lockHolds", CpuMetrics::lockHolds),
            new MetricColumn("lock_hold_total_ns", "lockHoldTotalNs", CpuMetrics::lockHoldTotalNs),
            new MetricColumn("lock_hold_mean_ns", "lockHoldMeanNs", CpuMetrics::lockHoldMeanNs),
            new MetricColumn("spin_waits", "spinWaits", CpuMetrics::spinWaits),
            new MetricColumn("spin_wait_max_ns", "spinWaitMaxNs", CpuMetrics::spinWaitMaxNs),
            new MetricColumn("work_queued_to", "workQueuedTo", CpuMetrics::workQueuedTo),
            new MetricColumn("work_queued_by", "workQueuedBy", CpuMetrics::workQueuedBy),
            new MetricColumn("work_executed", "workExecuted", CpuMetrics::workExecutedOn),
            new MetricColumn("work_inline", "workInline", CpuMetrics::workExecutedInline),
            new MetricColumn("flush_waits", "flushWaits", CpuMetrics::flushWaits),
            new MetricColumn("flush_wait_max_ns", "flushWaitMaxNs", CpuMetrics::flushWaitMaxNs),
            new MetricColumn("steal_ns", "stealNs", CpuMetrics::stealNs),
            new MetricColumn("pause_ns", "pauseNs", CpuMetrics::pauseNs),
            new MetricColumn("spin_wait_max_kernel_ns", "spinWaitMaxKernelNs", CpuMetrics::spinWaitMaxKernelNs),
            new MetricColumn("noise_max_kernel_ns", "noiseMaxKernelNs", CpuMetrics::noiseMaxKernelNs),
            new MetricColumn("noise_kernel_total_ns", "noiseKernelTotalNs", CpuMetrics::noiseKernelTotalNs),
            new MetricColumn("lock_blocks", "lockBlocks", CpuMetrics::lockBlocks),
            new MetricColumn("lock_block_max_ns", "lockBlockMaxNs", CpuMetrics::lockBlockMaxNs),
            new MetricColumn("pi_boosts", "piBoosts", CpuMetrics::piBoosts));

    /** The values of {@link #RECORDING} for {@code m}, in order. */
    public static Number[] values(CpuMetrics m) {
        Number[] v = new Number[RECORDING.size()];
        for (int i = 0; i < v.length; i++) v[i] = RECORDING.get(i).value.apply(m);
        return v;
    }

    /** Writes a recording's CPU as {@code compare --json} shows it: cpu, isolated, then {@link #RECORDING}. */
    public static final class Json extends StdSerializer<CpuMetrics> {
        public Json() {
            super(CpuMetrics.class);
        }

        @Override
        public void serialize(CpuMetrics m, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeNumberField("cpu", m.cpu());
            g.writeBooleanField("isolated", m.isolated());
            for (MetricColumn c : RECORDING) {
                Number v = c.value.apply(m);
                if (v instanceof Double d) g.writeNumberField(c.jsonName, d);
                else g.writeNumberField(c.jsonName, v.longValue());
            }
            g.writeEndObject();
        }
    }
}
