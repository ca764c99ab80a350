package io.qpwscope.ui.timeline.index;

/** The three rows of a CPU lane, top to bottom. */
public enum LaneRow {
    /** What occupies the CPU: its task, a kworker, an interruption, noise. */
    TASK("task"),
    /** Per-CPU locks: held locally, held by a remote CPU, spin-waiting. */
    LOCK("locks"),
    /** Work items and the operations that queue them: triggers, flush waits, work running. */
    WORK("work");

    public final String label;

    LaneRow(String label) {
        this.label = label;
    }
}
