package io.qpwscope.scenario;

import java.util.List;

/**
 * One experiment, as read from a JSON file in {@code scenarios/}. Field names are the JSON
 * names; {@link ScenarioLoader} reads them strictly (unknown fields, wrong types and
 * out-of-range values are errors with file:line:column and the field path).
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

    /** @param cpus 1..64 emulated CPUs; @param pin pin CPU threads to physical cores when there are enough. */
    public record Machine(int cpus, boolean pin) {}

    /**
     * @param CONFIG_QPW         build option
     * @param CONFIG_QPW_DEFAULT build option (only meaningful with CONFIG_QPW)
     * @param CONFIG_PREEMPT_RT  build option
     * @param boot               kernel command line: qpw=, nohz_full=, isolcpus= are understood
     */
    @SuppressWarnings("checkstyle:RecordComponentName")
    public record Kernel(boolean CONFIG_QPW, boolean CONFIG_QPW_DEFAULT, boolean CONFIG_PREEMPT_RT, String boot) {}

    /**
     * How kworkers get a CPU that runs a SCHED_FIFO task (DOMAIN.md, SCHED_FIFO caveat).
     * @param rtThrottling     sched_rt_runtime_us != -1: kworkers run in the throttle window
     * @param rtPeriodMs       sched_rt_period_us / 1000 (default 1000)
     * @param rtRuntimeMs      sched_rt_runtime_us / 1000 (default 950)
     * @param stalldThresholdMs 0 = no stalld; else a starved kworker is boosted after this long
     */
    public record Sched(boolean rtThrottling, long rtPeriodMs, long rtRuntimeMs, long stalldThresholdMs) {}

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
     */
    public record Workload(String cpus, String task, String policy, int priority, int objectSize,
                           int opsPerLoop, boolean writeBeforeLoop, long writeEveryMs) {}

    /**
     * @param action  flushbufs | kmem_cache_shrink | lru_add_drain_all | mlock | drain_all_stock
     * @param cpu     housekeeping CPU that issues it
     * @param atMs    fire at these times (ms from start); may be empty when everyMs is set
     * @param everyMs fire periodically (0 = not periodic)
     * @param startMs first periodic firing
     */
    public record TriggerSpec(String action, int cpu, List<Long> atMs, long everyMs, long startMs) {}

    /**
     * Modelled costs: named, documented, shown in the UI. Everything else is measured.
     * @param contextSwitchNs cost charged for each switch task -> kworker and back (DOMAIN.md: ~1-3 µs)
     * @param workqueueWakeupNs delay from queue_work_on to the kworker being runnable (IPI + wakeup)
     */
    public record Costs(long contextSwitchNs, long workqueueWakeupNs) {}

    /** @param ringRecords per-CPU ring capacity (power of two); @param lockEvents trace every lock op. */
    public record TraceOptions(int ringRecords, boolean lockEvents) {}

    /** @param atMs when to show; @param text what to say. */
    public record NarrationStep(long atMs, String text) {}
}
