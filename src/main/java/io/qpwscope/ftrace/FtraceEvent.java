package io.qpwscope.ftrace;

/**
 * The tracepoints an import maps, by name: the one routing table both front-ends (ftrace text and
 * trace.dat) use, so an event means the same in either. What each kind becomes is
 * {@link FtraceRecords}' business; other tracepoints are {@link #OTHER}, counted and skipped.
 */
public enum FtraceEvent {
    /** {@code workqueue_queue_work}: work struct, function, req_cpu, cpu. */
    QUEUE_WORK,
    /** {@code workqueue_execute_start}: work struct, function. */
    EXECUTE_START,
    /** {@code workqueue_execute_end}: work struct, function (newer kernels). */
    EXECUTE_END,
    /** {@code sched_switch}: prev comm/pid/state, next comm/pid. */
    SCHED_SWITCH,
    /** {@code sched_wakeup}, {@code sched_wakeup_new}: the woken pid (ends a flush wait). */
    WAKEUP,
    /** {@code irq_handler_entry}. */
    IRQ_ENTRY,
    /** {@code irq_handler_exit}: the interrupted task's pid is the event's own. */
    IRQ_EXIT,
    /** {@code softirq_entry}. */
    SOFTIRQ_ENTRY,
    /** {@code softirq_exit}. */
    SOFTIRQ_EXIT,
    /** osnoise {@code thread_noise}, {@code irq_noise}, {@code softirq_noise}, {@code nmi_noise}: start, duration. */
    OSNOISE,
    /** Anything else. */
    OTHER;

    /** The kind of the tracepoint {@code name} (without its system, e.g. {@code sched_switch}). */
    public static FtraceEvent of(String name) {
        return switch (name) {
            case "workqueue_queue_work" -> QUEUE_WORK;
            case "workqueue_execute_start" -> EXECUTE_START;
            case "workqueue_execute_end" -> EXECUTE_END;
            case "sched_switch" -> SCHED_SWITCH;
            case "sched_wakeup", "sched_wakeup_new" -> WAKEUP;
            case "irq_handler_entry" -> IRQ_ENTRY;
            case "irq_handler_exit" -> IRQ_EXIT;
            case "softirq_entry" -> SOFTIRQ_ENTRY;
            case "softirq_exit" -> SOFTIRQ_EXIT;
            case "thread_noise", "irq_noise", "softirq_noise", "nmi_noise" -> OSNOISE;
            default -> OTHER;
        };
    }

    private static final String[] NAMES = {"workqueue_queue_work", "workqueue_execute_start", "workqueue_execute_end",
            "sched_switch", "sched_wakeup", "sched_wakeup_new", "irq_handler_entry", "irq_handler_exit", "softirq_entry",
            "softirq_exit", "thread_noise", "irq_noise", "softirq_noise", "nmi_noise"};
    private static final FtraceEvent[] KINDS = new FtraceEvent[NAMES.length];

    static {
        for (int i = 0; i < NAMES.length; i++) KINDS[i] = of(NAMES[i]);
    }

    /** As {@link #of(String)} for the name {@code text[from, to)}, without making a string of it (the text import's hot loop). */
    public static FtraceEvent of(String text, int from, int to) {
        int len = to - from;
        for (int i = 0; i < NAMES.length; i++) {
            String n = NAMES[i];
            if (n.length() == len && text.regionMatches(from, n, 0, len)) return KINDS[i];
        }
        return OTHER;
    }

    /** True for the four hard/soft irq kinds, which {@link FtraceRecords#irq} takes. */
    public boolean isIrq() {
        return this == IRQ_ENTRY || this == IRQ_EXIT || this == SOFTIRQ_ENTRY || this == SOFTIRQ_EXIT;
    }
}
