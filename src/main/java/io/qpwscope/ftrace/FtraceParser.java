package io.qpwscope.ftrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ftrace text ({@code cat trace}, {@code trace_pipe}, {@code trace-cmd report}) line by line,
 * streaming, and hands each event's fields to {@link FtraceRecords}. Every line is either
 * understood or skipped and counted by kind ({@link FtraceTrace.Skip}); nothing in a capture
 * stops the import. One parser reads one file.
 */
public final class FtraceParser {
    private static final Pattern NOISE = Pattern.compile(
            "^\\s*(?:(?<desc>.+):(?<id>-?\\d+) )?start (?<sec>\\d{1,12})\\.(?<frac>\\d{9}) duration (?<dur>\\d{1,18}) ns\\s*$");

    private final String source;
    private final FtraceRecords records = new FtraceRecords();
    private final FtraceLine l = new FtraceLine();
    private int lineNo;
    private int firstUnknownLine;
    private String firstMalformed;

    private FtraceParser(String source) {
        this.source = source;
    }

    /**
     * Reads a whole trace.
     *
     * @param source the file name used in error messages
     * @throws FtraceFormatException only for an event on a CPU beyond what a recording holds
     */
    public static FtraceTrace parse(BufferedReader in, String source) throws IOException, FtraceFormatException {
        FtraceParser p = new FtraceParser(source);
        String line;
        while ((line = in.readLine()) != null) {
            p.lineNo++;
            p.line(line);
        }
        return p.records.trace();
    }

    /**
     * As {@link #parse(BufferedReader, String)}, and if nothing in the text is an ftrace line, fails
     * naming the first line that is not; if nothing imports and some event line did not read, fails naming that line.
     */
    public static FtraceTrace parseOrReject(BufferedReader in, String source) throws IOException, FtraceFormatException {
        FtraceParser p = new FtraceParser(source);
        String line;
        while ((line = in.readLine()) != null) {
            p.lineNo++;
            p.line(line);
        }
        return p.traceOrReject();
    }

    /**
     * As {@link #parseOrReject(BufferedReader, String)} on bytes taken as ISO-8859-1 (what ftrace writes is
     * ASCII), read in 1 MiB blocks with one string copy per line: the file import's fast path.
     */
    public static FtraceTrace parseOrReject(InputStream in, String source) throws IOException, FtraceFormatException {
        FtraceParser p = new FtraceParser(source);
        LatinLines lines = new LatinLines(in, 1 << 20);
        String line;
        while ((line = lines.readLine()) != null) {
            p.lineNo++;
            p.line(line);
        }
        return p.traceOrReject();
    }

    private FtraceTrace traceOrReject() throws FtraceFormatException {
        FtraceParser p = this;
        FtraceTrace t = p.records.trace();
        if (t.count() == 0 && p.firstMalformed != null) {
            throw new FtraceFormatException(source, t.firstMalformedLine(), p.firstMalformed + "; nothing else in the file imports");
        }
        if (t.eventLines() == 0 && t.skipped(FtraceTrace.Skip.FUNCTION) == 0 && t.skipped(FtraceTrace.Skip.STACK_TRACE) == 0
                && t.skipped(FtraceTrace.Skip.SYSCALL) == 0 && t.skipped(FtraceTrace.Skip.OTHER_TEXT) == 0) {
            int at = p.firstUnknownLine > 0 ? p.firstUnknownLine : Math.max(1, p.lineNo);
            throw new FtraceFormatException(source, at, p.firstUnknownLine > 0
                    ? "not an ftrace line (expected TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS); nothing in the file is ftrace text"
                    : "no ftrace event lines in the file");
        }
        return t;
    }

