package io.qpwscope.ftrace.tracedat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks one CPU's flyrecord data page by page, event by event, as the kernel's ring buffer
 * wrote it (include/linux/ring_buffer.h; libtraceevent's kbuffer-parse.c reads it the same way).
 * Each event starts with a 32-bit header: {@code type_len} (5 bits) and {@code time_delta} (27
 * bits), the low bits on a little-endian machine, the high bits on a big-endian one:
 *
 * <pre>
 *   type_len 1..28  data of type_len * 4 bytes follows
 *   type_len 0      u32 length (data + 4) follows, then the data, 4-byte aligned
 *   29 padding      u32 length; time_delta 0: the rest of the page is padding
 *   30 time extend  u32 high bits: delta = (u32 &lt;&lt; 27) + time_delta
 *   31 time stamp   u32 high bits: absolute = (u32 &lt;&lt; 27) | time_delta
 * </pre>
 *
 * After {@link #next()} returns true, {@link #ts()}, {@link #buffer()}, {@link #dataOffset()} and
 * {@link #dataLength()} describe the current event. Single-threaded.
 */
final class CpuEvents {
    static final int TYPE_PADDING = 29, TYPE_TIME_EXTEND = 30, TYPE_TIME_STAMP = 31, MAX_DATA_TYPE = 28;
    private static final int TS_SHIFT = 27;
    /** The top bits of a timestamp an absolute time stamp event does not carry (kernel TS_MSB). */
    private static final long TS_MSB = 0xf8L << 56;

    /** A run of whole pages in memory, and where it came from in the file. */
    record Region(ByteBuffer pages, long fileOffset, boolean compressed) {}

    /** The regions of one CPU's data, in order; null after the last. */
    interface Regions {
        Region next() throws TraceDatFormatException;
    }

    private final int cpu;
    private final Regions regions;
    private final PageLayout layout;
    private final int pageSize;
    private final boolean bigEndian;
    private final String source;

    private Region region;
    private ByteBuffer buf;
    private int nextPage;
    private int pos, end;
    private long time;
    private long lost;

    private long ts;
    private int dataOffset, dataLength;

    CpuEvents(int cpu, Regions regions, PageLayout layout, int pageSize, ByteOrder order, String source) {
        this.cpu = cpu;
        this.regions = regions;
        this.layout = layout;
        this.pageSize = pageSize;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        this.source = source;
    }

    int cpu() {
        return cpu;
    }

    long ts() {
        return ts;
    }

    ByteBuffer buffer() {
        return buf;
    }

    int dataOffset() {
        return dataOffset;
    }

    int dataLength() {
        return dataLength;
    }

    /** Events the kernel reported lost on the pages read so far. */
    long lost() {
        return lost;
    }

    /** Moves to the next data event; false at the end of this CPU's data. */
    boolean next() throws TraceDatFormatException {
        while (true) {
            if (pos + 4 <= end) {
                if (event()) return true;
            } else if (!nextPage()) {
                return false;
            }
        }
    }

    /** Reads the header at pos; true if it is a data event (then pos is past it). */
    private boolean event() throws TraceDatFormatException {
        final ByteBuffer b = buf;
        int header = b.getInt(pos);
        int typeLen, delta;
        if (bigEndian) {
            typeLen = header >>> TS_SHIFT;
            delta = header & ((1 << TS_SHIFT) - 1);
        } else {
            typeLen = header & 0x1f;
            delta = header >>> 5;
        }
        if (typeLen >= 1 && typeLen <= MAX_DATA_TYPE) { // the common case first
            int len = typeLen << 2;
            if (pos + 4 + len > end) throw error(pos, "event of " + len + " bytes runs past the page's " + (end - pos) + " committed bytes");
            time += delta;
            ts = time;
            dataOffset = pos + 4;
            dataLength = len;
            pos += 4 + len;
            return true;
        }
        return eventSlowPath(b, typeLen, delta);
    }

    private boolean eventSlowPath(ByteBuffer b, int typeLen, int delta) throws TraceDatFormatException {
        if (typeLen == TYPE_PADDING && delta == 0) { // the rest of the page is padding
            pos = end;
            return false;
        }
        if (pos + 8 > end) throw error(pos, "event header type " + typeLen + " runs past the page's committed bytes");
        long word = b.getInt(pos + 4) & 0xffff_ffffL;
        switch (typeLen) {
            case TYPE_PADDING -> { // a discarded event; kbuffer counts its delta too
                if (word > end - pos - 4) throw error(pos, "padding of " + word + " bytes runs past the page's committed bytes");
                time += delta;
                pos += 4 + (int) word;
                return false;
            }
            case TYPE_TIME_EXTEND -> {
                time += (word << TS_SHIFT) + delta;
                pos += 8;
                return false;
            }
            case TYPE_TIME_STAMP -> {
                long abs = (word << TS_SHIFT) | delta;
                if ((time & TS_MSB) != 0) { // the event holds 59 bits; the rest comes from the current time
                    abs |= time & TS_MSB;
                    if (Long.compareUnsigned(abs, time) < 0) abs += 1L << 59;
                }
                time = abs;
                pos += 8;
                return false;
            }
            default -> { // 0: the length is in the next word
                if (word < 4 || word - 4 > end - pos - 8) throw error(pos, "event length " + word + " does not fit the page");
                int len = (int) word - 4;
                time += delta;
                ts = time;
                dataOffset = pos + 8;
                dataLength = len;
                pos += 8 + ((len + 3) & ~3);
                if (pos > end) pos = end;
                return true;
            }
        }
    }

    private boolean nextPage() throws TraceDatFormatException {
        while (true) {
            if (buf != null && nextPage < buf.limit()) {
                int page = nextPage;
                int avail = Math.min(pageSize, buf.limit() - page);
                nextPage = page + pageSize;
                if (avail < layout.dataOffset()) throw error(page, "page header cut short: " + avail + " bytes");
                time = buf.getLong(page + layout.timestampOffset());
                long commit = layout.commitSize() == 8 ? buf.getLong(page + layout.commitOffset())
                        : buf.getInt(page + layout.commitOffset()) & 0xffff_ffffL;
                int size = (int) (commit & PageLayout.COMMIT_MASK);
                int data = page + layout.dataOffset();
                if (layout.dataOffset() + size > avail) {
                    throw error(page, "page commit of " + size + " bytes is beyond the page's " + (avail - layout.dataOffset()));
                }
                if ((commit & PageLayout.MISSED_EVENTS) != 0) {
                    int at = data + size;
                    if ((commit & PageLayout.MISSED_STORED) != 0 && at + layout.commitSize() <= page + avail) {
                        long n = layout.commitSize() == 8 ? buf.getLong(at) : buf.getInt(at) & 0xffff_ffffL;
                        if (n > 0) lost += n;
                    }
                }
                pos = data;
                end = data + size;
                return true;
            }
            region = regions.next();
            if (region == null) {
                buf = null;
                pos = end = 0;
                return false;
            }
            buf = region.pages();
            nextPage = 0;
        }
    }

    private TraceDatFormatException error(int at, String what) {
        long offset = region.compressed() ? region.fileOffset() : region.fileOffset() + at;
        return new TraceDatFormatException(source, offset, "CPU " + cpu + (region.compressed() ? " (compressed chunk)" : "") + ": " + what);
    }
}
