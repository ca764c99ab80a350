package io.qpwscope.ftrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an ftrace text dump line by line and hands each event's fields to {@link FtraceRecords},
 * which turns them into QPW Scope trace records. Other events are counted and skipped. One parser
 * reads one file.
 */
public final class FtraceParser {
    private static final Pattern QUEUE_WORK = Pattern.compile(
            "^work struct=(?<ptr>\\S+) function=(?<fn>\\S+) workqueue=(?<wq>.+?) req_cpu=(?<req>-?\\d+) cpu=(?<cpu>-?\\d+)\\s*$");
    private static final Pattern EXECUTE = Pattern.compile("^work struct:? ?(?<ptr>[^\\s:]+):?(?: function (?<fn>\\S+))?\\s*$");
    private static final Pattern SCHED_SWITCH = Pattern.compile(
            "^prev_comm=(?<pc>.*?) prev_pid=(?<pp>-?\\d+) prev_prio=-?\\d+ prev_state=(?<ps>\\S+) ==> "
                    + "next_comm=(?<nc>.*?) next_pid=(?<np>-?\\d+) next_prio=-?\\d+\\s*$");
    private static final Pattern NOISE = Pattern.compile(
            "^\\s*(?:(?<desc>.+):(?<id>-?\\d+) )?start (?<sec>\\d{1,12})\\.(?<frac>\\d{9}) duration (?<dur>\\d{1,18}) ns\\s*$");

    private static final Pattern LOST = Pattern.compile("^\\s*CPU:\\d+ \\[LOST (?<n>\\d{1,18}) EVENTS]\\s*$");

    private final String source;
    private final FtraceRecords records = new FtraceRecords();
    private int lineNo;

    private FtraceParser(String source) {
        this.source = source;
    }

    /**
     * Reads a whole trace.
     *
     * @param source the file name used in error messages
     * @throws FtraceFormatException for the first line that looks like an event but does not parse
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

    private void line(String text) throws FtraceFormatException {
        FtraceLine l;
        try {
            l = FtraceLine.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (l == null) {
            if (!text.isBlank() && text.strip().charAt(0) != '#') records.otherLine();
            Matcher lost = LOST.matcher(text);
            if (lost.matches()) records.lost(Long.parseLong(lost.group("n")));
            return;
        }
        try {
            records.event(l.cpu());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        switch (l.event()) {
            case "workqueue_queue_work" -> queueWork(l);
            case "workqueue_execute_start" -> {
                Matcher m = fields(l, EXECUTE, "work struct %p: function %ps");
                records.executeStart(l.cpu(), l.tsNs(), m.group("ptr"), m.group("fn"));
            }
            case "workqueue_execute_end" -> {
                Matcher m = fields(l, EXECUTE, "work struct %p: function %ps");
                records.executeEnd(l.cpu(), l.tsNs(), m.group("ptr"), m.group("fn"));
            }
            case "sched_switch" -> schedSwitch(l);
            case "thread_noise", "irq_noise", "softirq_noise", "nmi_noise" -> noise(l);
            default -> records.unknownEvent(l.cpu());
        }
    }

    private void queueWork(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, QUEUE_WORK, "work struct=%p function=%ps workqueue=%s req_cpu=%d cpu=%d");
        records.queueWork(l.cpu(), l.tsNs(), m.group("ptr"), m.group("fn"), cpuNumber(m.group("req")), cpuNumber(m.group("cpu")));
    }

    private void schedSwitch(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, SCHED_SWITCH,
                "prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> next_comm=%s next_pid=%d next_prio=%d");
        records.schedSwitch(l.cpu(), l.tsNs(), m.group("pc"), Integer.parseInt(m.group("pp")), m.group("ps").startsWith("R"),
                m.group("nc"), Integer.parseInt(m.group("np")));
    }

    private void noise(FtraceLine l) throws FtraceFormatException {
        Matcher m = fields(l, NOISE, "%8s:%d start %llu.%09u duration %llu ns");
        long start = Long.parseLong(m.group("sec")) * 1_000_000_000L + Long.parseLong(m.group("frac"));
        records.noise(l.cpu(), start, Long.parseLong(m.group("dur")));
    }

    /** A CPU number as printed; more than 3 digits (e.g. WORK_CPU_UNBOUND, 8192) is none. */
    private static long cpuNumber(String s) {
        return s.length() > 3 ? -1 : Integer.parseInt(s);
    }

    private Matcher fields(FtraceLine l, Pattern p, String format) throws FtraceFormatException {
        Matcher m = p.matcher(l.fields());
        if (!m.matches()) throw error(l.event() + ": cannot read \"" + l.fields() + "\" (expected \"" + format + "\")");
        return m;
    }

    private FtraceFormatException error(String message) {
        return new FtraceFormatException(source, lineNo, message);
    }
}
