package io.qpwscope.ui.capture;

import io.qpwscope.ftrace.capture.Capture;

/**
 * The capture dialog's fields read and checked, without JavaFX: the same limits as the
 * {@code capture} command (seconds in (0, 60]) plus a CPU that exists and a sane trigger period.
 */
public final class CaptureForm {
    /** Longest capture, as the command allows. */
    public static final double MAX_SECONDS = 60;
    /** Trigger period bounds in ms. */
    public static final long MIN_PERIOD_MS = 10, MAX_PERIOD_MS = 10_000;

    private CaptureForm() {}

    /** Either options to run or the one-line problem with the fields (then options is null). */
    public record Checked(Capture.Options options, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * @param cpus CPUs of this machine: the loop's CPU must be below it, and another CPU must exist for the triggers
     */
    public static Checked check(String cpuText, String secondsText, String periodText, int cpus) {
        long cpu = integer(cpuText);
        if (cpu < 0) return problem("CPU: a whole number, e.g. 1");
        if (cpus < 2) return problem("capture needs 2 CPUs (one for the loop, one for the triggers); this machine has " + cpus);
        if (cpu >= cpus) return problem("CPU " + cpu + " is outside 0.." + (cpus - 1));
        double seconds;
        try {
            seconds = Double.parseDouble(secondsText.strip());
        } catch (NumberFormatException e) {
            return problem("Seconds: a number, e.g. 3");
        }
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) return problem("Seconds " + secondsText.strip() + " is outside (0, " + (int) MAX_SECONDS + "]");
        long period = integer(periodText);
        if (period < 0) return problem("Trigger period: a whole number of ms, e.g. 200");
        if (period < MIN_PERIOD_MS || period > MAX_PERIOD_MS) {
            return problem("Trigger period " + period + " ms is outside " + MIN_PERIOD_MS + ".." + MAX_PERIOD_MS + " ms");
        }
        return new Checked(new Capture.Options((int) cpu, seconds, period), null);
    }

    private static Checked problem(String why) {
        return new Checked(null, why);
    }

    /** A non-negative decimal of at most 9 digits, or -1. */
    private static long integer(String s) {
        String t = s == null ? "" : s.strip();
        if (t.isEmpty() || t.length() > 9) return -1;
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
