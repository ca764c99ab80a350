package io.qpwscope.trace;

/**
 * What a recording was made of: enough for a reviewer on another machine to know what they
 * are looking at. Serialized as JSON in the recording file header (component names are the
 * JSON names). Build one with {@link #builder()}.
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

    public static Builder builder() {
        return new Builder();
    }

    /** Named parts of a {@link RecordingMeta}; the recording JVM's version and this app's are preset. */
    public static final class Builder {
        private String scenarioName, scenarioJson, bootLine = "", effectiveReason = "";
        private int cpus, physicalCores, effectiveQpw;
        private long isolatedMask, originEpochNanos;
        private boolean pinned, configQpw, configQpwDefault, preemptRt;
        private String jdk = System.getProperty("java.version");
        private String appVersion = Version.get();

        private Builder() {}

        /** @param json the scenario file's text (null when there is none, e.g. an import) */
        public Builder scenario(String name, String json) {
            scenarioName = name;
            scenarioJson = json;
            return this;
        }

        /** The emulated CPUs and the machine that ran them. */
        public Builder machine(int cpus, long isolatedMask, int physicalCores, boolean pinned) {
            this.cpus = cpus;
            this.isolatedMask = isolatedMask;
            this.physicalCores = physicalCores;
            this.pinned = pinned;
            return this;
        }

        /** Build options of the emulated kernel. */
        public Builder config(boolean configQpw, boolean configQpwDefault, boolean preemptRt) {
            this.configQpw = configQpw;
            this.configQpwDefault = configQpwDefault;
            this.preemptRt = preemptRt;
            return this;
        }

        /** The boot line and the qpw it resolved to, with why. */
        public Builder boot(String bootLine, int effectiveQpw, String effectiveReason) {
            this.bootLine = bootLine;
            this.effectiveQpw = effectiveQpw;
            this.effectiveReason = effectiveReason;
            return this;
        }

        /** Wall clock (ns since 1970) at ts = 0. */
        public Builder originEpochNanos(long v) {
            originEpochNanos = v;
            return this;
        }

        /** The JVM and app version that recorded it (default: this JVM, this app). */
        public Builder recordedBy(String jdk, String appVersion) {
            this.jdk = jdk;
            this.appVersion = appVersion;
            return this;
        }

        public RecordingMeta build() {
            return new RecordingMeta(scenarioName, scenarioJson, cpus, isolatedMask, physicalCores, pinned, configQpw,
                    configQpwDefault, preemptRt, bootLine, effectiveQpw, effectiveReason, originEpochNanos, jdk, appVersion);
        }
    }
}
