package io.qpwscope.ftrace;

/**
 * Reads one line of ftrace text as {@code cat trace}, {@code trace_pipe} and {@code trace-cmd report}
 * write it, without regular expressions (the import's hot loop):
 *
 * <pre>
 *   kworker/18:1-453     [018] d..2.  6520.912873: workqueue_queue_work: work struct=...
 *   rtloop-2201  (   2201) [003] d..2  6520.912900: sched_switch: prev_comm=rtloop ...
 *   bash-6528    [001]   274.111283: sched_switch: bash:6528 [120] D ==> kworker/1:1:41 [120]
 *   |task (spaces ok)|pid |(TGID)  |cpu| |flags|  |timestamp |  |event|  |fields...|
 * </pre>
 *
 * The {@code (TGID)} column and the flags (any width, usually 4 to 7) are optional. After the
 * timestamp comes either {@code event: fields}, or a function-tracer call
 * ({@code insert_work <-__queue_work}), a {@code <stack trace>} header, or a syscall
 * ({@code sys_write -> 0x1}). One instance is reused for every line of a file.
 */
final class FtraceLine {
    /** What a line is; {@link #scan(String)} returns one of these. */
    enum Kind {
        /** {@code TASK-PID [CPU] ... TS: event: fields}: the accessors hold its parts. */
        EVENT,
        /** A function-tracer line: {@code TS: func <-parent}. */
        FUNCTION,
        /** {@code <stack trace>} or {@code <user stack trace>}: a stack follows as {@code  => } lines. */
        STACK_TRACE,
        /** {@code  => func} inside a stack trace. */
        STACK_ENTRY,
        /** A syscall line: {@code sys_write -> 0x1} or {@code sys_write(fd: 1, ...)}. */
        SYSCALL,
        /** Another line with an ftrace header but no {@code event:} (e.g. trace_printk text). */
        OTHER_EVENT_TEXT,
        /** {@code CPU:N [LOST n EVENTS]}: {@link #lost()} holds n. */
        LOST,
        /** Blank, {@code #} comment, {@code ##### CPU N buffer started ####}, trace-cmd's {@code cpus=2} / {@code CPU 0 is empty}. */
        HEADER,
        /** Not ftrace text. */
        UNKNOWN
    }

    private String line;
    private int taskFrom, taskTo, eventFrom, eventTo, fieldsFrom;
    private FtraceEvent kind;
    private int pid, cpu;
    private long tsNs, lost;

    String task() {
        return line.substring(taskFrom, taskTo);
    }

    int pid() {
        return pid;
    }

    int cpu() {
        return cpu;
    }

    long tsNs() {
        return tsNs;
    }

    /** The tracepoint name, e.g. {@code sched_switch} (EVENT only). */
    String event() {
        return line.substring(eventFrom, eventTo);
    }

    /** What the tracepoint maps to (EVENT only), found without making a string of its name. */
    FtraceEvent kind() {
        return kind;
    }

    /** The text after {@code event: } (EVENT only; made when asked for). */
    String fields() {
        return fieldsFrom <= line.length() ? line.substring(fieldsFrom) : "";
    }

    long lost() {
        return lost;
    }

    /** @return the event line's parts, or null if {@code line} is not an event line (tests and one-off use) */
    static FtraceLine parse(String line) {
        FtraceLine l = new FtraceLine();
        return l.scan(line) == Kind.EVENT ? l : null;
    }

