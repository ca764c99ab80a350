package io.qpwscope.trace;

/**
 * What a recording was made of: enough for a reviewer on another machine to know what they
 * are looking at. Serialized as JSON in the recording file header.
 *
 * @param scenarioName   the scenario's name
 * @param scenarioJson   the scenario file's full text as run (so a recording can be re-run)
 * @param cpus           number of emulated CPUs
 * @param isolatedMask   bit n set = CPU n is isolated
 * @param physicalCores  Runtime.availableProcessors() of the machine that recorded it
 * @param pinned         whether CPU threads were pinned to physical cores
 * @param configQpw      CONFIG_QPW
 * @param configQpwDefault CONFIG_QPW_DEFAULT
 * @param preemptRt      CONFIG_PREEMPT_RT
 * @param bootLine       kernel command line, e.g. "qpw=1 nohz_full=3"
 * @param effectiveQpw   0 or 1 as resolved at boot
 * @param effectiveReason why (e.g. "qpw=1: auto-enabled by nohz_full")
 * @param originEpochNanos wall clock (ns since 1970) at ts = 0
 * @param jdk            java.version of the recording JVM
 * @param appVersion     QPW Scope version
 */
public record RecordingMeta(
        String scenarioName,
        String scenarioJson,
        int cpus,
        long isolatedMask,
        int physicalCores,
        boolean pinned,
        boolean configQpw,
        boolean configQpwDefault,
        boolean preemptRt,
        String bootLine,
        int effectiveQpw,
        String effectiveReason,
        long originEpochNanos,
        String jdk,
        String appVersion) {

    public boolean isolated(int cpu) {
        return (isolatedMask >>> cpu & 1) != 0;
    }
}
