package io.qpwscope.ftrace.tracedat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One {@code field:} line of an event's format text, e.g.
 * {@code field:char prev_comm[16];	offset:8;	size:16;	signed:0;}.
 *
 * @param type   the C type as written ({@code char}, {@code __data_loc char[]}, {@code void *})
 * @param name   the field name ({@code prev_comm})
 * @param offset byte offset from the start of the event's data
 * @param size   bytes in the record (4 for {@code __data_loc}/{@code __rel_loc})
 * @param signed whether a number is signed
 * @param kind   how the bytes are read
 */
public record FormatField(String type, String name, int offset, int size, boolean signed, Kind kind) {
    /** How a field is stored. */
    public enum Kind {
        /** An integer of 1, 2, 4 or 8 bytes. */
        NUMBER,
        /** A fixed array of chars, NUL-padded. */
        CHARS,
        /** {@code __data_loc}: a u32 of offset (low 16 bits, from the event start) and length (high 16). */
        DATA_LOC,
        /** {@code __rel_loc}: like DATA_LOC but the offset is from the end of this field. */
        REL_LOC,
        /** Anything else (arrays of numbers, structs): raw bytes. */
        OTHER
    }

    /** The number at {@code data + offset}; 0 if the event is too short to hold it. */
    public long number(ByteBuffer event, int data, int length) {
        if (offset + size > length) return 0;
        int at = data + offset;
        return switch (size) {
            case 1 -> signed ? event.get(at) : event.get(at) & 0xffL;
            case 2 -> signed ? event.getShort(at) : event.getShort(at) & 0xffffL;
            case 4 -> signed ? event.getInt(at) : event.getInt(at) & 0xffff_ffffL;
            case 8 -> event.getLong(at);
            default -> 0;
        };
    }

    /** Whether {@link #string} would start with {@code prefix} (ASCII), without making the string. */
    public boolean startsWith(ByteBuffer event, int data, int length, String prefix) {
        int start, n;
        switch (kind) {
            case CHARS -> {
                start = offset;
                n = size;
            }
            case DATA_LOC, REL_LOC -> {
                if (offset + 4 > length) return prefix.isEmpty();
                int loc = event.getInt(data + offset);
                start = (loc & 0xffff) + (kind == Kind.REL_LOC ? offset + 4 : 0);
                n = loc >>> 16;
            }
            default -> {
                return prefix.isEmpty();
            }
        }
        if (start < 0 || start + n > length) return prefix.isEmpty();
        if (prefix.length() > n) return false;
        for (int i = 0; i < prefix.length(); i++) {
            if (event.get(data + start + i) != (byte) prefix.charAt(i)) return false;
        }
        return true;
    }

    /** The string this field holds (chars up to the first NUL), or "" if it points outside the event. */
    public String string(ByteBuffer event, int data, int length) {
        int start, n;
        switch (kind) {
            case CHARS -> {
                start = offset;
                n = size;
            }
            case DATA_LOC, REL_LOC -> {
                if (offset + 4 > length) return "";
                int loc = event.getInt(data + offset);
                start = (loc & 0xffff) + (kind == Kind.REL_LOC ? offset + 4 : 0);
                n = loc >>> 16;
            }
            default -> {
                return "";
            }
        }
        if (start < 0 || start + n > length) return "";
        int end = 0;
        while (end < n && event.get(data + start + end) != 0) end++;
        byte[] b = new byte[end];
        event.get(data + start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
