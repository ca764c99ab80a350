package io.qpwscope.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A sliding window over a sequentially read channel: {@link #ensure} makes the next n bytes
 * addressable in one direct buffer, refilling it with large reads. The buffer only grows
 * for a chunk larger than it (a big footer); event chunks fit the default size.
 */
final class ByteSource {
    static final int DEFAULT_CAPACITY = 8 << 20;

    private final ReadableByteChannel channel;
    private ByteBuffer buf;
    /** File offset of buf index 0. */
    private long bufStart;
    private boolean eof;

    ByteSource(ReadableByteChannel channel, int capacity) {
        this.channel = channel;
        this.buf = ByteBuffer.allocateDirect(capacity).order(RecordingFileDescriptor.BYTE_ORDER);
        this.buf.limit(0);
    }

    /** The buffer; valid data is [position, limit), position is {@link #offset()}. */
    ByteBuffer buffer() {
        return buf;
    }

    long offset() {
        return bufStart + buf.position();
    }

    int available() {
        return buf.remaining();
    }

    /**
     * @return true if n bytes from the current position are in the buffer; false at end of
     *         data. The buffer grows (doubling) only while the channel keeps delivering, so a
     *         corrupt length field cannot make it allocate much more than the file holds.
     */
    boolean ensure(int n) throws IOException {
        if (buf.remaining() >= n) return true;
        if (eof) return false;
        bufStart += buf.position();
        buf.compact();
        fill();
        while (buf.position() < n && !eof) {
            int cap = (int) Math.min(n, Math.max(2L * buf.capacity(), 1));
            ByteBuffer bigger = ByteBuffer.allocateDirect(cap).order(RecordingFileDescriptor.BYTE_ORDER);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
            fill();
        }
        buf.flip();
        return buf.remaining() >= n;
    }

    /** Write mode in and out: reads until the buffer is full or the channel ends. */
    private void fill() throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                eof = true;
                return;
            }
        }
    }

    void skip(int n) {
        buf.position(buf.position() + n);
    }

    /**
     * Reads to the end of the channel and returns how many bytes followed the current
     * position. The source is spent afterwards.
     */
    long drainRemaining() throws IOException {
        long n = buf.remaining();
        buf.position(buf.limit());
        if (eof) return n;
        ByteBuffer scratch = buf.clear();
        int r;
        while ((r = channel.read(scratch)) >= 0) {
            n += r;
            scratch.clear();
        }
        eof = true;
        buf.limit(0);
        return n;
    }
}
