package io.qpwscope.recording;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Exports a recording as Chrome Trace Event JSON (object form), which Perfetto UI and
 * chrome://tracing open. Streamed with Jackson's {@link JsonGenerator}: memory use does not
 * grow with the recording.
 *
 * <ul>
 * <li>One process (pid 1) named "QPW Scope: SCENARIO"; each CPU is a thread, tid = cpu + 1
 *     (tid 0 means the idle task to trace tools), named "cpu/N (isolated)" or
 *     "cpu/N (housekeeping)", ordered by thread_sort_index = cpu.</li>
 * <li>Complete ("X") slices, ts and dur in µs with ns precision: lock holds (cat "lock"),
 *     spin waits ("spin"), work function runs ("work"), kworker runs ("kworker"),
 *     interruptions ("interruption"), noise ("noise"), irqs-off ("irq"), flush waits
 *     ("flush"), trigger runs ("trigger"), the mode-switch quiesce ("mode"), and a zero-length
 *     slice where work is queued ("queue").</li>
 * <li>Flows: queue point -> the work run, "s" then "f" (bp "e"), cat and name "work", id =
 *     the work item's sequence number; both bind to the enclosing slice.</li>
 * <li>Instants ("i"): mode switches (global scope), trigger starts (thread scope),
 *     bookmarks (thread scope, or global for all CPUs).</li>
 * </ul>
 */
public final class ChromeTraceExporter {
    static final int PID = 1;
    private static final JsonFactory JSON = new JsonFactory();

    private ChromeTraceExporter() {}

    /** Writes to a temp file next to {@code out} and renames it into place when complete. */
    public static void export(Recording rec, List<Annotation> annotations, Path out, ProgressListener progress) throws IOException {
        try (AtomicFile file = AtomicFile.create(out)) {
            OutputStream os = Channels.newOutputStream(file.channel());
            JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            write(rec, annotations, g, progress);
            g.close();
            file.commit();
        }
    }

