package io.qpwscope.recording;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;
import io.qpwscope.trace.decode.InstantType;
import io.qpwscope.trace.decode.LaneDecoder;
import io.qpwscope.trace.decode.SpanFlags;
import io.qpwscope.trace.decode.SpanSink;
import io.qpwscope.trace.decode.SpanType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * <li>Complete ("X") slices, ts and dur in µs with ns precision, one per span the
 *     {@link LaneDecoder} reports (a slice still open at the end of the recording is closed at
 *     the lane's last ts with args.truncated; a work run whose start is missing has
 *     args.startUnknown and no flow end): lock holds (cat "lock"),
 *     spin waits ("spin"), work function runs ("work", nested runs with args.depth), kworker runs ("kworker"),
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
        for (int c = 0; c < rec.cpus(); c++) { // host steal of each CPU's thread on a track of its own
            threadMeta(g, HOST_TRACK + c, "thread_name", "name", "cpu/" + c + " host steal");
            threadMeta(g, HOST_TRACK + c, "thread_sort_index", "sort_index", rec.cpus() + c);
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

    /**
     * Host steal slices (category "host steal") go to a track of their own per CPU, thread id
     * {@code HOST_TRACK + cpu + 1}: a sample's window overlaps the lane's slices without nesting.
     */
    static final int HOST_TRACK = 1000;

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

    /** Turns the spans and instants the {@link LaneDecoder} reports for one lane into slices, flows and instants. */
    private static final class LaneWriter implements SpanSink {
        private static final int PROGRESS_STEP = 1 << 16;
        private final JsonGenerator g;
        private final char[] num = new char[32];
        private int tid;
        private int cpu;

        LaneWriter(JsonGenerator g) {
            this.g = g;
        }

        long lane(LaneEvents lane, long done, long total, ProgressListener progress) throws IOException {
            cpu = lane.cpu();
            tid = cpu + 1;
            LaneDecoder decoder = new LaneDecoder(this);
            int size = lane.size();
            try {
                decoder.startAt(lane);
                for (int i = decoder.position(); i < size; i += PROGRESS_STEP) {
                    if (progress.isCancelled()) throw new CancellationException("export cancelled");
                    progress.progress(done + i, total);
                    decoder.feed(lane, i, Math.min(size, i + PROGRESS_STEP));
                }
                decoder.finish();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return done + size;
        }

        @Override
        public void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags,
                         int index) {
            try {
                slice(type, start, end, peer, fn, attr, value, depth, flags);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void instant(InstantType type, long ts, int peer, int fn, int attr, long value, int index) {
            try {
                if (type == InstantType.WORK_QUEUED) {
                    slice("queue " + Site.ofCode(fn).kernelName + " -> cpu " + peer, "queue", ts, ts);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("seq", value);
                    g.writeNumberField("target", peer);
                    g.writeStringField("call", Site.ofCode(fn).v3Call);
                    g.writeEndObject();
                    g.writeEndObject();
                    flow("s", ts, value);
                } else if (type == InstantType.TRIGGER_STARTED) {
                    instant(Trigger.ofCode(fn).command, "trigger", ts, "t");
                } else if (type == InstantType.PI_BOOST) {
                    instant(attr == 1 ? "pi boost to prio " + value + (peer >= 0 ? " by cpu " + peer : "")
                            : "pi unboost, prio " + value, "pi", ts, "t");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void slice(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags)
                throws IOException {
            switch (type) {
                case LOCK_LOCAL, LOCK_REMOTE -> {
                    String name = (type == SpanType.LOCK_REMOTE ? "remote lock " : "lock ") + Site.ofCode(fn).kernelName
                            + (peer != cpu && peer >= 0 ? " [cpu " + peer + "]" : "");
                    slice(name, "lock", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("owner", peer);
                    g.writeBooleanField("spinlock", (attr & TraceDescriptor.LOCK_SPIN) != 0);
                    g.writeBooleanField("irqsave", (attr & TraceDescriptor.LOCK_IRQSAVE) != 0);
                    g.writeBooleanField("trylock", (attr & TraceDescriptor.LOCK_TRYLOCK) != 0);
                    g.writeStringField("call", Site.ofCode(fn).v3Call);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case SPIN_WAIT -> {
                    slice("spin wait [cpu " + peer + "]", "spin", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("owner", peer);
                    g.writeNumberField("holder", attr);
                    g.writeStringField("lock", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case WORK_INLINE, WORK_KWORKER -> {
                    boolean inline = type == SpanType.WORK_INLINE;
                    slice(Site.ofCode(fn).kernelName + (inline ? " (inline for cpu " + peer + ")" : ""), "work", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("seq", value);
                    g.writeNumberField("dataCpu", peer);
                    g.writeBooleanField("inline", inline);
                    g.writeNumberField("depth", depth);
                    completeness(flags);
                    g.writeEndObject();
                    g.writeEndObject();
                    if ((flags & SpanFlags.START_UNKNOWN) == 0) flow("f", start, value);
                }
                case TASK_KWORKER -> {
                    slice("kworker/" + cpu, "kworker", start, end);
                    if (flags != 0) {
                        g.writeObjectFieldStart("args");
                        completeness(flags);
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                case INTERRUPTION -> {
                    slice("interruption (queued by cpu " + peer + ")", "interruption", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("ns", value);
                    g.writeNumberField("queuedBy", peer);
                    g.writeStringField("work", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case NOISE -> {
                    slice("noise", "noise", start, end);
                    g.writeEndObject();
                }
                case IRQS_OFF -> {
                    slice("irqs off", "irq", start, end);
                    g.writeEndObject();
                }
                case FLUSH_WAIT -> {
                    slice("flush wait [cpu " + peer + "]", "flush", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeStringField("work", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case LOCK_BLOCK -> {
                    slice("blocked on lock [cpu " + peer + "]", "lock-block", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("owner", peer);
                    g.writeNumberField("ownerKind", attr);
                    g.writeStringField("lock", Site.ofCode(fn).kernelName);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case MODE_SWITCH -> {
                    slice("qpw switch quiesce", "mode", start, end);
                    g.writeEndObject();
                    instant("qpw=" + attr, "mode", end, "g");
                }
                case TRIGGER -> {
                    Trigger tr = Trigger.ofCode(fn);
                    slice("trigger " + tr.id, "trigger", start, end);
                    g.writeObjectFieldStart("args");
                    g.writeStringField("command", tr.command);
                    completeness(flags);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case HOST_SAMPLE -> hostSlice("host steal", start, end, value, Integer.toUnsignedLong(attr), peer, null);
                case TASK_USER, TASK_IDLE, LOCK_HELD_BY_REMOTE -> { }
            }
        }

        @Override
        public void hostSplit(SpanType of, long start, long end, int measuredCpu, long stealNs, long pauseNs, int index) {
            try {
                hostSlice("host steal in " + of.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), start, end,
                        stealNs, pauseNs, measuredCpu, of);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A slice on the CPU's host track: what the host took of {@code [start, end]} (where in it is not known). */
        private void hostSlice(String name, long start, long end, long steal, long pause, int measured, SpanType of)
                throws IOException {
            int laneTid = tid;
            tid = HOST_TRACK + cpu + 1;
            slice(name, "host steal", start, end);
            tid = laneTid;
            g.writeObjectFieldStart("args");
            g.writeNumberField("stealNs", steal);
            g.writeNumberField("pauseNs", pause);
            g.writeNumberField("kernelNs", Math.max(0, end - start - steal - pause));
            g.writeNumberField("measuredCpu", measured < 0 ? cpu : measured);
            if (of != null) g.writeStringField("splits", of.name());
            g.writeEndObject();
            g.writeEndObject();
        }

        /** Marks a slice whose records were not all in the recording (see {@link SpanFlags}). */
        private void completeness(int flags) throws IOException {
            if ((flags & SpanFlags.TRUNCATED) != 0) g.writeBooleanField("truncated", true);
            if ((flags & SpanFlags.START_UNKNOWN) != 0) g.writeBooleanField("startUnknown", true);
            if ((flags & SpanFlags.END_UNKNOWN) != 0) g.writeBooleanField("endUnknown", true);
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
