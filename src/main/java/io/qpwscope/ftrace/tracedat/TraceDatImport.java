package io.qpwscope.ftrace.tracedat;

import io.qpwscope.ftrace.FtraceEvent;
import io.qpwscope.ftrace.FtraceRecords;
import io.qpwscope.ftrace.FtraceTrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Feeds the events of one trace.dat buffer to {@link FtraceRecords}, with each event's fields
 * read at the offsets its format section gives and routed by {@link FtraceEvent}, as the text
 * importer routes them: the same records (work, switches, wakeups ending flush waits, irqs and
 * softirqs as interruptions of the running task, osnoise).
 * Work functions are resolved through the file's kallsyms (an address if it has none);
 * {@code sched_switch}'s {@code prev_state} is runnable when no state bit below
 * TASK_REPORT_MAX (0x100 since Linux 4.14) is set, as the kernel prints "R" / "R+".
 */
public final class TraceDatImport {
    private static final long TASK_REPORT_BITS = 0xff;

    private TraceDatImport() {}

    /**
     * Reads {@code path}'s buffer {@code buffer} (null: the first with data).
     *
     * @throws TraceDatFormatException naming file and byte offset of what is malformed
     * @throws IllegalArgumentException if there is no such buffer
     */
    public static FtraceTrace read(Path path, String buffer) throws IOException, TraceDatFormatException {
        return read(TraceDatReader.open(path), buffer);
    }

    /** Converts the buffer {@code buffer} (null: the first with data) of an opened file. */
    public static FtraceTrace read(TraceDatFile file, String buffer) throws TraceDatFormatException {
        TraceDatBuffer b = file.buffer(buffer);
        FtraceRecords records = new FtraceRecords();
        Mapper m = new Mapper(file, records);
        records.lost(file.events(b, m));
        return records.trace();
    }

    /** Routes each event by its format's name; field lookups are made once per format. */
    private static final class Mapper implements TraceDatFile.EventSink {
        private final TraceDatFile file;
        private final FtraceRecords records;
        private EventFormat lastFormat;
        private final java.util.Map<EventFormat, Fields> byFormat = new java.util.IdentityHashMap<>();
        private Fields last;

        Mapper(TraceDatFile file, FtraceRecords records) {
            this.file = file;
            this.records = records;
        }

        /** The fields of one event format the mapping reads (null when the event has none of that name). */
        private record Fields(FtraceEvent kind, FormatField work, FormatField function, FormatField reqCpu, FormatField cpu,
                              FormatField prevComm, FormatField prevPid, FormatField prevState, FormatField nextComm,
                              FormatField nextPid, FormatField start, FormatField duration, FormatField pid, FormatField commonPid) {}

        @Override
        public void event(int cpu, long ts, EventFormat format, ByteBuffer buf, int data, int length) throws TraceDatFormatException {
            try {
                records.event(cpu);
            } catch (IllegalArgumentException e) {
                throw new TraceDatFormatException(file.source(), 0, e.getMessage());
            }
            if (format == null) {
                records.unknownEvent(cpu);
                return;
            }
            Fields f = format == lastFormat ? last : byFormat.computeIfAbsent(format, this::fields);
            lastFormat = format;
            last = f;
            switch (f.kind()) {
                case QUEUE_WORK -> records.queueWork(cpu, ts, pointer(f.work(), buf, data, length), function(f.function(), buf, data, length),
                        number(f.reqCpu(), buf, data, length, -1), number(f.cpu(), buf, data, length, -1));
                case EXECUTE_START -> records.executeStart(cpu, ts, pointer(f.work(), buf, data, length), function(f.function(), buf, data, length));
                case EXECUTE_END -> records.executeEnd(cpu, ts, pointer(f.work(), buf, data, length), function(f.function(), buf, data, length));
                case SCHED_SWITCH -> {
                    int prevPid = (int) f.prevPid().number(buf, data, length), nextPid = (int) f.nextPid().number(buf, data, length);
                    records.schedSwitchKinds(cpu, ts, taskKind(f.prevComm(), prevPid, buf, data, length), prevPid,
                            prevState(f.prevState().number(buf, data, length)), taskKind(f.nextComm(), nextPid, buf, data, length), nextPid);
                }
                case WAKEUP -> records.wakeup(cpu, ts, (int) f.pid().number(buf, data, length));
                case IRQ_ENTRY, IRQ_EXIT, SOFTIRQ_ENTRY, SOFTIRQ_EXIT ->
                        records.irq(f.kind(), cpu, ts, (int) number(f.commonPid(), buf, data, length, -1));
                case OSNOISE -> records.noise(cpu, f.start().number(buf, data, length), f.duration().number(buf, data, length));
                case OTHER -> records.unknownEvent(cpu);
            }
        }

        private Fields fields(EventFormat format) {
            FtraceEvent kind = FtraceEvent.of(format.name());
            Fields f = new Fields(kind, format.field("work"), format.field("function"), format.field("req_cpu"), format.field("cpu"),
                    format.field("prev_comm"), format.field("prev_pid"), format.field("prev_state"), format.field("next_comm"),
                    format.field("next_pid"), format.field("start"), format.field("duration"), format.field("pid"),
                    format.field("common_pid"));
            boolean complete = switch (kind) {
                case QUEUE_WORK, EXECUTE_START, EXECUTE_END -> f.work() != null;
                case SCHED_SWITCH -> f.prevComm() != null && f.prevPid() != null && f.prevState() != null && f.nextComm() != null && f.nextPid() != null;
                case WAKEUP -> f.pid() != null;
                case IRQ_ENTRY, IRQ_EXIT, SOFTIRQ_ENTRY, SOFTIRQ_EXIT, OTHER -> true;
                case OSNOISE -> f.start() != null && f.duration() != null;
            };
            if (!complete) f = new Fields(FtraceEvent.OTHER, null, null, null, null, null, null, null, null, null, null, null, null, null);
            return f;
        }

        /** The task's kind from its comm's prefix, read in place (no string per switch). */
        private static int taskKind(FormatField comm, int pid, ByteBuffer buf, int data, int length) {
            return FtraceRecords.kind(pid, comm.startsWith(buf, data, length, FtraceRecords.IDLE_COMM),
                    comm.startsWith(buf, data, length, FtraceRecords.KWORKER_COMM));
        }

        /** R if runnable (no TASK_REPORT bit), D for TASK_UNINTERRUPTIBLE (a flush_work sleep), else S. */
        private static char prevState(long state) {
            long s = state & TASK_REPORT_BITS;
            return s == 0 ? 'R' : (s & 0x2) != 0 ? 'D' : 'S';
        }

        private static String pointer(FormatField f, ByteBuffer buf, int data, int length) {
            return "0x" + Long.toHexString(f.number(buf, data, length));
        }

        private String function(FormatField f, ByteBuffer buf, int data, int length) {
            if (f == null) return null;
            long address = f.number(buf, data, length);
            String name = file.symbol(address);
            return name != null ? name : "0x" + Long.toHexString(address);
        }

        private static long number(FormatField f, ByteBuffer buf, int data, int length, long absent) {
            return f == null ? absent : f.number(buf, data, length);
        }
    }
}
