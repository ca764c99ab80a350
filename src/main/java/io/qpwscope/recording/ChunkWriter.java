package io.qpwscope.recording;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.RecordingMeta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

import static io.qpwscope.recording.RecordingFileDescriptor.*;

/**
 * Writes the frames of {@link RecordingFileDescriptor} to a channel, keeping the index the
 * footer needs. One thread at a time; shared by the streaming writer and whole-recording save.
 */
final class ChunkWriter {
    private final FileChannel channel;
    private final int cpus;
    private final Deflater deflater;
    private final CRC32C crc = new CRC32C();
    /** Frame under construction: header, stored body, CRC. */
    private ByteBuffer out;
    /** Raw body before deflating (only with deflate). */
    private ByteBuffer raw;
    private long position;

    private final long[][] chunkOffsets;
    private final int[] chunkCounts;
    private final long[] eventsPerCpu;
    private long[] annotationOffsets = new long[4];
    private int annotationChunks;
    private long totalEvents;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;

    ChunkWriter(FileChannel channel, RecordingMeta meta, boolean deflate, int chunkEvents) throws IOException {
        if (meta.cpus() < 1 || meta.cpus() > io.qpwscope.trace.TraceDescriptor.MAX_CPUS) {
            throw new IllegalArgumentException("cpus " + meta.cpus() + " out of range 1.." + io.qpwscope.trace.TraceDescriptor.MAX_CPUS);
        }
        this.channel = channel;
        this.cpus = meta.cpus();
        this.deflater = deflate ? new Deflater(Deflater.BEST_SPEED, true) : null;
        this.chunkOffsets = new long[cpus][16];
        this.chunkCounts = new int[cpus];
        this.eventsPerCpu = new long[cpus];
        this.out = frameBuffer(eventsBodyBytes(chunkEvents, 0));
        if (deflate) this.raw = direct(eventsBodyBytes(chunkEvents, 0));
        writeHeader(meta);
    }

    long position() {
        return position;
    }

    long totalEvents() {
        return totalEvents;
    }

    private void writeHeader(RecordingMeta meta) throws IOException {
        byte[] json = MetaJson.write(meta);
        if (json.length > MAX_META_BYTES) {
            throw new IOException("recording metadata too large: " + json.length + " bytes (limit " + MAX_META_BYTES + ")");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_FIXED_BYTES + json.length + CRC_BYTES).order(BYTE_ORDER);
        b.put(MAGIC_OFFSET, MAGIC);
        b.putShort(RESERVED_OFFSET, (short) 0);
        b.putInt(VERSION_OFFSET, FORMAT_VERSION);
        b.putInt(META_LENGTH_OFFSET, json.length);
        b.put(META_OFFSET, json);
        crc.reset();
        crc.update(b.array(), 0, META_OFFSET + json.length);
        b.putInt(META_OFFSET + json.length, (int) crc.getValue());
        writeFully(b);
    }

    /**
     * Writes events {@code [from, to)} of one lane as one chunk.
     * @throws IllegalArgumentException if the lane's timestamps go backwards (LaneEvents contract)
     */
    void writeEvents(LaneEvents lane, int from, int to, long overruns) throws IOException {
        final int n = to - from;
        if (n <= 0 || n > MAX_CHUNK_EVENTS) throw new IllegalArgumentException("chunk of " + n + " events");
        final int cpu = lane.cpu();
        ensureOut(eventsBodyBytes(n, 0));
        if (deflater != null) ensureRaw(eventsBodyBytes(n, 0));
        ByteBuffer body = deflater != null ? raw : out;
        int base = deflater != null ? 0 : CHUNK_HEADER_BYTES;
        // One pass assuming the gaps fit an int (they do unless the engine idled for > 2.1 s);
        // if one does not, a second pass writes absolute timestamps.
        boolean delta = encodeEvents(lane, from, to, true, body, base);
        if (!delta) encodeEvents(lane, from, to, false, body, base);
        int encoding = delta ? ENC_TS_DELTA32 : 0;
        int rawLength = eventsBodyBytes(n, encoding);
        int stored = deflater != null ? deflateInto(rawLength) : rawLength;
        if (stored != rawLength) encoding |= ENC_DEFLATE;
        final long first = lane.ts(from);
        final long last = lane.ts(to - 1);

        long offset = position;
        finishFrame(CHUNK_EVENTS, cpu, n, encoding, first, last, overruns, stored, rawLength);
        addOffset(cpu, offset);
        eventsPerCpu[cpu] += n;
        totalEvents += n;
        minTs = Math.min(minTs, first);
        maxTs = Math.max(maxTs, last);
    }