    private void line(String text) throws FtraceFormatException {
        switch (l.scan(text)) {
            case EVENT -> event();
            case FUNCTION -> records.skipped(FtraceTrace.Skip.FUNCTION);
            case STACK_TRACE -> records.skipped(FtraceTrace.Skip.STACK_TRACE);
            case STACK_ENTRY -> records.skipped(FtraceTrace.Skip.STACK_ENTRY);
            case SYSCALL -> records.skipped(FtraceTrace.Skip.SYSCALL);
            case OTHER_EVENT_TEXT -> records.skipped(FtraceTrace.Skip.OTHER_TEXT);
            case LOST -> {
                records.otherLine();
                records.lost(l.lost());
            }
            case HEADER -> {
                if (text.indexOf('#') >= 0 && (text.contains("isolcpus=") || text.contains("nohz_full="))) records.bootLine(bootLineOf(text));
            }
            case UNKNOWN -> {
                records.skipped(FtraceTrace.Skip.NOT_FTRACE);
                if (firstUnknownLine == 0) firstUnknownLine = lineNo;
            }
        }
    }

    private void event() throws FtraceFormatException {
        try {
            records.event(l.cpu());
        } catch (IllegalArgumentException e) {
            throw new FtraceFormatException(source, lineNo, e.getMessage());
        }
        FtraceEvent kind = l.kind();
        if (kind == FtraceEvent.OTHER) {
            records.unknownEvent(l.cpu());
            return;
        }
        String f = kind.isIrq() ? "" : l.fields();
        boolean ok = switch (kind) {
            case QUEUE_WORK -> queueWork(f);
            case EXECUTE_START -> execute(f, true);
            case EXECUTE_END -> execute(f, false);
            case SCHED_SWITCH -> schedSwitch(f);
            case WAKEUP -> wakeup(f);
            case IRQ_ENTRY, IRQ_EXIT, SOFTIRQ_ENTRY, SOFTIRQ_EXIT -> {
                records.irq(kind, l.cpu(), l.tsNs(), l.pid());
                yield true;
            }
            case OSNOISE -> noise(f);
            case OTHER -> {
                records.unknownEvent(l.cpu());
                yield true;
            }
        };
        if (!ok) {
            records.malformed(lineNo);
            if (firstMalformed == null) firstMalformed = l.event() + ": cannot read \"" + (f.length() > 120 ? f.substring(0, 120) + "..." : f) + "\"";
        }
    }

    /** {@code work struct=%p function=%ps workqueue=%s req_cpu=%d cpu=%d} (workqueue a name or, on old kernels, a pointer). */
    private boolean queueWork(String f) {
        String ptr = workPointer(f);
        int fn = f.indexOf("function=");
        if (ptr == null || fn < 0) return false;
        int wq = f.indexOf(" workqueue=", fn);
        String function = f.substring(fn + 9, wq < 0 ? f.length() : wq).strip();
        int req = f.indexOf("req_cpu=");
        int cpuAt = f.indexOf(" cpu=", req < 0 ? 0 : req);
        long reqCpu = req < 0 ? -1 : number(f, req + 8);
        long cpu = cpuAt < 0 ? -1 : number(f, cpuAt + 5);
        records.queueWork(l.cpu(), l.tsNs(), ptr, function, reqCpu, cpu);
        return true;
    }

    /** {@code work struct %p: function %ps}, or {@code work struct %p} (older execute_end). */
    private boolean execute(String f, boolean start) {
        String ptr = workPointer(f);
        if (ptr == null) return false;
        int fn = f.indexOf("function");
        String function = null;
        if (fn >= 0) {
            int from = fn + 8;
            if (from < f.length() && (f.charAt(from) == ' ' || f.charAt(from) == '=')) from++;
            function = f.substring(from).strip();
            if (function.isEmpty()) function = null;
        }
        if (start) records.executeStart(l.cpu(), l.tsNs(), ptr, function);
        else records.executeEnd(l.cpu(), l.tsNs(), ptr, function);
        return true;
    }

    /** The pointer after {@code work struct=}, {@code work struct }, or {@code work struct:}, without a trailing colon. */
    private static String workPointer(String f) {
        int w = f.indexOf("work struct");
        if (w < 0) return null;
        int i = w + 11;
        while (i < f.length() && (f.charAt(i) == '=' || f.charAt(i) == ' ' || f.charAt(i) == ':')) i++;
        int e = i;
        while (e < f.length() && f.charAt(e) != ' ' && f.charAt(e) != ':') e++;
        if (e == i) return null;
        String p = f.substring(i, e);
        return p.startsWith("0x") ? p.substring(2) : p;
    }