    /** Reads {@code s}; for {@link Kind#EVENT} (and the header of FUNCTION etc.) the accessors are set. */
    Kind scan(String s) {
        final int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) == ' ') i++;
        if (i == n) return Kind.HEADER;
        char c0 = s.charAt(i);
        if (c0 == '#') return Kind.HEADER;
        if (c0 == '=' && s.startsWith("=> ", i)) return Kind.STACK_ENTRY;
        // the CPU column: the first " [digits]" followed by a space
        int open = s.indexOf('[', i);
        int close = -1;
        while (open > i) {
            close = digitsThenBracket(s, open + 1);
            if (close > 0 && s.charAt(open - 1) == ' ' && (close + 1 == n || s.charAt(close + 1) == ' ')) break;
            open = s.indexOf('[', open + 1);
        }
        if (open <= i) return notAnEvent(s, i);
        if (!taskAndPid(s, i, open)) return notAnEvent(s, i);
        cpu = parseInt(s, open + 1, close);
        // optional flags, then SECONDS.FRACTION:
        int j = skipSpaces(s, close + 1);
        int tok = j;
        while (j < n && s.charAt(j) != ' ') j++;
        if (!timestamp(s, tok, j)) {
            tok = skipSpaces(s, j);
            j = tok;
            while (j < n && s.charAt(j) != ' ') j++;
            if (!timestamp(s, tok, j)) return notAnEvent(s, i);
        }
        int r = skipSpaces(s, j);
        return afterHeader(s, r);
    }

    private Kind afterHeader(String s, int r) {
        final int n = s.length();
        int w = r;
        while (w < n && isWordChar(s.charAt(w))) w++;
        if (w > r && w < n && s.charAt(w) == ':' && (w + 1 == n || s.charAt(w + 1) == ' ')) {
            line = s;
            eventFrom = r;
            eventTo = w;
            fieldsFrom = w + 2;
            kind = FtraceEvent.of(s, r, w);
            return Kind.EVENT;
        }
        if (s.startsWith("<stack trace>", r) || s.startsWith("<user stack trace>", r)) return Kind.STACK_TRACE;
        if (s.indexOf("<-", r) >= 0) return Kind.FUNCTION;
        if (w > r && (s.startsWith(" -> ", w) || (w < n && s.charAt(w) == '('))) return Kind.SYSCALL;
        return Kind.OTHER_EVENT_TEXT;
    }

    private Kind notAnEvent(String s, int i) {
        int l = s.indexOf("[LOST ", i);
        if (s.startsWith("CPU", i) && l > 0) {
            int e = l + 6;
            while (e < s.length() && Character.isDigit(s.charAt(e))) e++;
            lost = e > l + 6 && e - (l + 6) <= 18 ? Long.parseLong(s, l + 6, e, 10) : 0;
            return Kind.LOST;
        }
        if (s.startsWith("CPU", i) && s.contains("EVENTS DROPPED")) return Kind.LOST;
        if (s.startsWith("#####", i) || s.startsWith("cpus=", i) || s.startsWith("version =", i)
                || (s.startsWith("CPU ", i) && s.endsWith("is empty"))) return Kind.HEADER;
        return Kind.UNKNOWN;
    }

    /** {@code TASK-PID} then optionally {@code (TGID)} between {@code from} and the CPU column at {@code open}. */
    private boolean taskAndPid(String s, int from, int open) {
        int end = open - 1;
        while (end > from && s.charAt(end - 1) == ' ') end--;
        if (end > from && s.charAt(end - 1) == ')') { // (TGID) column
            int p = s.lastIndexOf('(', end - 1);
            if (p <= from) return false;
            end = p;
            while (end > from && s.charAt(end - 1) == ' ') end--;
        }
        int d = end;
        while (d > from && Character.isDigit(s.charAt(d - 1))) d--;
        if (d == end || d - 1 <= from || s.charAt(d - 1) != '-' || end - d > 9) return false;
        pid = parseInt(s, d, end);
        line = s;
        taskFrom = from;
        taskTo = d - 1;
        return true;
    }

    /** @return the index of {@code ]} after 1..4 digits from {@code from}, or -1 */
    private static int digitsThenBracket(String s, int from) {
        int k = from;
        while (k < s.length() && k - from < 5 && Character.isDigit(s.charAt(k))) k++;
        return k > from && k < s.length() && s.charAt(k) == ']' ? k : -1;
    }

    /** Reads {@code SECONDS.FRACTION:} in {@code [from, to)} into {@link #tsNs}. */
    private boolean timestamp(String s, int from, int to) {
        if (to - from < 4 || s.charAt(to - 1) != ':') return false;
        int dot = -1;
        long sec = 0, frac = 0;
        for (int k = from; k < to - 1; k++) {
            char ch = s.charAt(k);
            if (ch == '.' && dot < 0) {
                dot = k;
            } else if (ch >= '0' && ch <= '9') {
                if (dot < 0) {
                    if (k - from >= 12) return false;
                    sec = sec * 10 + (ch - '0');
                } else {
                    if (k - dot > 9) return false;
                    frac = frac * 10 + (ch - '0');
                }
            } else {
                return false;
            }
        }
        int fracDigits = dot < 0 ? 0 : to - 2 - dot;
        if (dot <= from || fracDigits < 1) return false;
        tsNs = sec * 1_000_000_000L + frac * POW10[9 - fracDigits];
        return true;
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static int parseInt(String s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) v = v * 10 + (s.charAt(k) - '0');
        return v;
    }
}
