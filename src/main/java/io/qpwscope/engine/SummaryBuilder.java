package io.qpwscope.engine;

import io.qpwscope.engine.host.HostAccount;
import io.qpwscope.engine.host.HostCores;
import io.qpwscope.engine.host.HostTime;
import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.spec.CostSpec;
import io.qpwscope.engine.task.KmallocTask;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceCollector;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.decode.Interruptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's numbers: {@link EngineStats} from the CPUs' counters, and the {@code run --json}
 * {@link Summary} from those, the work ledger, the trace and the invariants.
 */
final class SummaryBuilder {
    private final String name;
    private final BootResult boot;
    private final Machine machine;
    private final Recording recording;
    private final TraceCollector collector;
    private final Task[] tasks;
    private final boolean pinned;

    SummaryBuilder(String name, BootResult boot, Machine machine, Recording recording, TraceCollector collector,
                   Task[] tasks, boolean pinned) {
        this.name = name;
        this.boot = boot;
        this.machine = machine;
        this.recording = recording;
        this.collector = collector;
        this.tasks = tasks;
        this.pinned = pinned;
    }

    static CpuMetrics metricsOf(Cpu c) {
        CpuCounters k = c.counters;
        HostAccount h = c.hostAccount();
        return CpuMetrics.builder(c.id, c.isolated)
                .task(c.task.name())
                .lockOps(k.get(CpuCounters.LOCAL_LOCK_OPS), k.get(CpuCounters.REMOTE_LOCK_OPS))
                .lockedByRemote(k.lockedByRemote())
                .workQueued(k.workQueuedTo(), 0)
                .workExecuted(k.get(CpuCounters.WORK_EXECUTED_ON), k.get(CpuCounters.WORK_EXECUTED_INLINE))
                .interruptions(k.get(CpuCounters.INTERRUPTIONS), k.get(CpuCounters.INTERRUPTION_MAX_NS),
                        k.get(CpuCounters.INTERRUPTION_TOTAL_NS))
                .lastInterruptionNs(k.get(CpuCounters.LAST_INTERRUPTION_NS))
                .noise(k.get(CpuCounters.NOISE_COUNT), k.get(CpuCounters.NOISE_MAX_NS), k.get(CpuCounters.NOISE_TOTAL_NS))
                .lockWaitMaxNs(k.get(CpuCounters.LOCK_WAIT_MAX_NS))
                .spinWaits(k.get(CpuCounters.SPIN_WAITS), 0)
                .trylockFailures(k.get(CpuCounters.TRYLOCK_FAILURES))
                .flushWaits(0, k.get(CpuCounters.FLUSH_WAIT_MAX_NS))
                .taskLoops(k.get(CpuCounters.TASK_LOOPS))
                .host(h == null ? 0 : h.stealNs(), h == null ? 0 : h.pauseNs())
                .spinWaitMaxKernelNs(k.get(CpuCounters.SPIN_WAIT_MAX_KERNEL_NS))
                .noiseKernel(k.get(CpuCounters.NOISE_MAX_KERNEL_NS), k.get(CpuCounters.NOISE_KERNEL_TOTAL_NS))
                .lockBlocks(k.get(CpuCounters.LOCK_BLOCKS), k.get(CpuCounters.LOCK_BLOCK_MAX_NS))
                .piBoosts(k.get(CpuCounters.PI_BOOSTS))
                .build();
    }

    /** @param elapsedNs since start (0 before start) */
    EngineStats stats(int qpw, long elapsedNs) {
        List<CpuMetrics> cs = new ArrayList<>(machine.nrCpus());
        for (int c = 0; c < machine.nrCpus(); c++) cs.add(metricsOf(machine.cpu(c)));
        FastPathCalibration.Figure f0 = machine.fastPath().qpw0(), f1 = machine.fastPath().qpw1();
        return new EngineStats(cs, qpw, machine.ledger.queuedCount(), machine.ledger.executedCount(),
                recording.eventCount(), collector.totalOverruns(), elapsedNs,
                f0.nsPerOp(), f1.nsPerOp(), machine.modeSwitches(), f0.low(), f0.high(), f1.low(), f1.high());
    }

