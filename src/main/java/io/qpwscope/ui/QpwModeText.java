package io.qpwscope.ui;

/**
 * Words for a QPW mode, the same wherever a mode is named to an audience: the qpw switch's
 * label, the live A/B window's lane-group titles.
 */
public final class QpwModeText {
    private QpwModeText() {}

    /** "qpw=0: local locks + kworker", "qpw=1: per-CPU spinlocks", "qpw: not booted" for -1. */
    public static String of(int qpw) {
        return switch (qpw) {
            case 0 -> "qpw=0: local locks + kworker";
            case 1 -> "qpw=1: per-CPU spinlocks";
            default -> "qpw: not booted";
        };
    }

    /**
     * The qpw switch's label: the mode now in force; with CONFIG_QPW=n the kernel has only
     * qpw=0 and says so.
     */
    public static String switchLabel(int qpw, boolean configQpw) {
        if (qpw < 0) return of(qpw);
        return configQpw ? of(qpw) : of(0) + " (CONFIG_QPW=n)";
    }
}
