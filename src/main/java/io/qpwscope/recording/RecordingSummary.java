package io.qpwscope.recording;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.decode.InstantType;
import io.qpwscope.trace.decode.LaneDecoder;
import io.qpwscope.trace.decode.SpanSink;
import io.qpwscope.trace.decode.SpanType;

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
            acc[c].events = lane.size() - Math.min(lane.firstIndex(), lane.size());
            LaneDecoder.decode(lane, new LaneCounter(acc, c));
            modeSwitches += acc[c].modeSwitches;
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

    /** Counts what the decoder reports for lane {@code cpu} (work queued to a CPU counts on the target's row). */
    private record LaneCounter(Acc[] acc, int cpu) implements SpanSink {
        @Override
        public void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags,
                         int index) {
            Acc a = acc[cpu];
            switch (type) {
                case INTERRUPTION -> {
                    a.interruptions++;
                    a.interruptionMax = Math.max(a.interruptionMax, value);
                    a.interruptionTotal += value;
                }
                case NOISE -> {
                    a.noise++;
                    a.noiseMax = Math.max(a.noiseMax, value);
                    a.noiseTotal += value;
                    a.settle();
                    a.pendingNoiseKernel = value;
                }
                case LOCK_LOCAL, LOCK_REMOTE -> {
                    a.holds++;
                    a.holdTotal += value;
                }
                case SPIN_WAIT -> {
                    a.spins++;
                    a.spinMax = Math.max(a.spinMax, value);
                    a.settle();
                    a.pendingSpinKernel = value;
                }
                case HOST_SAMPLE -> {
                    if (peer < 0) { // samples of this lane's own thread: contiguous, so they add up
                        a.steal += value;
                        a.pause += Integer.toUnsignedLong(attr);
                    }
                }
                case FLUSH_WAIT -> {
                    a.flushWaits++;
                    a.flushWaitMax = Math.max(a.flushWaitMax, value);
                }
                case MODE_SWITCH -> a.modeSwitches++;
                case LOCK_BLOCK -> {
                    a.blocks++;
                    a.blockMax = Math.max(a.blockMax, value);
                }
                default -> { }
            }
        }

        /** A companion right after a NOISE or SPIN_WAIT takes its host share out of the kernel part. */
        @Override
        public void hostSplit(SpanType of, long start, long end, int measuredCpu, long stealNs, long pauseNs, int index) {
            Acc a = acc[cpu];
            long host = Math.min(stealNs + pauseNs, end - start);
            if (of == SpanType.NOISE && a.pendingNoiseKernel >= 0) a.pendingNoiseKernel -= host;
            else if (of == SpanType.SPIN_WAIT && a.pendingSpinKernel >= 0) a.pendingSpinKernel -= host;
        }

        @Override
        public void instant(InstantType type, long ts, int peer, int fn, int attr, long value, int index) {
            Acc a = acc[cpu];
            switch (type) {
                case LOCK_ACQUIRED -> {
                    if ((attr & TraceDescriptor.LOCK_REMOTE) != 0) a.remoteLocks++;
                    else a.localLocks++;
                }
                case WORK_QUEUED -> {
                    a.queuedBy++;
                    if (peer >= 0 && peer < acc.length) acc[peer].queuedTo++;
                }
                case WORK_STARTED -> {
                    a.executed++;
                    if (attr == 1) a.inline++;
                }
                case PI_BOOST -> {
                    if (attr == 1) a.piBoosts++;
                }
                case TRIGGER_STARTED -> { }
            }
        }
    }

    private static final class Acc {
        final int cpu;
        final boolean isolated;
        long events, interruptions, interruptionMax, interruptionTotal, noise, noiseMax, noiseTotal, localLocks,
                remoteLocks, holds, holdTotal, spins, spinMax, queuedTo, queuedBy, executed, inline, flushWaits, flushWaitMax,
                steal, pause, spinKernelMax, noiseKernelMax, noiseKernelTotal,
                blocks, blockMax, piBoosts;
        /** Kernel part of the latest NOISE / SPIN_WAIT until its companion (if any) has been seen; -1: none. */
        long pendingNoiseKernel = -1, pendingSpinKernel = -1;
        int modeSwitches;

        /** Counts the pending kernel parts: their companions, if any, came right after them. */
        void settle() {
            if (pendingNoiseKernel >= 0) {
                noiseKernelMax = Math.max(noiseKernelMax, pendingNoiseKernel);
                noiseKernelTotal += pendingNoiseKernel;
                pendingNoiseKernel = -1;
            }
            if (pendingSpinKernel >= 0) {
                spinKernelMax = Math.max(spinKernelMax, pendingSpinKernel);
                pendingSpinKernel = -1;
            }
        }

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
            steal += o.steal;
            pause += o.pause;
            spinKernelMax = Math.max(spinKernelMax, o.spinKernelMax);
            noiseKernelMax = Math.max(noiseKernelMax, o.noiseKernelMax);
            noiseKernelTotal += o.noiseKernelTotal;
            blocks += o.blocks;
            blockMax = Math.max(blockMax, o.blockMax);
            piBoosts += o.piBoosts;
        }

        CpuMetrics freeze() {
            settle();
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
                    .host(steal, pause)
                    .spinWaitMaxKernelNs(spinKernelMax)
                    .noiseKernel(noiseKernelMax, noiseKernelTotal)
                    .lockBlocks(blocks, blockMax)
                    .piBoosts(piBoosts)
                    .build();
        }
    }
}
