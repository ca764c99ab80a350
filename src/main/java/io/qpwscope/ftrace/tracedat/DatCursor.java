package io.qpwscope.ftrace.tracedat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads numbers and strings of the file's byte order from a trace.dat region, bounds-checked:
 * running off the end is a {@link TraceDatFormatException} naming the file offset. For a region
 * decompressed from a section, offsets in errors are the section's offset in the file.
 */
final class DatCursor {
    private final ByteBuffer buf;
    private final String source;
    /** File offset of buf[0], or -1 if buf is decompressed (then errors name {@code sectionOffset}). */
    private final long base;
    private final long sectionOffset;

    DatCursor(ByteBuffer buf, ByteOrder order, String source, long base, long sectionOffset) {
        this.buf = buf.duplicate().order(order);
        this.source = source;
        this.base = base;
        this.sectionOffset = sectionOffset;
    }

    static DatCursor ofFile(ByteBuffer file, ByteOrder order, String source) {
        return new DatCursor(file, order, source, 0, 0);
    }

    ByteOrder order() {
        return buf.order();
    }

    int position() {
        return buf.position();
    }

    int limit() {
        return buf.limit();
    }

    int remaining() {
        return buf.remaining();
    }

    ByteBuffer buffer() {
        return buf;
    }

    /** File offset of the current position (the section's offset in a decompressed region). */
    long fileOffset() {
        return base >= 0 ? base + buf.position() : sectionOffset;
    }

    DatCursor seek(long pos) throws TraceDatFormatException {
        if (pos < 0 || pos > buf.limit()) {
            throw new TraceDatFormatException(source, base >= 0 ? base + buf.limit() : sectionOffset,
                    (base >= 0 ? "the file ends here (truncated?), but the file points to data at byte " : "the section ends here, but points to byte ")
                            + (base >= 0 ? base + pos : pos));
        }
        buf.position((int) pos);
        return this;
    }

    void skip(long n) throws TraceDatFormatException {
        need(n);
        buf.position(buf.position() + (int) n);
    }

    int u8() throws TraceDatFormatException {
        need(1);
        return buf.get() & 0xff;
    }

    int u16() throws TraceDatFormatException {
        need(2);
        return buf.getShort() & 0xffff;
    }

    /** An unsigned 32-bit number. */
    long u32() throws TraceDatFormatException {
        need(4);
        return buf.getInt() & 0xffff_ffffL;
    }

    /** A 32-bit size or count, at most {@code max}. */
    int size32(String what, long max) throws TraceDatFormatException {
        long at = fileOffset();
        long v = u32();
        if (v > max) throw new TraceDatFormatException(source, at, what + " " + v + " is larger than the " + max + " bytes left");
        return (int) v;
    }

    long u64() throws TraceDatFormatException {
        need(8);
        return buf.getLong();
    }

    /** A 64-bit size, at most what is left in this region. */
    int size64(String what) throws TraceDatFormatException {
        long at = fileOffset();
        long v = u64();
        if (v < 0 || v > buf.remaining()) {
            throw new TraceDatFormatException(source, at, what + " " + Long.toUnsignedString(v) + " is larger than the " + buf.remaining() + " bytes left");
        }
        return (int) v;
    }

    /** A NUL-terminated string (ISO-8859-1, so any byte is a char). */
    String cstring() throws TraceDatFormatException {
        int start = buf.position();
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) end++;
        if (end == buf.limit()) throw error("string without its terminating NUL");
        String s = text(start, end - start);
        buf.position(end + 1);
        return s;
    }

    /** {@code n} bytes as text. */
    String text(int n) throws TraceDatFormatException {
        need(n);
        String s = text(buf.position(), n);
        buf.position(buf.position() + n);
        return s;
    }

    /** Checks that the next bytes are {@code expected} (a NUL-terminated tag like {@code "flyrecord\0"}). */
    void expect(String expected) throws TraceDatFormatException {
        long at = fileOffset();
        need(expected.length());
        String got = text(expected.length());
        if (!got.equals(expected)) {
            throw new TraceDatFormatException(source, at, "expected \"" + printable(expected) + "\" but found \"" + printable(got) + "\"");
        }
    }

    /** A view of the next {@code n} bytes (same byte order), advancing past them. */
    ByteBuffer slice(int n) throws TraceDatFormatException {
        need(n);
        ByteBuffer s = buf.slice(buf.position(), n).order(buf.order());
        buf.position(buf.position() + n);
        return s;
    }

    /** A cursor over the next {@code n} bytes (advancing past them) whose errors keep this cursor's file offsets. */
    DatCursor sub(int n) throws TraceDatFormatException {
        long childBase = base >= 0 ? base + buf.position() : -1;
        return new DatCursor(slice(n), buf.order(), source, childBase, sectionOffset);
    }

    TraceDatFormatException error(String what) {
        return new TraceDatFormatException(source, fileOffset(), what);
    }

    private String text(int start, int n) {
        byte[] b = new byte[n];
        buf.get(start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private void need(long n) throws TraceDatFormatException {
        if (n < 0 || n > buf.remaining()) {
            throw error(base >= 0 ? "the file ends here (truncated?): " + n + " more bytes needed, " + buf.remaining() + " left"
                    : "the decompressed section ends early: " + n + " more bytes needed, " + buf.remaining() + " left");
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) b.append(c);
            else b.append(String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
