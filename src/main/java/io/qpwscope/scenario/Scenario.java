package io.qpwscope.scenario;

import io.qpwscope.trace.Trigger;
import java.util.List;
import java.util.Optional;

/**
 * One experiment, as read from a JSON file in {@code scenarios/}. Field names are the JSON
 * names; {@link ScenarioLoader} reads them strictly (unknown fields, wrong types and
 * out-of-range values are errors with file:line:column and the field path).
 *
 * <p>Defaults for omitted optional fields are listed in {@code scenarios/scenario.schema.json}
 * and applied by {@link ScenarioLoader}; {@link #withDefaults()} applies the same ones to a
 * scenario built in code.
 *
 * @param name        short id, e.g. "isolated-rt-flushbufs"
 * @param description one or two sentences for the UI and summaries
 * @param machine     CPUs and pinning
 * @param kernel      kernel config and boot line
 * @param sched       scheduling model for SCHED_FIFO tasks vs kworkers
 * @param workloads   what each CPU runs (CPUs not named run idle)
 * @param triggers    remote operations fired during the run
 * @param durationMs  run length for {@code run} (the GUI runs until stopped)
 * @param costs       modelled costs (everything else is measured)
 * @param trace       tracing options
 * @param narration   optional demo steps
 */
public record Scenario(
        String name,
        String description,
        Machine machine,
        Kernel kernel,
        Sched sched,
        List<Workload> workloads,
        List<TriggerSpec> triggers,
        long durationMs,
        Costs costs,
        TraceOptions trace,
        List<NarrationStep> narration) {

    /** Longest run a scenario may ask for (one hour), also the bound for every time in it. */
    public static final long MAX_DURATION_MS = 3_600_000;

    /**
     * A copy with every omitted part filled with its default: null description, sched, costs,
     * trace, boot line, policy and lists; {@code 0} objectSize and opsPerLoop (never valid
     * values) become 64 and 1. Lists come back unmodifiable.
     */
    public Scenario withDefaults() {
        return new Scenario(name, description == null ? "" : description, machine,
                kernel == null ? null : kernel.withDefaults(),
                sched == null ? Sched.DEFAULT : sched,
                workloads == null ? List.of() : workloads.stream().map(Workload::withDefaults).toList(),
                triggers == null ? List.of() : triggers.stream().map(TriggerSpec::withDefaults).toList(),
                durationMs,
                costs == null ? Costs.DEFAULT : costs,
                trace == null ? TraceOptions.DEFAULT : trace,
                narration == null ? List.of() : List.copyOf(narration));
    }

    /** @return the parsed boot line (see {@link BootLine}); never throws for a loaded scenario. */
    public BootLine bootLine() {
        return kernel == null ? BootLine.EMPTY : kernel.bootLine();
    }

    /** @return CPUs isolated by the boot line (nohz_full= / isolcpus=), see {@link BootLine#isolated()}. */
    public CpuList isolatedCpus() {
        return bootLine().isolated();
    }

    /** @return the workload whose cpulist names {@code cpu}; empty means the CPU idles. */
    public Optional<Workload> workloadOn(int cpu) {
        return workloads.stream().filter(w -> w.cpuList().contains(cpu)).findFirst();
    }

    /** @param cpus 1..64 emulated CPUs; @param pin pin CPU threads to physical cores when there are enough. */
    public record Machine(int cpus, boolean pin) {
        public static final int MAX_CPUS = 64;
    }

    /**
     * @param CONFIG_QPW         build option
     * @param CONFIG_QPW_DEFAULT build option (only meaningful with CONFIG_QPW)
     * @param CONFIG_PREEMPT_RT  build option
     * @param boot               kernel command line: qpw=, nohz_full=, isolcpus= are understood
     */
    @SuppressWarnings("checkstyle:RecordComponentName")
    public record Kernel(boolean CONFIG_QPW, boolean CONFIG_QPW_DEFAULT, boolean CONFIG_PREEMPT_RT, String boot) {
        Kernel withDefaults() {
            return boot == null ? new Kernel(CONFIG_QPW, CONFIG_QPW_DEFAULT, CONFIG_PREEMPT_RT, "") : this;
        }

        /** @throws ValueSyntaxException if the boot line is malformed (never for a loaded scenario) */
        public BootLine bootLine() {
            return boot == null ? BootLine.EMPTY : BootLine.parse(boot);
        }
    }

    /**
     * How kworkers get a CPU that runs a SCHED_FIFO task (DOMAIN.md, SCHED_FIFO caveat).
     * @param rtThrottling     sched_rt_runtime_us != -1: kworkers run in the throttle window
     * @param rtPeriodMs       sched_rt_period_us / 1000 (default 1000)
     * @param rtRuntimeMs      sched_rt_runtime_us / 1000 (default 950)
     * @param stalldThresholdMs 0 = no stalld; else a starved kworker is boosted after this long
     * @param fairServer       6.12+: the fair deadline server, not RT throttling, lets starved kworkers run
     */
    public record Sched(boolean rtThrottling, long rtPeriodMs, long rtRuntimeMs, long stalldThresholdMs,
                        boolean fairServer) {
        /** Linux defaults before 6.12: sched_rt_period_us=1000000, sched_rt_runtime_us=950000; no stalld. */
        public static final Sched DEFAULT = new Sched(true, 1000, 950, 0, false);
        /** sched_rt_period_us is an int of microseconds. */
        public static final long MAX_RT_PERIOD_MS = Integer.MAX_VALUE / 1000;
    }

    /**
     * @param cpus          cpulist, e.g. "0-2" or "3"
     * @param task          rt-loop | kmalloc | lru-add | idle
     * @param policy        SCHED_OTHER | SCHED_FIFO
     * @param priority      1..99 for SCHED_FIFO, 0 for SCHED_OTHER
     * @param objectSize    kmalloc size in bytes (kmalloc task), 8..4096
     * @param opsPerLoop    allocations (kmalloc) or folios (lru-add) per loop iteration, 1..100000
     * @param writeBeforeLoop the seed reproducer's write() to a file before the loop: leaves
     *                      folios in this CPU's lru_add batch, so drains must visit it
     * @param writeEveryMs  0 = never; else the task write()s again this often (an RT app that
     *                      logs), refilling its lru_add batch so later drains reach it too
     * @param loopsPerSec   0 = flat out; else the task blocks between iterations (a process
     *                      waiting for I/O or a timer) so it runs at most this many loops per
     *                      second — a housekeeping CPU that is not 100 % busy
     */
    public record Workload(String cpus, String task, String policy, int priority, int objectSize,
                           int opsPerLoop, boolean writeBeforeLoop, long writeEveryMs, long loopsPerSec) {
        public static final String RT_LOOP = "rt-loop";
        public static final String KMALLOC = "kmalloc";
        public static final String LRU_ADD = "lru-add";
        public static final String IDLE = "idle";
        public static final List<String> TASKS = List.of(RT_LOOP, KMALLOC, LRU_ADD, IDLE);
        public static final String SCHED_OTHER = "SCHED_OTHER";
        public static final String SCHED_FIFO = "SCHED_FIFO";
        public static final List<String> POLICIES = List.of(SCHED_OTHER, SCHED_FIFO);
        /** kmalloc-64, the seed's kmalloc_bench size. */
        public static final int DEFAULT_OBJECT_SIZE = 64;
        public static final int MIN_OBJECT_SIZE = 8;
        public static final int MAX_OBJECT_SIZE = 4096;
        public static final int DEFAULT_OPS_PER_LOOP = 1;
        public static final int MAX_OPS_PER_LOOP = 100_000;
        public static final long MAX_LOOPS_PER_SEC = 10_000_000;

        Workload withDefaults() {
            return new Workload(cpus, task, policy == null ? SCHED_OTHER : policy, priority,
                    objectSize == 0 ? DEFAULT_OBJECT_SIZE : objectSize,
                    opsPerLoop == 0 ? DEFAULT_OPS_PER_LOOP : opsPerLoop, writeBeforeLoop, writeEveryMs, loopsPerSec);
        }

        /** @throws ValueSyntaxException if {@code cpus} is malformed (never for a loaded scenario) */
        public CpuList cpuList() {
            return CpuList.parse(cpus);
        }

        public boolean usesFifo() {
            return SCHED_FIFO.equals(policy);
        }
    }

    /**
     * @param action  flushbufs | kmem_cache_shrink | lru_add_drain_all | mlock | drain_all_stock
     * @param cpu     housekeeping CPU that issues it
     * @param atMs    fire at these times (ms from start); may be empty when everyMs is set
     * @param everyMs fire periodically (0 = not periodic)
     * @param startMs first periodic firing
     */
    public record TriggerSpec(String action, int cpu, List<Long> atMs, long everyMs, long startMs) {
        TriggerSpec withDefaults() {
            return new TriggerSpec(action, cpu, atMs == null ? List.of() : List.copyOf(atMs), everyMs, startMs);
        }

        /** @return the trigger this action names, or null for an unknown action (never for a loaded scenario). */
        public Trigger trigger() {
            Trigger t = Trigger.ofId(action);
            return t == Trigger.NONE ? null : t;
        }
    }

    /**
     * Modelled costs: named, documented, shown in the UI. Everything else is measured.
     * @param contextSwitchNs cost charged for each switch task -> kworker and back (DOMAIN.md: ~1-3 µs)
     * @param workqueueWakeupNs delay from queue_work_on to the kworker being runnable (IPI + wakeup)
     */
    public record Costs(long contextSwitchNs, long workqueueWakeupNs) {
        /**
         * 1500 ns per switch: DOMAIN.md gives ~3.1 µs for a migration-thread interruption, which
         * is two switches (task -> kworker -> task). 1000 ns wakeup: an IPI plus a kworker
         * wakeup on bare metal is about 1 µs [I].
         */
        public static final Costs DEFAULT = new Costs(1500, 1000);
        /** Sanity bound for a modelled cost: one second. */
        public static final long MAX_NS = 1_000_000_000L;
    }

    /** @param ringRecords per-CPU ring capacity (power of two); @param lockEvents trace every lock op. */
    public record TraceOptions(int ringRecords, boolean lockEvents) {
        /** 65536 records x 24 bytes = 1.5 MiB per CPU. */
        public static final TraceOptions DEFAULT = new TraceOptions(65536, true);
        public static final int MIN_RING_RECORDS = 1 << 10;
        public static final int MAX_RING_RECORDS = 1 << 24;
    }

    /** @param atMs when to show; @param text what to say. */
    public record NarrationStep(long atMs, String text) {}
}