    /**
     * {@code prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> next_comm=%s next_pid=%d next_prio=%d}, or
     * trace-cmd's {@code comm:pid [prio] STATE ==> comm:pid [prio]}.
     */
    private boolean schedSwitch(String f) {
        int arrow = f.indexOf(" ==> ");
        if (arrow < 0) return false;
        if (f.startsWith("prev_comm=")) {
            int pp = f.indexOf(" prev_pid=");
            int ps = f.indexOf(" prev_state=", pp + 1);
            int np = f.lastIndexOf(" next_pid=");
            if (pp < 0 || ps < 0 || ps > arrow || np < arrow || !f.startsWith("next_comm=", arrow + 5)) return false;
            long prevPid = number(f, pp + 10), nextPid = number(f, np + 10);
            if (prevPid < 0 || nextPid < 0 || ps + 12 >= arrow) return false;
            records.schedSwitch(l.cpu(), l.tsNs(), f.substring(10, pp), (int) prevPid, f.charAt(ps + 12),
                    f.substring(arrow + 15, np), (int) nextPid);
            return true;
        }
        // trace-cmd: bash:6528 [120] D ==> kworker/1:1:41 [120]
        int prio = f.lastIndexOf(" [", arrow);
        int colon = prio < 0 ? -1 : f.lastIndexOf(':', prio);
        int stateAt = f.lastIndexOf(' ', arrow - 1) + 1;
        int nprio = f.lastIndexOf(" [");
        int ncolon = nprio <= arrow ? -1 : f.lastIndexOf(':', nprio);
        if (colon < 0 || ncolon <= arrow + 5 || stateAt >= arrow) return false;
        long prevPid = number(f, colon + 1), nextPid = number(f, ncolon + 1);
        if (prevPid < 0 || nextPid < 0) return false;
        int from = 0;
        while (from < colon && f.charAt(from) == ' ') from++; // trace-cmd pads the fields to a column
        records.schedSwitch(l.cpu(), l.tsNs(), f.substring(from, colon), (int) prevPid, f.charAt(stateAt),
                f.substring(arrow + 5, ncolon), (int) nextPid);
        return true;
    }

    /** {@code comm=%s pid=%d prio=%d [success=1] target_cpu=%03d}, or trace-cmd's {@code comm:pid [prio] CPU:nnn}. */
    private boolean wakeup(String f) {
        int p = f.indexOf(" pid=");
        long pid;
        if (p >= 0) {
            pid = number(f, p + 5);
        } else {
            int prio = f.lastIndexOf(" [");
            int colon = prio < 0 ? -1 : f.lastIndexOf(':', prio);
            pid = colon < 0 ? -1 : number(f, colon + 1);
        }
        if (pid < 0) return false;
        records.wakeup(l.cpu(), l.tsNs(), (int) pid);
        return true;
    }

    private boolean noise(String f) {
        Matcher m = NOISE.matcher(f);
        if (!m.matches()) return false;
        long start = Long.parseLong(m.group("sec")) * 1_000_000_000L + Long.parseLong(m.group("frac"));
        records.noise(l.cpu(), start, Long.parseLong(m.group("dur")));
        return true;
    }

    /** {@code # cmdline: BOOT LINE} or {@code # BOOT LINE}: the text after the hashes and an optional {@code word:} label. */
    private static String bootLineOf(String comment) {
        String s = comment.strip();
        int i = 0;
        while (i < s.length() && s.charAt(i) == '#') i++;
        s = s.substring(i).strip();
        int colon = s.indexOf(':');
        if (colon > 0 && s.indexOf('=') > colon && s.substring(0, colon).matches("[A-Za-z _]+")) s = s.substring(colon + 1).strip();
        return s;
    }

    /** The decimal number at {@code from} (up to 18 digits, a leading minus allowed), or -1 if there is none. */
    private static long number(String s, int from) {
        boolean neg = from < s.length() && s.charAt(from) == '-';
        int i = neg ? from + 1 : from;
        long v = 0;
        int start = i;
        while (i < s.length() && i - start < 18 && Character.isDigit(s.charAt(i))) v = v * 10 + (s.charAt(i++) - '0');
        if (i == start) return -1;
        return neg ? -1 : v;
    }
}
