package io.qpwscope.ftrace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event line of an ftrace text dump ({@code cat /sys/kernel/tracing/trace}):
 *
 * <pre>
 *   kworker/18:1-453     [018] d..2.  6520.912873: workqueue_queue_work: work struct=...
 *   rtloop-2201  (   2201) [003] d..2  6520.912900: sched_switch: prev_comm=rtloop ...
 *   |task (spaces ok)|pid |(TGID)  |cpu| |flags|  |timestamp |  |event|  |fields...|
 * </pre>
 *
 * The {@code (TGID)} column (option record-tgid) and the flags field (irq-info; 4, 5 or 7
 * characters depending on the kernel) are optional.
 *
 * @param task  the task's comm
 * @param pid   its pid
 * @param cpu   the CPU the event was recorded on
 * @param tsNs  the trace clock in ns
 * @param event the tracepoint name, e.g. {@code sched_switch}
 * @param fields the text after {@code event: }
 */
record FtraceLine(String task, int pid, int cpu, long tsNs, String event, String fields) {
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(?<task>.+?)-(?<pid>\\d+)\\s+(?:\\(\\s*(?:\\d+|-+)\\s*\\)\\s+)?\\[(?<cpu>\\d+)]\\s+"
                    + "(?:(?<flags>\\S+)\\s+)?(?<sec>\\d+)\\.(?<frac>\\d{1,9}):\\s+(?<event>\\w+):\\s?(?<fields>.*)$");
    /** Loose shape of an event line: a CPU column and a timestamp with a colon. */
    private static final Pattern EVENT_LIKE = Pattern.compile("\\[\\d+]\\s.*\\d+\\.\\d+:\\s");

    /**
     * @return the parsed line, or null for a line that is not an event (comments, blank lines,
     *         {@code CPU:2 [LOST 5 EVENTS]}, buffer-start banners)
     * @throws IllegalArgumentException with a one-line reason if it looks like an event line but does not parse
     */
    static FtraceLine parse(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.charAt(0) == '#') return null;
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            if (EVENT_LIKE.matcher(line).find()) {
                throw new IllegalArgumentException("not an ftrace event line (expected TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS)");
            }
            return null;
        }
        String flags = m.group("flags");
        if (flags != null && flags.length() != 4 && flags.length() != 5 && flags.length() != 7) {
            throw new IllegalArgumentException("flags field \"" + flags + "\" has " + flags.length()
                    + " characters (expected 4, 5 or 7)");
        }
        String frac = m.group("frac");
        long ns = Long.parseLong(frac) * POW10[9 - frac.length()];
        long sec = parseBounded(m.group("sec"), "timestamp", 12);
        if (sec > Long.MAX_VALUE / 1_000_000_000L - 1) throw new IllegalArgumentException("timestamp " + m.group("sec") + " is too large");
        return new FtraceLine(m.group("task"), (int) parseBounded(m.group("pid"), "pid", 9), (int) parseBounded(m.group("cpu"), "CPU", 9),
                sec * 1_000_000_000L + ns, m.group("event"), m.group("fields"));
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private static long parseBounded(String digits, String what, int maxDigits) {
        if (digits.length() > maxDigits) throw new IllegalArgumentException(what + " " + digits + " is too large");
        return Long.parseLong(digits);
    }
}
