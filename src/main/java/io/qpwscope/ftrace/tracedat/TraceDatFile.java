package io.qpwscope.ftrace.tracedat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trace.dat's metadata, read by {@link TraceDatReader}, and the way to its events: the event
 * layouts of its format sections, saved cmdlines, kallsyms and the flyrecord buffers. Events come
 * out of {@link #events} merged across CPUs in timestamp order (ties: lower CPU first), as
 * {@code trace-cmd report} prints them.
 */
public final class TraceDatFile {
    /** Receives events in time order. */
    public interface EventSink {
        /**
         * One event: its data is {@code length} bytes at {@code data} in {@code buf} (valid only during
         * the call); {@code format} is null for an ID no format section describes.
         */
        void event(int cpu, long ts, EventFormat format, ByteBuffer buf, int data, int length) throws TraceDatFormatException;
    }

    private final String source;
    private final ByteBuffer file;
    private final int version;
    private final ByteOrder order;
    private final int pageSize;
    private final SectionCodec codec;
    private final PageLayout layout;
    private final EventFormat[] byId;
    private final Map<Integer, String> cmdlines;
    private final Kallsyms kallsyms;
    private final List<TraceDatBuffer> buffers;

    TraceDatFile(String source, ByteBuffer file, int version, ByteOrder order, int pageSize, SectionCodec codec, PageLayout layout,
                 EventFormat[] byId, Map<Integer, String> cmdlines, Kallsyms kallsyms, List<TraceDatBuffer> buffers) {
        this.source = source;
        this.file = file;
        this.version = version;
        this.order = order;
        this.pageSize = pageSize;
        this.codec = codec;
        this.layout = layout;
        this.byId = byId;
        this.cmdlines = cmdlines;
        this.kallsyms = kallsyms;
        this.buffers = List.copyOf(buffers);
    }

    public String source() {
        return source;
    }

    /** 6 or 7. */
    public int version() {
        return version;
    }

    public ByteOrder byteOrder() {
        return order;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The compression named in a v7 header ({@code none} for v6). */
    public String compression() {
        return codec.name().toLowerCase();
    }

    /** The flyrecord buffers: the top one first (if the file has it), then the instances in file order. */
    public List<TraceDatBuffer> buffers() {
        return buffers;
    }

    /** The comm saved for {@code pid} ({@code saved_cmdlines}), or null. */
    public String comm(int pid) {
        return cmdlines.get(pid);
    }

    /** The kernel symbol at or below {@code address}, or null if the file has no kallsyms for it. */
    public String symbol(long address) {
        return kallsyms.symbol(address);
    }

    EventFormat format(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /**
     * The named buffer, or with {@code name} null the first buffer that holds data (the top
     * buffer if it does).
     *
     * @throws IllegalArgumentException naming the buffers there are if there is no such buffer
     */
    public TraceDatBuffer buffer(String name) {
        if (name == null) {
            for (TraceDatBuffer b : buffers) if (b.dataBytes() > 0) return b;
            if (!buffers.isEmpty()) return buffers.getFirst();
        } else {
            for (TraceDatBuffer b : buffers) if (b.name().equals(name)) return b;
        }
        List<String> names = new ArrayList<>();
        for (TraceDatBuffer b : buffers) names.add(b.name().isEmpty() ? "(top)" : b.name());
        throw new IllegalArgumentException(source + ": no buffer " + (name == null ? "" : "\"" + name + "\" ") + "in the file (it has " + names + ")");
    }

    /**
     * Reads all events of {@code buffer} in time order.
     *
     * @return events the kernel reported lost in this buffer
     */
    public long events(TraceDatBuffer buffer, EventSink sink) throws TraceDatFormatException {
        List<CpuEvents> cpus = new ArrayList<>();
        for (TraceDatBuffer.CpuData c : buffer.cpus()) {
            if (c.size() == 0) continue;
            cpus.add(new CpuEvents(c.cpu(), regions(buffer, c), layout, pageSize, order, source));
        }
        int n = cpus.size();
        CpuEvents[] live = new CpuEvents[n];
        int k = 0;
        for (CpuEvents c : cpus) if (c.next()) live[k++] = c;
        long lost = 0;
        while (k > 0) {
            int min = 0;
            for (int i = 1; i < k; i++) {
                CpuEvents a = live[i], m = live[min];
                if (a.ts() < m.ts() || (a.ts() == m.ts() && a.cpu() < m.cpu())) min = i;
            }
            CpuEvents c = live[min];
            ByteBuffer b = c.buffer();
            int data = c.dataOffset(), len = c.dataLength();
            int id = len >= 2 ? b.getShort(data) & 0xffff : -1;
            sink.event(c.cpu(), c.ts(), format(id), b, data, len);
            if (!c.next()) {
                lost += c.lost();
                live[min] = live[--k];
                live[k] = null;
            }
        }
        return lost;
    }

    private CpuEvents.Regions regions(TraceDatBuffer buffer, TraceDatBuffer.CpuData c) throws TraceDatFormatException {
        long end = c.offset() + c.size();
        if (c.offset() < 0 || c.size() < 0 || end > file.limit() || end < 0) {
            throw new TraceDatFormatException(source, Math.max(0, c.offset()), "CPU " + c.cpu() + " data of " + c.size()
                    + " bytes goes past the end of the " + file.limit() + "-byte file (truncated?)");
        }
        // a compressed CPU's size counts its chunks, not the u32 chunk count before them
        int span = (int) (buffer.compressed() ? Math.min(c.size() + 4, file.limit() - c.offset()) : c.size());
        ByteBuffer data = file.slice((int) c.offset(), span).order(order);
        if (!buffer.compressed()) {
            CpuEvents.Region only = new CpuEvents.Region(data, c.offset(), false);
            return new CpuEvents.Regions() {
                boolean done;

                @Override
                public CpuEvents.Region next() {
                    if (done) return null;
                    done = true;
                    return only;
                }
            };
        }
        DatCursor in = new DatCursor(data, order, source, c.offset(), c.offset());
        long count = in.u32();
        return new CpuEvents.Regions() {
            long left = count;

            @Override
            public CpuEvents.Region next() throws TraceDatFormatException {
                if (left == 0) return null;
                left--;
                long at = in.fileOffset();
                int zsize = in.size32("compressed chunk size", in.remaining() - 4L);
                long usize = in.u32();
                if (usize > SectionCodec.maxDecompressed(zsize)) {
                    throw new TraceDatFormatException(source, at, "CPU " + c.cpu() + ": a chunk of " + zsize + " bytes claims "
                            + usize + " uncompressed bytes");
                }
                ByteBuffer z = in.slice(zsize);
                byte[] pages;
                try {
                    pages = codec.decompress(z, (int) usize);
                } catch (IllegalArgumentException e) {
                    throw new TraceDatFormatException(source, at, "CPU " + c.cpu() + " compressed chunk: " + e.getMessage());
                }
                return new CpuEvents.Region(ByteBuffer.wrap(pages).order(order), at, true);
            }
        };
    }
}
