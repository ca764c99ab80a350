package io.qpwscope.ui;

import io.qpwscope.engine.EngineStats;
import io.qpwscope.ui.timeline.index.HostFigures;
import io.qpwscope.ui.timeline.render.HostSplitText;
import java.util.Locale;

/**
 * A run's key kernel figures on one line, for the places where the dashboard does not fit
 * (presentation mode's strip, each side of the live A/B window): interruptions on isolated
 * CPUs, the worst of them (the kernel's part, host time taken out), and the host's steal +
 * pause apart, at the end.
 */
public final class KernelFiguresLine {
    private KernelFiguresLine() {}

    /**
     * @param s  the engine's counters, null before a run
     * @param f  the timeline's host split of the same run, null while it has none: the worst
     *           interruption is then the wall time and says so
     */
    public static String of(EngineStats s, HostFigures f) {
        if (s == null) return "no run";
        long n = s.isolatedInterruptions();
        StringBuilder b = new StringBuilder();
        b.append(n).append(n == 1 ? " interruption" : " interruptions").append(" on isolated CPUs");
        if (f != null) {
            b.append(" · worst ").append(HostSplitText.brief(f.isolatedInterruptionKernelMaxNs())).append(" kernel");
        } else {
            b.append(" · worst ").append(HostSplitText.brief(s.isolatedInterruptionMaxNs())).append(" wall");
        }
        b.append("   |   ").append(host(f));
        return b.toString();
    }

    /** "host steal + pause 31 % (cpu2)", or that there are no samples yet. */
    static String host(HostFigures f) {
        if (f == null || Double.isNaN(f.worstShare())) return "host steal: no samples yet";
        return String.format(Locale.ROOT, "host steal + pause %.0f %% (cpu%d)", 100 * f.worstShare(), f.worstCpu());
    }
}