    public static void write(Recording rec, List<Annotation> annotations, OutputStream out, ProgressListener progress)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            write(rec, annotations, g, progress);
        }
    }

    private static void write(Recording rec, List<Annotation> annotations, JsonGenerator g, ProgressListener progress)
            throws IOException {
        RecordingMeta m = rec.meta();
        g.writeStartObject();
        g.writeStringField("displayTimeUnit", "ns");
        g.writeObjectFieldStart("otherData");
        g.writeStringField("generator", "QPW Scope");
        g.writeStringField("scenario", m.scenarioName());
        g.writeStringField("boot", m.bootLine());
        g.writeNumberField("effectiveQpw", m.effectiveQpw());
        g.writeBooleanField("CONFIG_QPW", m.configQpw());
        g.writeBooleanField("CONFIG_PREEMPT_RT", m.preemptRt());
        g.writeNumberField("cpus", m.cpus());
        g.writeNumberField("physicalCores", m.physicalCores());
        g.writeNumberField("events", rec.eventCount());
        g.writeNumberField("overruns", rec.overruns());
        g.writeEndObject();

        g.writeArrayFieldStart("traceEvents");
        g.writeStartObject();
        g.writeStringField("name", "process_name");
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", PID);
        g.writeObjectFieldStart("args");
        g.writeStringField("name", "QPW Scope: " + m.scenarioName());
        g.writeEndObject();
        g.writeEndObject();
        for (int c = 0; c < rec.cpus(); c++) {
            threadMeta(g, c, "thread_name", "name", "cpu/" + c + (m.isolated(c) ? " (isolated)" : " (housekeeping)"));
            threadMeta(g, c, "thread_sort_index", "sort_index", c);
        }
        LaneWriter w = new LaneWriter(g);
        long total = rec.eventCount();
        long done = 0;
        for (int c = 0; c < rec.cpus(); c++) {
            done = w.lane(rec.lane(c), done, total, progress);
        }
        for (Annotation a : annotations) {
            g.writeStartObject();
            g.writeStringField("name", "bookmark: " + a.text());
            g.writeStringField("cat", "bookmark");
            g.writeStringField("ph", "i");
            w.ts("ts", a.ts());
            g.writeNumberField("pid", PID);
            if (a.cpu() == Annotation.ALL_CPUS) {
                g.writeStringField("s", "g");
            } else {
                g.writeNumberField("tid", a.cpu() + 1);
                g.writeStringField("s", "t");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        progress.progress(total, total);
    }

    private static void threadMeta(JsonGenerator g, int cpu, String name, String key, Object value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", cpu + 1);
        g.writeObjectFieldStart("args");
        if (value instanceof Integer i) g.writeNumberField(key, i);
        else g.writeStringField(key, value.toString());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Turns one lane's records into slices, flows and instants; keeps the open work runs and kworker run. */
    private static final class LaneWriter {
        private final JsonGenerator g;
        private final char[] num = new char[32];
        private int tid;
        private int cpu;
        /** Open work runs on this lane: start ts and sequence number (they nest when a work item queues another). */
        private long[] workStart = new long[8];
        private long[] workSeq = new long[8];
        private int openWork;
        private long kworkerStart;

        LaneWriter(JsonGenerator g) {
            this.g = g;
        }

        long lane(LaneEvents lane, long done, long total, ProgressListener progress) throws IOException {
            cpu = lane.cpu();
            tid = cpu + 1;
            openWork = 0;
            kworkerStart = -1;
            int size = lane.size();
            for (int i = lane.firstIndex(); i < size; i++) {
                if ((i & 0xFFFF) == 0) {
                    if (progress.isCancelled()) throw new CancellationException("export cancelled");
                    progress.progress(done + i, total);
                }
                event(lane.ts(i), lane.meta(i), lane.payload(i));
            }
            return done + size;
        }

        private void event(long ts, long meta, long p) throws IOException {
            int type = TraceDescriptor.type(meta);
            int peer = TraceDescriptor.peer(meta);
            int fn = TraceDescriptor.fn(meta);
            int aux = TraceDescriptor.aux(meta);
            EventType t = EventType.ofCode(type);
            if (t == null) return;
            switch (t) {
                case LOCK_RELEASE -> {
                    boolean remote = (aux & TraceDescriptor.LOCK_REMOTE) != 0;
                    String name = (remote ? "remote lock " : "lock ") + Site.ofCode(fn).kernelName
                            + (peer != cpu && peer >= 0 ? " [cpu " + peer + "]" : "");
                    slice(name, "lock", ts - p, ts);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("owner", peer);
                    g.writeBooleanField("spinlock", (aux & TraceDescriptor.LOCK_SPIN) != 0);
                    g.writeBooleanField("irqsave", (aux & TraceDescriptor.LOCK_IRQSAVE) != 0);
                    g.writeBooleanField("trylock", (aux & TraceDescriptor.LOCK_TRYLOCK) != 0);
                    g.writeStringField("call", Site.ofCode(fn).v3Call);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case SPIN_WAIT -> {
                    slice("spin wait [cpu " + peer + "]", "spin", ts - p, ts);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("owner", peer);
                    g.writeNumberField("holder", aux);
                    g.writeStringField("lock", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case WORK_QUEUED -> {
                    slice("queue " + Site.ofCode(fn).kernelName + " -> cpu " + peer, "queue", ts, ts);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("seq", p);
                    g.writeNumberField("target", peer);
                    g.writeStringField("call", Site.ofCode(fn).v3Call);
                    g.writeEndObject();
                    g.writeEndObject();
                    flow("s", ts, p);
                }
                case WORK_START -> {
                    if (openWork == workStart.length) {
                        workStart = java.util.Arrays.copyOf(workStart, openWork * 2);
                        workSeq = java.util.Arrays.copyOf(workSeq, openWork * 2);
                    }
                    workStart[openWork] = ts;
                    workSeq[openWork++] = p;
                }
                case WORK_END -> workEnd(ts, p, peer, fn, aux);
                case TASK_SWITCH -> {
                    int prev = aux >>> 8 & 0xFF;
                    int next = aux & 0xFF;
                    if (prev == TraceDescriptor.TASK_KWORKER && kworkerStart >= 0) {
                        slice("kworker/" + cpu, "kworker", kworkerStart, ts);
                        g.writeEndObject();
                        kworkerStart = -1;
                    }
                    if (next == TraceDescriptor.TASK_KWORKER) kworkerStart = ts;
                }
                case INTERRUPTION -> {
                    slice("interruption (queued by cpu " + peer + ")", "interruption", ts - p, ts);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("ns", p);
                    g.writeNumberField("queuedBy", peer);
                    g.writeStringField("work", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case NOISE -> {
                    slice("noise", "noise", ts - p, ts);
                    g.writeEndObject();
                }
                case IRQ_ON -> {
                    slice("irqs off", "irq", ts - p, ts);
                    g.writeEndObject();
                }
                case FLUSH_WAIT -> {
                    slice("flush wait [cpu " + peer + "]", "flush", ts - p, ts);
                    g.writeObjectFieldStart("args");
                    g.writeStringField("work", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case MODE_SWITCH -> {
                    slice("qpw switch quiesce", "mode", ts - p, ts);
                    g.writeEndObject();
                    instant("qpw=" + aux, "mode", ts, "g");
                }
                case TRIGGER -> {
                    Trigger tr = Trigger.ofCode(fn);
                    if (aux == 0) {
                        instant(tr.command, "trigger", ts, "t");
                    } else {
                        slice("trigger " + tr.id, "trigger", ts - p, ts);
                        g.writeObjectFieldStart("args");
                        g.writeStringField("command", tr.command);
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                }
                case NONE, LOCK_ACQUIRE, IRQ_OFF -> { }
            }
        }

        private void workEnd(long ts, long seq, int peer, int fn, int aux) throws IOException {
            int k = openWork - 1;
            while (k >= 0 && workSeq[k] != seq) k--;
            if (k < 0) return; // its start was before the recording began
            long start = workStart[k];
            System.arraycopy(workStart, k + 1, workStart, k, openWork - k - 1);
            System.arraycopy(workSeq, k + 1, workSeq, k, openWork - k - 1);
            openWork--;
            boolean inline = aux == 1;
            slice(Site.ofCode(fn).kernelName + (inline ? " (inline for cpu " + peer + ")" : ""), "work", start, ts);
            g.writeObjectFieldStart("args");
            g.writeNumberField("seq", seq);
            g.writeNumberField("dataCpu", peer);
            g.writeBooleanField("inline", inline);
            g.writeEndObject();
            g.writeEndObject();
            flow("f", start, seq);
        }

        /** Opens an X event object with name, cat, ph, ts, dur, pid, tid; the caller may add args and closes it. */
        private void slice(String name, String cat, long start, long end) throws IOException {
            long s = Math.max(0, start);
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("cat", cat);
            g.writeStringField("ph", "X");
            ts("ts", s);
            ts("dur", Math.max(0, end - s));
            g.writeNumberField("pid", PID);
            g.writeNumberField("tid", tid);
        }

        private void flow(String ph, long ts, long id) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", "work");
            g.writeStringField("cat", "work");
            g.writeStringField("ph", ph);
            g.writeNumberField("id", id);
            ts("ts", ts);
            g.writeNumberField("pid", PID);
            g.writeNumberField("tid", tid);
            if (ph.equals("f")) g.writeStringField("bp", "e");
            g.writeEndObject();
        }

        private void instant(String name, String cat, long ts, String scope) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("cat", cat);
            g.writeStringField("ph", "i");
            ts("ts", ts);
            g.writeNumberField("pid", PID);
            g.writeNumberField("tid", tid);
            g.writeStringField("s", scope);
            g.writeEndObject();
        }

        /** Writes ns as µs with three decimals, without going through double. */
        void ts(String field, long ns) throws IOException {
            g.writeFieldName(field);
            int len = micros(ns, num);
            g.writeNumber(num, 0, len);
        }
    }

    /** Formats ns as µs "123.456" into buf (negative as 0); returns the length. */
    static int micros(long nanos, char[] buf) {
        long ns = Math.max(0, nanos);
        long us = ns / 1000;
        int frac = (int) (ns % 1000);
        String whole = Long.toString(us);
        whole.getChars(0, whole.length(), buf, 0);
        int n = whole.length();
        buf[n++] = '.';
        buf[n++] = (char) ('0' + frac / 100);
        buf[n++] = (char) ('0' + frac / 10 % 10);
        buf[n++] = (char) ('0' + frac % 10);
        return n;
    }
}
