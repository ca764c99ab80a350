package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.ModelledCosts;
import java.util.Locale;

/**
 * Words for the host's share of an interval, for hover cards and details: what the model
 * (the emulated kernel) spent and what the host took, e.g. "interruption 337 µs = 5 µs
 * kernel (wakeup 1 µs, 2 context switches 3 µs, drain 1 µs) + 332 µs host steal".
 */
public final class HostSplitText {
    private HostSplitText() {}

    /** A duration without trailing zeros: "5 µs", "1.5 µs", "15.9 ms". */
    public static String brief(long ns) {
        String d = TimeFormat.duration(ns);
        int sp = d.indexOf(' ');
        String num = d.substring(0, sp);
        if (num.indexOf('.') >= 0) {
            num = num.replaceAll("0+$", "");
            if (num.endsWith(".")) num = num.substring(0, num.length() - 1);
        }
        return num + d.substring(sp);
    }

    /** The model's part of an interval: its wall time less what the host took (never negative). */
    public static long kernelNs(long wallNs, long stealNs, long pauseNs) {
        return Math.max(0, wallNs - stealNs - pauseNs);
    }

    /**
     * An interruption split into the kernel's part, itself split into the modelled wakeup and
     * two context switches and the measured rest (the drain), and the host's steal and pause.
     */
    public static String interruption(long wallNs, long stealNs, long pauseNs, ModelledCosts costs) {
        long kernel = kernelNs(wallNs, stealNs, pauseNs);
        long wakeup = Math.min(kernel, costs.workqueueWakeupNs());
        long switches = Math.min(kernel - wakeup, 2 * costs.contextSwitchNs());
        long drain = kernel - wakeup - switches;
        return "interruption " + brief(wallNs) + " = " + brief(kernel) + " kernel (wakeup " + brief(wakeup)
                + ", 2 context switches " + brief(switches) + ", drain " + brief(drain) + ")" + host(stealNs, pauseNs);
    }

    /** Any other split interval of this thread: "noise 340 µs = 8 µs kernel + 332 µs host steal". */
    public static String split(String what, long wallNs, long stealNs, long pauseNs) {
        return what + " " + brief(wallNs) + " = " + brief(kernelNs(wallNs, stealNs, pauseNs)) + " kernel"
                + host(stealNs, pauseNs);
    }

    /**
     * An interval that waited on another CPU whose thread the host took: "holder cpu 1 was off
     * its core for 15.9 ms of this 16.5 ms spin (steal 15 ms, pause 900 µs)".
     *
     * @param who  "holder" for a spin, "target" for a flush wait
     * @param what "spin", "flush wait"
     */
    public static String offCore(String who, int cpu, String what, long wallNs, long stealNs, long pauseNs) {
        long off = Math.min(wallNs, stealNs + pauseNs);
        StringBuilder b = new StringBuilder(who).append(" cpu ").append(cpu).append(" was off its core for ")
                .append(brief(off)).append(" of this ").append(brief(wallNs)).append(' ').append(what);
        if (stealNs > 0 && pauseNs > 0) {
            b.append(" (steal ").append(brief(stealNs)).append(", pause ").append(brief(pauseNs)).append(')');
        } else {
            b.append(pauseNs > 0 ? " (pause)" : " (steal)");
        }
        return b.toString();
    }

    /** A host sample: "host took 23.4 % of cpu3 over 10 ms: steal 2 ms + pause 340 µs". */
    public static String sample(int cpu, long windowNs, long stealNs, long pauseNs) {
        double pct = windowNs <= 0 ? 0 : 100.0 * (stealNs + pauseNs) / windowNs;
        return String.format(Locale.ROOT, "host took %.1f %% of cpu%d over %s: steal %s + pause %s", pct, cpu,
                brief(windowNs), brief(stealNs), brief(pauseNs));
    }

    private static String host(long stealNs, long pauseNs) {
        StringBuilder b = new StringBuilder();
        if (stealNs > 0 || pauseNs == 0) b.append(" + ").append(brief(stealNs)).append(" host steal");
        if (pauseNs > 0) b.append(" + ").append(brief(pauseNs)).append(" host pause");
        return b.toString();
    }
}