    /** Interruptions of one CPU as the trace saw them, each with the gap its task measured. */
    private List<Summary.Interruption> interruptionsOf(int cpu) {
        List<Summary.Interruption> out = new ArrayList<>();
        for (Interruptions.Entry e : Interruptions.of(recording.lane(cpu), 1000)) {
            out.add(new Summary.Interruption(e.atNs(), e.offCpuNs(), e.taskGapNs(), e.queuedBy(), Site.ofCode(e.fn()).kernelName,
                    e.kernelNs(), e.stealNs(), e.pauseNs()));
        }
        return out;
    }

    /**
     * @param stopped         the engine has stopped: the invariants are checked only then
     * @param stopViolations  what stopping found (CPUs that did not stop)
     */
    Summary summary(EngineStats st, boolean stopped, List<String> stopViolations) {
        List<Summary.CpuReport> cpus = new ArrayList<>();
        for (CpuMetrics c : st.cpus()) {
            boolean loop = !"idle".equals(c.task()) && st.elapsedNs() > 0;
            cpus.add(new Summary.CpuReport(c, loop ? available(c.noiseKernelTotalNs(), st.elapsedNs()) : null,
                    c.isolated() ? interruptionsOf(c.cpu()) : List.of(),
                    loop ? available(c.noiseTotalNs(), st.elapsedNs()) : null));
        }
        WorkLedger l = machine.ledger;
        List<String> violations = new ArrayList<>(stopViolations);
        if (stopped) {
            l.checkAllExecuted();
            long held = 0;
            for (Task t : tasks) if (t instanceof KmallocTask k) held += k.held();
            machine.mm.checkInvariants(held, violations);
            if (l.queuedCount() != l.executedCount()) {
                violations.add("work: " + l.queuedCount() + " queued but " + l.executedCount() + " executed");
            }
        }
        violations.addAll(l.violations());
        CostSpec costs = machine.costs;
        HostCores cores = HostCores.detect();
        HostTime host = HostTime.system();
        return new Summary(name, st.qpw(),
                new Summary.Config(boot.configQpw(), boot.configQpwDefault(), boot.preemptRt(), boot.bootLine(),
                        boot.effectiveQpw(), boot.reason(), boot.warnings()),
                cores.physicalCores(), pinned && machine.allPinsHeld(), st.elapsedNs(), cpus,
                new Summary.Work(l.queuedCount(), l.executedCount(), l.executedOnTarget(), l.executedByCaller()),
                new Summary.Trace(recording.eventCount(), st.overruns()),
                new Summary.Invariants(violations.isEmpty(), violations),
                machine.sched.describe(), new Summary.Costs(costs.contextSwitchNs(), costs.workqueueWakeupNs()),
                st.modeSwitches(),
                orNull(st.fastPathNsPerOpQpw0()), orNull(st.fastPathNsPerOpQpw1()),
                orNull(st.fastPathNsPerOpQpw0Low()), orNull(st.fastPathNsPerOpQpw0High()),
                orNull(st.fastPathNsPerOpQpw1Low()), orNull(st.fastPathNsPerOpQpw1High()),
                new Summary.Mm(machine.mm.memcg.strandedPages(), machine.mm.lru.drainsSkippedByGeneration(),
                        machine.mm.slab.totalObjects()),
                cores.logicalCpus(), cores.availableProcessors(),
                new Summary.Steal(host.source().name().toLowerCase(java.util.Locale.ROOT), host.available(), Cpu.GAP_NS),
                new Summary.Host(cores.physicalCores(), cores.logicalCpus(), cores.availableProcessors(),
                        cores.oversubscription(machine.nrCpus(), false)));
    }

    /** osnoise's "% of CPU available" over a run of {@code runNs} with {@code noiseNs} of noise. */
    private static double available(long noiseNs, long runNs) {
        return Math.max(0, 100.0 * (1 - (double) noiseNs / runNs));
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
