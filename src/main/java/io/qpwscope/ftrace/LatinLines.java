package io.qpwscope.ftrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a byte stream as ISO-8859-1 strings, ends {@code \n}, {@code \r\n} or {@code \r} as
 * {@link java.io.BufferedReader#readLine()} takes them: each line is one copy out of a reused
 * buffer (a Latin-1 String is its bytes), with no char decoding and no per-line builder. A line
 * longer than the buffer grows it. Single-threaded.
 */
final class LatinLines {
    private final InputStream in;
    private byte[] buf;
    private int pos, end;
    private boolean eof, skipLf;

    LatinLines(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(16, bufferSize)];
    }

    /** The next line without its end, or null at the end of the stream. */
    String readLine() throws IOException {
        while (true) {
            if (skipLf && pos < end) {
                if (buf[pos] == '\n') pos++;
                skipLf = false;
            }
            final byte[] b = buf;
            for (int i = pos; i < end; i++) {
                byte c = b[i];
                if (c == '\n' || c == '\r') {
                    String line = new String(b, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    skipLf = c == '\r';
                    return line;
                }
            }
            if (eof) {
                if (pos == end) return null;
                String line = new String(b, pos, end - pos, StandardCharsets.ISO_8859_1);
                pos = end;
                return line;
            }
            fill();
        }
    }

    /** Moves the unread bytes to the front (growing the buffer if they fill it) and reads more. */
    private void fill() throws IOException {
        int left = end - pos;
        if (left == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        else if (pos > 0) System.arraycopy(buf, pos, buf, 0, left);
        pos = 0;
        end = left;
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) eof = true;
        else end += n;
    }
}