    /**
     * Writes the three columns, reading each event once.
     * @return false if {@code delta} and a gap does not fit an int (nothing useful written)
     */
    private static boolean encodeEvents(LaneEvents lane, int from, int to, boolean delta, ByteBuffer b, int base) {
        final int n = to - from;
        final int tsBytes = delta ? Integer.BYTES : Long.BYTES;
        int pt = base;
        int pm = base + n * tsBytes;
        int pp = pm + n * Long.BYTES;
        long prev = lane.ts(from);
        for (int i = from; i < to; i++) {
            final long t = lane.ts(i);
            final long d = t - prev;
            if (d < 0) throw new IllegalArgumentException("cpu " + lane.cpu() + ": ts goes backwards at event " + i);
            if (delta) {
                if (d > Integer.MAX_VALUE) return false;
                b.putInt(pt, (int) d);
            } else {
                b.putLong(pt, t);
            }
            b.putLong(pm, lane.meta(i));
            b.putLong(pp, lane.payload(i));
            pt += tsBytes;
            pm += Long.BYTES;
            pp += Long.BYTES;
            prev = t;
        }
        return true;
    }

    /** @return stored length: the deflated size, or rawLength if deflating did not shrink it (body copied raw). */
    private int deflateInto(int rawLength) {
        deflater.reset();
        deflater.setInput(raw.slice(0, rawLength));
        deflater.finish();
        ByteBuffer dst = out.slice(CHUNK_HEADER_BYTES, rawLength);
        while (!deflater.finished() && dst.hasRemaining()) deflater.deflate(dst);
        if (deflater.finished() && dst.position() < rawLength) return dst.position();
        out.put(CHUNK_HEADER_BYTES, raw, 0, rawLength);
        return rawLength;
    }

    /** Writes annotations as one or more chunks (split at the per-chunk limits). */
    void writeAnnotations(List<Annotation> annotations, long overruns) throws IOException {
        int i = 0;
        while (i < annotations.size()) {
            int start = i;
            int bytes = 0;
            byte[][] texts = new byte[Math.min(annotations.size() - start, MAX_ANNOTATIONS_PER_CHUNK)][];
            while (i < annotations.size() && i - start < MAX_ANNOTATIONS_PER_CHUNK) {
                checkAnnotation(annotations.get(i), cpus);
                byte[] t = annotations.get(i).text().getBytes(StandardCharsets.UTF_8);
                if (bytes + ANNOTATION_FIXED_BYTES + t.length > MAX_BODY_BYTES) break;
                texts[i - start] = t;
                bytes += ANNOTATION_FIXED_BYTES + t.length;
                i++;
            }
            ensureOut(bytes);
            int p = CHUNK_HEADER_BYTES;
            long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
            for (int k = start; k < i; k++) {
                Annotation a = annotations.get(k);
                byte[] t = texts[k - start];
                out.putLong(p, a.ts()).putInt(p + 8, a.cpu()).putInt(p + 12, t.length).put(p + 16, t);
                p += ANNOTATION_FIXED_BYTES + t.length;
                first = Math.min(first, a.ts());
                last = Math.max(last, a.ts());
            }
            long offset = position;
            finishFrame(CHUNK_ANNOTATIONS, -1, i - start, 0, first, last, overruns, bytes, bytes);
            if (annotationChunks == annotationOffsets.length) annotationOffsets = Arrays.copyOf(annotationOffsets, annotationChunks * 2);
            annotationOffsets[annotationChunks++] = offset;
        }
    }

