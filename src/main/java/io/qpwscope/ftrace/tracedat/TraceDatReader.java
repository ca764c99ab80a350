package io.qpwscope.ftrace.tracedat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metadata of a trace-cmd {@code trace.dat}, versions 6 and 7 (trace-cmd's
 * Documentation/trace-cmd/trace-cmd.dat.v6.5.txt and .v7.5.txt):
 *
 * <pre>
 *   "\x17\x08\x44tracing" VERSION\0 ENDIAN(u8) LONG_SIZE(u8) PAGE_SIZE(u32)
 *   v6: header_page, header_event, ftrace formats, event formats, kallsyms, printk, cmdlines,
 *       CPUS(u32), ["options  \0" options...], "flyrecord\0", CPUS x (offset u64, size u64)
 *   v7: COMPRESSION\0 VERSION\0, FIRST_OPTIONS_OFFSET(u64); then sections (id u16, flags u16,
 *       string id u32, size u64 [, compressed size u32, size u32]) found through the options
 * </pre>
 *
 * All numbers after the endian byte are in the file's byte order. The whole file is mapped (at
 * most 2 GiB). Anything malformed is a {@link TraceDatFormatException} naming the byte offset.
 */
public final class TraceDatReader {
    /** The first 10 bytes of every trace.dat. */
    public static final byte[] MAGIC = {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g'};

    static final int OPTION_DONE = 0, OPTION_BUFFER = 3, OPTION_HEADER_INFO = 16, OPTION_FTRACE_EVENTS = 17,
            OPTION_EVENT_FORMATS = 18, OPTION_KALLSYMS = 19, OPTION_CMDLINES = 21;
    static final int SECTION_OPTIONS = 0;
    static final int SECTION_FLAG_COMPRESSED = 1;
    private static final int MAX_OPTION_SECTIONS = 4096;

    private final String source;
    private final ByteBuffer file;
    private ByteOrder order;
    private SectionCodec codec = SectionCodec.NONE;
    private int pageSize;
    private PageLayout layout;
    private final Map<Integer, EventFormat> formats = new HashMap<>();
    private final Map<Integer, String> cmdlines = new HashMap<>();
    private Kallsyms kallsyms = Kallsyms.EMPTY;
    private final List<TraceDatBuffer> buffers = new ArrayList<>();

    private TraceDatReader(ByteBuffer file, String source) {
        this.file = file;
        this.source = source;
    }

    /** True if {@code head} (the file's first bytes) starts with the trace.dat magic. */
    public static boolean isTraceDat(byte[] head) {
        if (head.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) if (head[i] != MAGIC[i]) return false;
        return true;
    }

    /** Maps and reads {@code path}. */
    public static TraceDatFile open(Path path) throws IOException, TraceDatFormatException {
        String name = path.getFileName().toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) throw new TraceDatFormatException(name, 0, "files over 2 GiB are not supported (" + size + " bytes)");
            return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), name);
        }
    }

    /** Reads the metadata of a trace.dat held in {@code file} (position 0 = start of file). */
    public static TraceDatFile read(ByteBuffer file, String source) throws TraceDatFormatException {
        return new TraceDatReader(file.slice(), source).read();
    }

    private TraceDatFile read() throws TraceDatFormatException {
        DatCursor in = DatCursor.ofFile(file, ByteOrder.LITTLE_ENDIAN, source);
        byte[] head = new byte[Math.min(MAGIC.length, file.limit())];
        file.get(0, head);
        if (!isTraceDat(head)) throw in.error("not a trace.dat: the file does not start with \"\\x17\\x08\\x44tracing\"");
        in.skip(MAGIC.length);
        String v = in.cstring();
        int version;
        if (v.equals("6")) version = 6;
        else if (v.equals("7")) version = 7;
        else throw new TraceDatFormatException(source, MAGIC.length, "trace.dat version \"" + DatCursor.printable(v) + "\" is not supported (6 or 7)");
        int endian = in.u8();
        if (endian > 1) throw new TraceDatFormatException(source, in.fileOffset() - 1, "endian flag " + endian + " (0 little, 1 big)");
        order = endian == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int longSize = in.u8();
        if (longSize != 4 && longSize != 8) throw new TraceDatFormatException(source, in.fileOffset() - 1, "long size " + longSize + " (4 or 8)");
        in = new DatCursor(file, order, source, 0, 0).seek(in.position());
        long at = in.fileOffset();
        long ps = in.u32();
        if (ps < 256 || ps > (1 << 24) || Long.bitCount(ps) != 1) throw new TraceDatFormatException(source, at, "page size " + ps);
        pageSize = (int) ps;
        if (version == 6) readV6(in);
        else readV7(in);
        if (layout == null) throw new TraceDatFormatException(source, 0, "the file has no header_page (ring buffer page layout)");
        int maxId = -1;
        for (int id : formats.keySet()) maxId = Math.max(maxId, id);
        EventFormat[] byId = new EventFormat[maxId + 1];
        for (EventFormat f : formats.values()) byId[f.id()] = f;
        List<TraceDatBuffer> ordered = new ArrayList<>();
        for (TraceDatBuffer b : buffers) if (b.name().isEmpty()) ordered.add(b);
        for (TraceDatBuffer b : buffers) if (!b.name().isEmpty()) ordered.add(b);
        return new TraceDatFile(source, file, version, order, pageSize, codec, layout, byId, cmdlines, kallsyms, ordered);
    }

    // ---- v6: everything in a fixed order ----

    private void readV6(DatCursor in) throws TraceDatFormatException {
        readHeaderInfo(in);
        readFtraceFormats(in);
        readEventFormats(in);
        readKallsyms(in);
        in.skip(in.size32("printk formats size", in.remaining() - 4L));
        readCmdlines(in);
        long at = in.fileOffset();
        long cpus = in.u32();
        if (cpus > 4096) throw new TraceDatFormatException(source, at, cpus + " CPUs");
        List<long[]> instances = new ArrayList<>(); // offset, name index
        List<String> names = new ArrayList<>();
        String clock = "";
        String tag;
        while ((tag = in.text(10)).equals("options  \0")) {
            while (true) {
                int id = in.u16();
                if (id == OPTION_DONE) break;
                int size = in.size32("option " + id + " size", in.remaining() - 4L);
                DatCursor opt = in.sub(size);
                if (id == OPTION_BUFFER) {
                    instances.add(new long[] {opt.u64(), names.size()});
                    names.add(opt.cstring());
                } else if (id == 4) { // TRACECLOCK: the trace_clock file, "[local] global ..."
                    clock = selectedClock(opt.text(opt.remaining()));
                }
            }
        }
        if (tag.equals("latency  \0")) throw new TraceDatFormatException(source, in.fileOffset() - 10, "a latency (text) trace.dat has no flyrecord data to import");
        if (!tag.equals("flyrecord\0")) {
            throw new TraceDatFormatException(source, in.fileOffset() - 10, "expected \"flyrecord\" but found \"" + DatCursor.printable(tag) + "\"");
        }
        buffers.add(new TraceDatBuffer("", clock, v6Cpus(in, (int) cpus), false));
        for (long[] inst : instances) {
            DatCursor b = new DatCursor(file, order, source, 0, 0);
            b.seek(inst[0]);
            String t;
            while ((t = b.text(10)).equals("options  \0")) {
                while (b.u16() != OPTION_DONE) b.skip(b.size32("option size", b.remaining() - 4L));
            }
            if (!t.equals("flyrecord\0")) {
                throw new TraceDatFormatException(source, inst[0], "buffer " + names.get((int) inst[1]) + ": expected \"flyrecord\"");
            }
            buffers.add(new TraceDatBuffer(names.get((int) inst[1]), clock, v6Cpus(b, (int) cpus), false));
        }
    }

    private List<TraceDatBuffer.CpuData> v6Cpus(DatCursor in, int cpus) throws TraceDatFormatException {
        List<TraceDatBuffer.CpuData> list = new ArrayList<>();
        for (int cpu = 0; cpu < cpus; cpu++) {
            long offset = in.u64(), size = in.u64();
            list.add(new TraceDatBuffer.CpuData(cpu, offset, size));
        }
        return list;
    }

    // ---- v7: sections found through options ----

    private void readV7(DatCursor in) throws TraceDatFormatException {
        long at = in.fileOffset();
        String name = in.cstring();
        in.cstring(); // the compression library's version
        try {
            codec = SectionCodec.named(name);
        } catch (IllegalArgumentException e) {
            throw new TraceDatFormatException(source, at, e.getMessage());
        }
        long next = in.u64();
        int sections = 0;
        while (next != 0) {
            if (++sections > MAX_OPTION_SECTIONS) throw in.error("more than " + MAX_OPTION_SECTIONS + " options sections (a loop?)");
            DatCursor opts = section(next, SECTION_OPTIONS);
            next = 0;
            while (true) {
                int id = opts.u16();
                int size = opts.size32("option " + id + " size", opts.remaining() - 4L);
                DatCursor opt = opts.sub(size);
                if (id == OPTION_DONE) {
                    next = opt.u64();
                    break;
                }
                option(id, opt);
            }
        }
    }

    private void option(int id, DatCursor opt) throws TraceDatFormatException {
        switch (id) {
            case OPTION_BUFFER -> buffers.add(v7Buffer(opt));
            case OPTION_HEADER_INFO -> readHeaderInfo(section(opt.u64(), OPTION_HEADER_INFO));
            case OPTION_FTRACE_EVENTS -> readFtraceFormats(section(opt.u64(), OPTION_FTRACE_EVENTS));
            case OPTION_EVENT_FORMATS -> readEventFormats(section(opt.u64(), OPTION_EVENT_FORMATS));
            case OPTION_KALLSYMS -> readKallsyms(section(opt.u64(), OPTION_KALLSYMS));
            case OPTION_CMDLINES -> readCmdlines(section(opt.u64(), OPTION_CMDLINES));
            default -> { } // dates, uname, cpu stats, printk formats, ...: not needed to import
        }
    }

    private TraceDatBuffer v7Buffer(DatCursor opt) throws TraceDatFormatException {
        long sectionAt = opt.u64();
        String name = opt.cstring();
        String clock = opt.cstring();
        long bufferPageSize = opt.u32();
        if (bufferPageSize != pageSize) throw opt.error("buffer \"" + name + "\" has pages of " + bufferPageSize + " bytes, the file " + pageSize);
        long cpus = opt.u32();
        if (cpus > opt.remaining() / 20) throw opt.error("buffer \"" + name + "\" claims " + cpus + " CPUs");
        List<TraceDatBuffer.CpuData> list = new ArrayList<>();
        for (int i = 0; i < cpus; i++) list.add(new TraceDatBuffer.CpuData((int) opt.u32(), opt.u64(), opt.u64()));
        boolean compressed = false;
        if (cpus > 0) {
            DatCursor s = new DatCursor(file, order, source, 0, 0).seek(sectionAt);
            s.u16();
            compressed = (s.u16() & SECTION_FLAG_COMPRESSED) != 0;
        }
        return new TraceDatBuffer(name, clock, list, compressed);
    }

    /** The content of the section at {@code offset}, decompressed if it is compressed. */
    private DatCursor section(long offset, int expectedId) throws TraceDatFormatException {
        DatCursor in = new DatCursor(file, order, source, 0, 0).seek(offset);
        int id = in.u16();
        if (id != expectedId) throw new TraceDatFormatException(source, offset, "expected section " + expectedId + " but found section " + id);
        int flags = in.u16();
        in.u32(); // description: a string id
        int size = in.size64("section " + id + " size");
        if ((flags & SECTION_FLAG_COMPRESSED) == 0) {
            return in.sub(size);
        }
        long at = in.fileOffset();
        int zsize = in.size32("compressed size", Math.min(size, in.remaining()) - 8L);
        long usize = in.u32();
        if (usize > SectionCodec.maxDecompressed(zsize)) {
            throw new TraceDatFormatException(source, at, "section " + id + ": " + zsize + " compressed bytes claim " + usize + " uncompressed");
        }
        byte[] data;
        try {
            data = codec.decompress(in.slice(zsize), (int) usize);
        } catch (IllegalArgumentException e) {
            throw new TraceDatFormatException(source, at, "section " + id + ": " + e.getMessage());
        }
        return new DatCursor(ByteBuffer.wrap(data), order, source, -1, at);
    }

    // ---- section contents, the same in v6 and v7 ----

    private void readHeaderInfo(DatCursor in) throws TraceDatFormatException {
        in.expect("header_page\0");
        int n = in.size64("header_page size");
        long at = in.fileOffset();
        String page = in.text(n);
        try {
            layout = PageLayout.parse(page, pageSize);
        } catch (IllegalArgumentException e) {
            throw new TraceDatFormatException(source, at, e.getMessage());
        }
        in.expect("header_event\0");
        in.skip(in.size64("header_event size"));
    }

    private void readFtraceFormats(DatCursor in) throws TraceDatFormatException {
        long count = in.u32();
        for (long i = 0; i < count; i++) addFormat(in, "ftrace");
    }

    private void readEventFormats(DatCursor in) throws TraceDatFormatException {
        long systems = in.u32();
        for (long s = 0; s < systems; s++) {
            String system = in.cstring();
            long count = in.u32();
            for (long i = 0; i < count; i++) addFormat(in, system);
        }
    }

    private void addFormat(DatCursor in, String system) throws TraceDatFormatException {
        int n = in.size64("event format size");
        long at = in.fileOffset();
        String text = in.text(n);
        try {
            EventFormat f = EventFormat.parse(system, text);
            if (f.id() > 65535) throw new IllegalArgumentException("event " + f.name() + " has ID " + f.id() + " (at most 65535)");
            formats.put(f.id(), f);
        } catch (IllegalArgumentException e) {
            throw new TraceDatFormatException(source, at, system + ": " + e.getMessage());
        }
    }

    private void readKallsyms(DatCursor in) throws TraceDatFormatException {
        kallsyms = Kallsyms.parse(in.text(in.size32("kallsyms size", in.remaining() - 4L)));
    }

    private void readCmdlines(DatCursor in) throws TraceDatFormatException {
        String text = in.text(in.size64("saved cmdlines size"));
        for (String line : text.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp <= 0 || sp > 9) continue;
            try {
                cmdlines.put(Integer.parseInt(line, 0, sp, 10), line.substring(sp + 1));
            } catch (NumberFormatException e) {
                // not "PID COMM": skipped
            }
        }
    }

    private static String selectedClock(String traceClock) {
        int a = traceClock.indexOf('['), b = traceClock.indexOf(']');
        return a >= 0 && b > a ? traceClock.substring(a + 1, b) : traceClock.strip();
    }
}
