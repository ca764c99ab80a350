package io.qpwscope.ftrace;

import io.qpwscope.ftrace.capture.Capture;
import io.qpwscope.trace.RecordingMeta;

/**
 * Where a recording's figures come from: a real kernel (an imported ftrace/trace.dat, or a
 * {@code capture} on a machine) or the QPW model (the engine). Told from the meta the import and
 * capture already write (effectiveReason, scenario name), so files of any age say it.
 */
public enum RecordingSource {
    /** An ftrace text or trace.dat import. */
    IMPORTED("real kernel (imported trace)", true),
    /** {@code capture} on the machine that recorded it. */
    CAPTURED("real kernel (captured)", true),
    /** The engine's model of the kernel. */
    MODEL("model (engine)", false);

    public final String label;
    public final boolean realKernel;

    RecordingSource(String label, boolean realKernel) {
        this.label = label;
        this.realKernel = realKernel;
    }

    /** @return the source of a recording with this meta */
    public static RecordingSource of(RecordingMeta meta) {
        String reason = meta.effectiveReason() == null ? "" : meta.effectiveReason();
        String name = meta.scenarioName() == null ? "" : meta.scenarioName();
        if (reason.equals(Capture.CAPTURED) || name.startsWith(Capture.SCENARIO_PREFIX) && meta.scenarioJson() == null) return CAPTURED;
        if (reason.equals(FtraceImport.IMPORTED) || name.startsWith(FtraceImport.SCENARIO_PREFIX) && meta.scenarioJson() == null) return IMPORTED;
        return MODEL;
    }
}
