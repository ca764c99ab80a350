package io.qpwscope.recording;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-CPU summary numbers computed from a recording's events (one pass over every lane), as
 * {@link CpuMetrics}: the columns of {@link MetricColumn#RECORDING} are set, the engine-only
 * counters stay 0. {@code compare --json} writes each CPU with those columns.
 *
 * @param modeSwitches live qpw flips during the recording (the effective qpw changed after boot)
 * @param all          the lanes combined: counts and totals summed, maxima over lanes,
 *                     lock-hold mean weighted by holds
 */
public record RecordingSummary(
        String scenario,
        int effectiveQpw,
        int modeSwitches,
        String bootLine,
        int physicalCores,
        long events,
        long overruns,
        long durationNs,
        @JsonSerialize(contentUsing = MetricColumn.Json.class) List<CpuMetrics> cpus,
        @JsonSerialize(using = MetricColumn.Json.class) CpuMetrics all) {

    public static RecordingSummary of(Recording rec) {
        RecordingMeta m = rec.meta();
        int n = rec.cpus();
        Acc[] acc = new Acc[n];
        for (int c = 0; c < n; c++) acc[c] = new Acc(c, m.isolated(c));
        int modeSwitches = 0;
        for (int c = 0; c < n; c++) {
            LaneEvents lane = rec.lane(c);
            Acc a = acc[c];
            int size = lane.size();
            int first = Math.min(lane.firstIndex(), size);
            a.events = size - first;
            for (int i = first; i < size; i++) {
                long meta = lane.meta(i);
                long p = lane.payload(i);
                int type = TraceDescriptor.type(meta);
                if (type == EventType.INTERRUPTION.code) {
                    a.interruptions++;
                    a.interruptionMax = Math.max(a.interruptionMax, p);
                    a.interruptionTotal += p;
                } else if (type == EventType.NOISE.code) {
                    a.noise++;
                    a.noiseMax = Math.max(a.noiseMax, p);
                    a.noiseTotal += p;
                } else if (type == EventType.LOCK_ACQUIRE.code) {
                    if ((TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) != 0) a.remoteLocks++;
                    else a.localLocks++;
                } else if (type == EventType.LOCK_RELEASE.code) {
                    a.holds++;
                    a.holdTotal += p;
                } else if (type == EventType.SPIN_WAIT.code) {
                    a.spins++;
                    a.spinMax = Math.max(a.spinMax, p);
                } else if (type == EventType.WORK_QUEUED.code) {
                    a.queuedBy++;
                    int target = TraceDescriptor.peer(meta);
                    if (target >= 0 && target < n) acc[target].queuedTo++;
                } else if (type == EventType.WORK_START.code) {
                    a.executed++;
                    if (TraceDescriptor.aux(meta) == 1) a.inline++;
                } else if (type == EventType.FLUSH_WAIT.code) {
                    a.flushWaits++;
                    a.flushWaitMax = Math.max(a.flushWaitMax, p);
                } else if (type == EventType.MODE_SWITCH.code) {
                    modeSwitches++;
                }
            }
        }
        List<CpuMetrics> cpus = new ArrayList<>(n);
        Acc total = new Acc(CpuMetrics.ALL_CPUS, false);
        for (Acc a : acc) {
            cpus.add(a.freeze());
            total.add(a);
        }
        return new RecordingSummary(m.scenarioName(), m.effectiveQpw(), modeSwitches, m.bootLine(), m.physicalCores(),
                rec.eventCount(), rec.overruns(), rec.endTs(), List.copyOf(cpus), total.freeze());
    }

    private static final class Acc {
        final int cpu;
        final boolean isolated;
        long events, interruptions, interruptionMax, interruptionTotal, noise, noiseMax, noiseTotal, localLocks,
                remoteLocks, holds, holdTotal, spins, spinMax, queuedTo, queuedBy, executed, inline, flushWaits, flushWaitMax;

        Acc(int cpu, boolean isolated) {
            this.cpu = cpu;
            this.isolated = isolated;
        }

        void add(Acc o) {
            events += o.events;
            interruptions += o.interruptions;
            interruptionMax = Math.max(interruptionMax, o.interruptionMax);
            interruptionTotal += o.interruptionTotal;
            noise += o.noise;
            noiseMax = Math.max(noiseMax, o.noiseMax);
            noiseTotal += o.noiseTotal;
            localLocks += o.localLocks;
            remoteLocks += o.remoteLocks;
            holds += o.holds;
            holdTotal += o.holdTotal;
            spins += o.spins;
            spinMax = Math.max(spinMax, o.spinMax);
            queuedTo += o.queuedTo;
            queuedBy += o.queuedBy;
            executed += o.executed;
            inline += o.inline;
            flushWaits += o.flushWaits;
            flushWaitMax = Math.max(flushWaitMax, o.flushWaitMax);
        }

        CpuMetrics freeze() {
            return CpuMetrics.builder(cpu, isolated)
                    .events(events)
                    .interruptions(interruptions, interruptionMax, interruptionTotal)
                    .noise(noise, noiseMax, noiseTotal)
                    .lockOps(localLocks, remoteLocks)
                    .lockHolds(holds, holdTotal)
                    .spinWaits(spins, spinMax)
                    .workQueued(queuedTo, queuedBy)
                    .workExecuted(executed, inline)
                    .flushWaits(flushWaits, flushWaitMax)
                    .build();
        }
    }
}