    /** @throws IllegalArgumentException if the annotation cannot be stored in a recording of {@code cpus} CPUs */
    static void checkAnnotation(Annotation a, int cpus) {
        if (a.cpu() >= cpus) throw new IllegalArgumentException("annotation cpu " + a.cpu() + " not in a " + cpus + "-cpu recording");
        if (a.text().length() > MAX_ANNOTATION_TEXT_BYTES / 3
                && a.text().getBytes(StandardCharsets.UTF_8).length > MAX_ANNOTATION_TEXT_BYTES) {
            throw new IllegalArgumentException("annotation text longer than " + MAX_ANNOTATION_TEXT_BYTES + " bytes");
        }
    }

    /** Writes the footer chunk and the trailer: the file is complete after this. */
    void writeFooter(long overruns) throws IOException {
        int indexed = annotationChunks;
        for (int c : chunkCounts) indexed += c;
        long bodyLong = 8L + 4 + cpus * (8L + 4) + 4 + 8L * indexed; // indexed counts event and annotation chunks
        if (bodyLong > MAX_FOOTER_BODY_BYTES) throw new IOException("recording index too large (" + indexed + " chunks)");
        int body = (int) bodyLong;
        ensureOut(body);
        int p = CHUNK_HEADER_BYTES;
        out.putLong(p, totalEvents);
        out.putInt(p + 8, cpus);
        p += 12;
        for (int c = 0; c < cpus; c++) {
            out.putLong(p, eventsPerCpu[c]);
            out.putInt(p + 8, chunkCounts[c]);
            p += 12;
            for (int k = 0; k < chunkCounts[c]; k++, p += 8) out.putLong(p, chunkOffsets[c][k]);
        }
        out.putInt(p, annotationChunks);
        p += 4;
        for (int k = 0; k < annotationChunks; k++, p += 8) out.putLong(p, annotationOffsets[k]);
        long footerOffset = position;
        boolean any = totalEvents > 0;
        finishFrame(CHUNK_FOOTER, -1, indexed, 0, any ? minTs : 0, any ? maxTs : 0, overruns, body, body);
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(BYTE_ORDER);
        trailer.putLong(TRAILER_FOOTER_OFFSET, footerOffset);
        trailer.put(TRAILER_MAGIC_OFFSET, TRAILER_MAGIC);
        writeFully(trailer);
    }

    private void finishFrame(int magic, int cpu, int count, int encoding, long first, long last, long overruns,
                             int stored, int rawLength) throws IOException {
        out.putInt(CHUNK_MAGIC_OFFSET, magic)
                .putInt(CHUNK_CPU_OFFSET, cpu)
                .putInt(CHUNK_COUNT_OFFSET, count)
                .putInt(CHUNK_ENCODING_OFFSET, encoding)
                .putLong(CHUNK_FIRST_TS_OFFSET, first)
                .putLong(CHUNK_LAST_TS_OFFSET, last)
                .putLong(CHUNK_OVERRUNS_OFFSET, overruns)
                .putInt(CHUNK_STORED_LENGTH_OFFSET, stored)
                .putInt(CHUNK_RAW_LENGTH_OFFSET, rawLength);
        int crcEnd = CHUNK_HEADER_BYTES + stored;
        crc.reset();
        crc.update(out.slice(0, crcEnd));
        out.putInt(crcEnd, (int) crc.getValue());
        out.clear().limit(crcEnd + CRC_BYTES);
        writeFully(out);
        out.clear();
    }

    private void addOffset(int cpu, long offset) {
        if (chunkCounts[cpu] == chunkOffsets[cpu].length) {
            chunkOffsets[cpu] = Arrays.copyOf(chunkOffsets[cpu], chunkCounts[cpu] * 2);
        }
        chunkOffsets[cpu][chunkCounts[cpu]++] = offset;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        int n = b.remaining();
        while (b.hasRemaining()) channel.write(b);
        position += n;
    }

    private void ensureOut(int body) {
        if (out.capacity() < CHUNK_HEADER_BYTES + body + CRC_BYTES) out = frameBuffer(body);
    }

    private ByteBuffer ensureRaw(int rawLength) {
        if (raw.capacity() < rawLength) raw = direct(rawLength);
        return raw;
    }

    private static ByteBuffer frameBuffer(int body) {
        return direct(CHUNK_HEADER_BYTES + body + CRC_BYTES);
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(BYTE_ORDER);
    }

    void end() {
        if (deflater != null) deflater.end();
    }
}
