package io.qpwscope.recording;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static io.qpwscope.recording.RecordingFileDescriptor.*;

/**
 * Loads a {@code .qpwrec} file (complete, or cut short by a killed writer) into a
 * {@link Recording}. Reads sequentially with large direct buffers and bulk column copies;
 * nothing is allocated per event, so the heap cost per loaded event is what
 * {@link LaneEvents} stores (24 bytes).
 *
 * <p>Policy: a bad header is fatal ({@link RecordingFormatException}). After a good header, a
 * damaged chunk costs only itself: the reader goes on at the next chunk whose checksum holds
 * (past the frame if the frame is sound, else scanning forward byte by byte, since the length
 * field may be what is damaged) and a {@link LoadNotice} names what was lost, with the CPU and
 * time range the footer's index and the neighbouring chunks tell (see {@link LostChunkNotices};
 * chunks are numbered from 0 in file order, byte offsets from the start of the file). An
 * incomplete last chunk with nothing good after it is a file cut short (a killed writer): the
 * load ends there, everything before it kept.
 */
public final class RecordingReader {
    private static final boolean[] KNOWN_TYPE = new boolean[256];
    static {
        for (EventType t : EventType.values()) if (t != EventType.NONE) KNOWN_TYPE[t.code] = true;
    }

    private final ByteSource src;
    private final long sizeHint;
    private final ProgressListener progress;
    private final CRC32C crc = new CRC32C();
    private Inflater inflater;
    private ByteBuffer inflated;

    private Recording recording;
    private int cpus;
    private final List<Annotation> annotations = new ArrayList<>();
    private final List<LoadNotice> notices = new ArrayList<>();
    /** Chunk number in file order of the next chunk (a damaged stretch counts as one). */
    private int chunkIndex;
    private int loadedChunks;
    private LoadedChunks ledger;
    private final List<ChunkDamage> damages = new ArrayList<>();
    /** The footer as read, or null. */
    private FooterIndex footer;
    /** Footer offset from an end marker found while scanning past damage, or -1. */
    private long trailerFooterOffset = -1;
    /** Where the data ended, once a scan reached it. */
    private long endOfData;
    private final List<Long> annotationOffsets = new ArrayList<>();
    private long overruns;
    private long unknownTypeEvents;
    private boolean complete;
    /** Where loading stopped: the end of the last frame used. */
    private long usedBytes;

    private int[] deltas = new int[0];
    private long[] ts = new long[0];
    private long[] meta = new long[0];
    private long[] payload = new long[0];

    private RecordingReader(ReadableByteChannel channel, long sizeHint, ProgressListener progress) {
        int capacity = sizeHint < 0 ? ByteSource.DEFAULT_CAPACITY
                : (int) Math.clamp(sizeHint + 1, 1 << 16, ByteSource.DEFAULT_CAPACITY);
        this.src = new ByteSource(channel, capacity);
        this.sizeHint = sizeHint;
        this.progress = progress;
    }

    public static LoadedRecording load(Path path) throws IOException {
        return load(path, ProgressListener.NONE);
    }

    /**
     * @throws RecordingFormatException the file is not a recording this build can read
     * @throws IOException              the file cannot be read
     * @throws CancellationException    the listener cancelled
     */
    public static LoadedRecording load(Path path, ProgressListener progress) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return load(ch, ch.size(), progress);
        }
    }

    /** Loads from any sequential channel; {@code size} is the byte count if known (for progress), else -1. */
    public static LoadedRecording load(ReadableByteChannel channel, long size, ProgressListener progress) throws IOException {
        return new RecordingReader(channel, size, progress).run();
    }

    private LoadedRecording run() throws IOException {
        try {
            return read();
        } finally {
            if (inflater != null) inflater.end();
        }
    }

    private LoadedRecording read() throws IOException {
        RecordingMeta m = readHeader();
        recording = new Recording(m);
        cpus = m.cpus();
        ledger = new LoadedChunks(cpus);
        usedBytes = src.offset();
        readChunks();
        if (!damages.isEmpty()) {
            complete = false;
            long[] laneSizes = new long[cpus];
            for (int c = 0; c < cpus; c++) laneSizes[c] = recording.lane(c).size();
            notices.addAll(0, new LostChunkNotices(damages, footer, ledger, laneSizes, loadedChunks).describe(trailerFooterOffset));
        }
        if (unknownTypeEvents > 0) {
            notices.add(new LoadNotice(LoadNotice.Kind.UNKNOWN_EVENT_TYPES, group(unknownTypeEvents)
                    + " events have types this build does not know (written by a newer QPW Scope?); they are kept but not drawn"));
        }
        recording.setOverruns(overruns);
        progress.progress(usedBytes, Math.max(usedBytes, sizeHint));
        return new LoadedRecording(recording, annotations, notices, usedBytes, loadedChunks, complete);
    }

    // ---------------------------------------------------------------- header

    private RecordingMeta readHeader() throws IOException {
        if (!src.ensure(MAGIC.length)) {
            int n = src.available();
            if (n == 0) throw new RecordingFormatException("empty file (0 bytes): not a QPW Scope recording");
            if (startsLikeMagic(n)) throw new RecordingFormatException("truncated header (" + n + " bytes)");
            throw new RecordingFormatException("not a QPW Scope recording (bad magic)");
        }
        if (!startsLikeMagic(MAGIC.length)) throw new RecordingFormatException("not a QPW Scope recording (bad magic)");
        if (!src.ensure(HEADER_FIXED_BYTES)) {
            throw new RecordingFormatException("truncated header (" + src.available() + " bytes)");
        }
        ByteBuffer b = src.buffer();
        int p = b.position();
        int version = b.getInt(p + VERSION_OFFSET);
        if (version != FORMAT_VERSION) {
            throw new RecordingFormatException("unsupported format version " + Integer.toUnsignedString(version)
                    + " (this build reads " + FORMAT_VERSION + ")");
        }
        int metaLength = b.getInt(p + META_LENGTH_OFFSET);
        if (metaLength < 0 || metaLength > MAX_META_BYTES) {
            throw new RecordingFormatException("corrupt header: metadata length " + Integer.toUnsignedString(metaLength)
                    + " out of range 0.." + MAX_META_BYTES);
        }
        int headerBytes = HEADER_FIXED_BYTES + metaLength + CRC_BYTES;
        if (!src.ensure(headerBytes)) {
            throw new RecordingFormatException("truncated header (" + src.available() + " of " + headerBytes + " bytes)");
        }
        b = src.buffer();
        p = b.position();
        if (!crcMatches(b, p, HEADER_FIXED_BYTES + metaLength)) {
            throw new RecordingFormatException("corrupt header: checksum mismatch");
        }
        byte[] json = new byte[metaLength];
        b.get(p + META_OFFSET, json);
        RecordingMeta m = MetaJson.read(json);
        src.skip(headerBytes);
        return m;
    }

    private boolean startsLikeMagic(int n) {
        ByteBuffer b = src.buffer();
        for (int i = 0; i < n; i++) if (b.get(b.position() + i) != MAGIC[i]) return false;
        return true;
    }

    // ---------------------------------------------------------------- chunks

    private void readChunks() throws IOException {
        while (true) {
            if (progress.isCancelled()) throw new CancellationException("load cancelled");
            long offset = src.offset();
            if (!src.ensure(1)) {
                truncated(0);
                return;
            }
            if (!src.ensure(CHUNK_HEADER_BYTES)) {
                truncated(src.available());
                return;
            }
            ByteBuffer b = src.buffer();
            int p = b.position();
            int magic = b.getInt(p + CHUNK_MAGIC_OFFSET);
            int stored = b.getInt(p + CHUNK_STORED_LENGTH_OFFSET);
            if (magic != CHUNK_EVENTS && magic != CHUNK_ANNOTATIONS && magic != CHUNK_FOOTER) {
                if (!skipDamage(offset, "bad chunk magic 0x" + Integer.toHexString(magic), false)) break;
                continue;
            }
            if (stored < 0 || stored > maxBody(magic)) {
                String problem = chunkKind(magic) + " chunk length " + Integer.toUnsignedString(stored) + " out of range";
                if (!skipDamage(offset, problem, false)) break;
                continue;
            }
            int total = CHUNK_HEADER_BYTES + stored + CRC_BYTES;
            if (!src.ensure(total)) {
                // the writer was killed mid-chunk, or the length field is damaged: only a good chunk further on tells
                int incomplete = src.available();
                String problem = chunkKind(magic) + " chunk length " + stored + " runs past the end of the data";
                if (skipDamage(offset, problem, false)) continue;
                if (trailerFooterOffset != offset) {
                    damages.removeLast();
                    chunkIndex--;
                    truncated(incomplete);
                }
                return;
            }
            b = src.buffer();
            p = b.position();
            if (!crcMatches(b, p, CHUNK_HEADER_BYTES + stored)) {
                if (!skipDamage(offset, "checksum mismatch", false)) break;
                continue;
            }
            String problem;
            if (magic == CHUNK_EVENTS) {
                problem = readEvents(b, p, offset);
            } else if (magic == CHUNK_ANNOTATIONS) {
                problem = readAnnotations(b, p, offset);
            } else {
                problem = readFooter(b, p);
                if (problem == null) {
                    src.skip(total);
                    usedBytes = src.offset();
                    readTrailer(offset);
                    return;
                }
            }
            if (problem != null) {
                // the frame is sound (its checksum holds), only its content is not: skip it whole
                if (!skipDamage(offset, problem, true)) break;
                continue;
            }
            src.skip(total);
            usedBytes = src.offset();
            chunkIndex++;
            loadedChunks++;
            progress.progress(src.offset(), Math.max(src.offset(), sizeHint));
        }
        // damage ran to the end of the data; without an end marker there the footer is missing too
        if (trailerFooterOffset < 0) truncated(0);
    }

    /**
     * Notes the chunk at {@code offset} (its header is in the buffer) as lost and moves to the
     * next chunk whose checksum holds: past the frame if it is sound, else scanning on from
     * the byte after its start, since its length field may be what is damaged.
     *
     * @return true if a good chunk follows (the source is at it), false at the end of the data
     */
    private boolean skipDamage(long offset, String problem, boolean intact) throws IOException {
        ByteBuffer b = src.buffer();
        int p = b.position();
        int magic = b.getInt(p + CHUNK_MAGIC_OFFSET);
        int cpu = b.getInt(p + CHUNK_CPU_OFFSET);
        long first = b.getLong(p + CHUNK_FIRST_TS_OFFSET);
        long last = b.getLong(p + CHUNK_LAST_TS_OFFSET);
        src.skip(intact ? CHUNK_HEADER_BYTES + b.getInt(p + CHUNK_STORED_LENGTH_OFFSET) + CRC_BYTES : 1);
        boolean found = scanToNextChunk();
        long end = found ? src.offset() : endOfData;
        damages.add(new ChunkDamage(offset, end, chunkIndex, problem, intact, magic, cpu, first, last));
        chunkIndex++;
        return found;
    }

    /**
     * Moves the source to the next offset where a whole chunk frame's checksum holds.
     *
     * @return false at the end of the data (then {@link #endOfData} and, if the last bytes
     *         are an end marker, {@link #trailerFooterOffset} are set)
     */
    private boolean scanToNextChunk() throws IOException {
        while (true) {
            if (progress.isCancelled()) throw new CancellationException("load cancelled");
            if (!src.ensure(CHUNK_HEADER_BYTES)) {
                noteTail();
                return false;
            }
            ByteBuffer b = src.buffer();
            final int from = b.position();
            final int lastStart = b.limit() - CHUNK_HEADER_BYTES;
            int q = from;
            for (; q <= lastStart; q++) {
                int magic = b.getInt(q + CHUNK_MAGIC_OFFSET);
                if (magic != CHUNK_EVENTS && magic != CHUNK_ANNOTATIONS && magic != CHUNK_FOOTER) continue;
                int stored = b.getInt(q + CHUNK_STORED_LENGTH_OFFSET);
                if (stored >= 0 && stored <= maxBody(magic)) break;
            }
            if (q > lastStart) {
                src.skip(q - from);
                continue;
            }
            src.skip(q - from);
            int stored = src.buffer().getInt(src.buffer().position() + CHUNK_STORED_LENGTH_OFFSET);
            if (src.ensure(CHUNK_HEADER_BYTES + stored + CRC_BYTES)
                    && crcMatches(src.buffer(), src.buffer().position(), CHUNK_HEADER_BYTES + stored)) {
                return true;
            }
            src.skip(1);
        }
    }

    /** At the end of the data, with fewer than a chunk header's bytes left: is it an end marker? */
    private void noteTail() throws IOException {
        ByteBuffer b = src.buffer();
        int n = b.remaining();
        if (n >= TRAILER_BYTES) {
            int t = b.limit() - TRAILER_BYTES;
            boolean magicOk = true;
            for (int i = 0; i < TRAILER_MAGIC.length; i++) magicOk &= b.get(t + TRAILER_MAGIC_OFFSET + i) == TRAILER_MAGIC[i];
            if (magicOk) trailerFooterOffset = b.getLong(t + TRAILER_FOOTER_OFFSET);
        }
        endOfData = src.offset() + n;
        src.drainRemaining();
    }

    private static int maxBody(int magic) {
        return magic == CHUNK_FOOTER ? MAX_FOOTER_BODY_BYTES : MAX_BODY_BYTES;
    }

    /** @return null if the chunk was loaded, else what is wrong with it (nothing of it is kept). */
    private String readEvents(ByteBuffer b, int p, long offset) {
        int cpu = b.getInt(p + CHUNK_CPU_OFFSET);
        int n = b.getInt(p + CHUNK_COUNT_OFFSET);
        int encoding = b.getInt(p + CHUNK_ENCODING_OFFSET);
        long first = b.getLong(p + CHUNK_FIRST_TS_OFFSET);
        long last = b.getLong(p + CHUNK_LAST_TS_OFFSET);
        long chunkOverruns = b.getLong(p + CHUNK_OVERRUNS_OFFSET);
        int stored = b.getInt(p + CHUNK_STORED_LENGTH_OFFSET);
        int rawLength = b.getInt(p + CHUNK_RAW_LENGTH_OFFSET);
        if (cpu < 0 || cpu >= cpus) return "cpu " + cpu + " out of range 0.." + (cpus - 1);
        if (n < 1 || n > MAX_CHUNK_EVENTS) return "event count " + n + " out of range 1.." + MAX_CHUNK_EVENTS;
        if ((encoding & ~ENC_KNOWN) != 0) return "unknown encoding 0x" + Integer.toHexString(encoding);
        if (rawLength != eventsBodyBytes(n, encoding)) return "body length " + rawLength + " does not fit " + n + " events";
        ByteBuffer body;
        int base;
        if ((encoding & ENC_DEFLATE) != 0) {
            String err = inflate(b, p + CHUNK_HEADER_BYTES, stored, rawLength);
            if (err != null) return err;
            body = inflated;
            base = 0;
        } else {
            if (stored != rawLength) return "stored length " + stored + " differs from raw length " + rawLength;
            body = b;
            base = p + CHUNK_HEADER_BYTES;
        }
        ensureScratch(n);
        final long[] t = ts;
        int col = base;
        if ((encoding & ENC_TS_DELTA32) != 0) {
            final int[] d = deltas;
            body.slice(col, n * Integer.BYTES).order(BYTE_ORDER).asIntBuffer().get(d, 0, n);
            col += n * Integer.BYTES;
            long acc = first;
            int sign = 0;
            for (int i = 0; i < n; i++) {
                acc += d[i];
                t[i] = acc;
                sign |= d[i];
            }
            if (sign < 0) return "timestamps go backwards";
        } else {
            body.slice(col, n * Long.BYTES).order(BYTE_ORDER).asLongBuffer().get(t, 0, n);
            col += n * Long.BYTES;
            for (int i = 1; i < n; i++) if (t[i] < t[i - 1]) return "timestamps go backwards";
        }
        if (t[0] != first || t[n - 1] != last) return "timestamps disagree with the chunk header";
        LaneEvents lane = recording.lane(cpu);
        if (lane.size() > 0 && first < lane.lastTs()) {
            return "starts at ts " + first + " before the previous chunk of cpu " + cpu + " ended (" + lane.lastTs() + ")";
        }
        final long[] m = meta;
        body.slice(col, n * Long.BYTES).order(BYTE_ORDER).asLongBuffer().get(m, 0, n);
        col += n * Long.BYTES;
        final long[] pl = payload;
        body.slice(col, n * Long.BYTES).order(BYTE_ORDER).asLongBuffer().get(pl, 0, n);
        long unknown = 0;
        int wrongCpu = 0;
        for (int i = 0; i < n; i++) {
            long mi = m[i];
            wrongCpu |= ((int) (mi >>> 48) & 0xFF) ^ cpu;
            if (!KNOWN_TYPE[(int) (mi >>> 56)]) unknown++;
        }
        if (wrongCpu != 0) return "an event's cpu field differs from the chunk's cpu " + cpu;
        for (int i = 0; i < n; i++) lane.append(t[i], m[i], pl[i]);
        unknownTypeEvents += unknown;
        overruns = Math.max(overruns, chunkOverruns);
        ledger.add(cpu, offset, first, last);
        return null;
    }

    private String inflate(ByteBuffer b, int from, int stored, int rawLength) {
        if (inflater == null) inflater = new Inflater(true);
        if (inflated == null || inflated.capacity() < rawLength) {
            inflated = ByteBuffer.allocateDirect(Math.max(rawLength, eventsBodyBytes(DEFAULT_CHUNK_EVENTS, 0))).order(BYTE_ORDER);
        }
        inflater.reset();
        inflater.setInput(b.slice(from, stored));
        ByteBuffer dst = inflated.clear().limit(rawLength);
        try {
            while (!inflater.finished() && dst.hasRemaining()) {
                if (inflater.inflate(dst) == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
            }
        } catch (DataFormatException e) {
            return "bad deflate data (" + e.getMessage() + ")";
        }
        if (!inflater.finished() || dst.position() != rawLength) {
            return "deflate data does not inflate to its raw length " + rawLength;
        }
        inflated.clear();
        return null;
    }

    private String readAnnotations(ByteBuffer b, int p, long offset) {
        int cpu = b.getInt(p + CHUNK_CPU_OFFSET);
        int n = b.getInt(p + CHUNK_COUNT_OFFSET);
        int encoding = b.getInt(p + CHUNK_ENCODING_OFFSET);
        int stored = b.getInt(p + CHUNK_STORED_LENGTH_OFFSET);
        int rawLength = b.getInt(p + CHUNK_RAW_LENGTH_OFFSET);
        if (cpu != -1 || encoding != 0 || rawLength != stored) return "bad annotations frame";
        if (n < 0 || n > MAX_ANNOTATIONS_PER_CHUNK) return "annotation count " + n + " out of range";
        List<Annotation> read = new ArrayList<>(n);
        int q = p + CHUNK_HEADER_BYTES;
        int end = q + stored;
        for (int k = 0; k < n; k++) {
            if (end - q < ANNOTATION_FIXED_BYTES) return "annotation " + k + " runs past the chunk";
            long ats = b.getLong(q);
            int acpu = b.getInt(q + 8);
            int len = b.getInt(q + 12);
            q += ANNOTATION_FIXED_BYTES;
            if (acpu < Annotation.ALL_CPUS || acpu >= cpus) return "annotation " + k + ": cpu " + acpu + " out of range";
            if (len < 0 || len > MAX_ANNOTATION_TEXT_BYTES || len > end - q) return "annotation " + k + ": bad text length";
            byte[] text = new byte[len];
            b.get(q, text);
            q += len;
            read.add(new Annotation(ats, acpu, new String(text, StandardCharsets.UTF_8)));
        }
        if (q != end) return "annotations chunk has " + (end - q) + " bytes left over";
        annotations.addAll(read);
        annotationOffsets.add(offset);
        return null;
    }

    /** Reads the footer and checks it against what was read; disagreement is a notice, not a failure. */
    private String readFooter(ByteBuffer b, int p) {
        int n = b.getInt(p + CHUNK_COUNT_OFFSET);
        int encoding = b.getInt(p + CHUNK_ENCODING_OFFSET);
        long footerOverruns = b.getLong(p + CHUNK_OVERRUNS_OFFSET);
        int stored = b.getInt(p + CHUNK_STORED_LENGTH_OFFSET);
        int rawLength = b.getInt(p + CHUNK_RAW_LENGTH_OFFSET);
        if (encoding != 0 || rawLength != stored) return "bad footer frame";
        int q = p + CHUNK_HEADER_BYTES;
        int end = q + stored;
        if (end - q < 12) return "footer too short";
        long totalEvents = b.getLong(q);
        int fileCpus = b.getInt(q + 8);
        q += 12;
        if (fileCpus != cpus) return "footer lists " + fileCpus + " cpus, header says " + cpus;
        long[][] offsets = new long[cpus][];
        long[] events = new long[cpus];
        for (int c = 0; c < cpus; c++) {
            if (end - q < 12) return "footer index runs past the chunk";
            events[c] = b.getLong(q);
            int k = b.getInt(q + 8);
            q += 12;
            if (k < 0 || k > (end - q) / 8) return "footer index runs past the chunk";
            offsets[c] = new long[k];
            for (int i = 0; i < k; i++, q += 8) offsets[c][i] = b.getLong(q);
        }
        if (end - q < 4) return "footer index runs past the chunk";
        int a = b.getInt(q);
        q += 4;
        if (a < 0 || a > (end - q) / 8) return "footer index runs past the chunk";
        long[] annOffsets = new long[a];
        for (int i = 0; i < a; i++, q += 8) annOffsets[i] = b.getLong(q);
        if (q != end) return "footer has " + (end - q) + " bytes left over";
        footer = new FooterIndex(totalEvents, offsets, events, annOffsets, n, footerOverruns);
        List<String> mismatches = footerMismatches(footer);
        overruns = footerOverruns;
        complete = mismatches.isEmpty() && damages.isEmpty();
        if (!mismatches.isEmpty()) {
            notices.add(new LoadNotice(LoadNotice.Kind.FOOTER_MISMATCH,
                    "footer disagrees with the chunks read: " + String.join("; ", mismatches)));
        }
        return null;
    }

    /** What the footer says that the chunks read do not bear out; chunks lost to damage are expected missing. */
    private List<String> footerMismatches(FooterIndex f) {
        List<String> mismatches = new ArrayList<>();
        int indexed = 0;
        for (int c = 0; c < cpus; c++) {
            long[] listed = f.chunkOffsets()[c];
            indexed += listed.length;
            int read = 0;
            boolean same = true;
            boolean lostSome = false;
            for (long o : listed) {
                if (isDamaged(o)) {
                    lostSome = true;
                    continue;
                }
                same &= read < ledger.count(c) && ledger.offset(c, read) == o;
                read++;
            }
            same &= read == ledger.count(c);
            long have = recording.lane(c).size();
            long events = f.eventsPerCpu()[c];
            if (!same || (lostSome ? events < have : events != have)) {
                mismatches.add("cpu " + c + ": footer " + group(events) + " events in " + listed.length + " chunks, file "
                        + group(have) + " in " + ledger.count(c));
            }
        }
        int read = 0;
        boolean sameAnn = true;
        for (long o : f.annotationOffsets()) {
            if (isDamaged(o)) continue;
            sameAnn &= read < annotationOffsets.size() && annotationOffsets.get(read) == o;
            read++;
        }
        sameAnn &= read == annotationOffsets.size();
        indexed += f.annotationOffsets().length;
        if (!sameAnn) mismatches.add("annotation chunks: footer " + f.annotationOffsets().length + ", file " + annotationOffsets.size());
        if (indexed != f.indexedCount()) mismatches.add("footer count " + f.indexedCount() + " differs from its index (" + indexed + ")");
        long total = recording.eventCount();
        if (damages.isEmpty() ? f.totalEvents() != total : f.totalEvents() < total) {
            mismatches.add("footer total " + group(f.totalEvents()) + " events, file " + group(total));
        }
        return mismatches;
    }

    private boolean isDamaged(long offset) {
        for (ChunkDamage d : damages) if (d.contains(offset)) return true;
        return false;
    }

    private void readTrailer(long footerOffset) throws IOException {
        if (!src.ensure(TRAILER_BYTES)) {
            complete = false;
            notices.add(new LoadNotice(LoadNotice.Kind.TRUNCATED, "recording ends early: end marker after the footer is "
                    + (src.available() == 0 ? "missing" : "incomplete (" + src.available() + " bytes)")
                    + "; all " + group(recording.eventCount()) + " events are there"));
            return;
        }
        ByteBuffer b = src.buffer();
        int p = b.position();
        boolean magicOk = true;
        for (int i = 0; i < TRAILER_MAGIC.length; i++) magicOk &= b.get(p + TRAILER_MAGIC_OFFSET + i) == TRAILER_MAGIC[i];
        if (!magicOk || b.getLong(p + TRAILER_FOOTER_OFFSET) != footerOffset) {
            complete = false;
            notices.add(new LoadNotice(LoadNotice.Kind.FOOTER_MISMATCH,
                    "end marker at byte " + src.offset() + " is damaged; all " + group(recording.eventCount()) + " events are there"));
            return;
        }
        src.skip(TRAILER_BYTES);
        usedBytes = src.offset();
        long trailing = src.drainRemaining();
        if (trailing > 0) {
            notices.add(new LoadNotice(LoadNotice.Kind.TRAILING_DATA, group(trailing) + " bytes after the end marker ignored"));
        }
    }

    // ---------------------------------------------------------------- notices

    private void truncated(int incompleteBytes) {
        String message = incompleteBytes > 0
                ? "recording ends early: 1 incomplete chunk (" + group(incompleteBytes) + " bytes) after " + loadedSoFar()
                        + "; footer missing (process killed?)"
                : "recording ends early: footer missing after " + loadedSoFar() + " (process killed?)";
        notices.add(new LoadNotice(LoadNotice.Kind.TRUNCATED, message));
    }

    private String loadedSoFar() {
        return group(recording.eventCount()) + " events at " + String.format(Locale.ROOT, "%.3f s", recording.endTs() / 1e9);
    }

    static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ---------------------------------------------------------------- helpers

    private boolean crcMatches(ByteBuffer b, int from, int length) {
        crc.reset();
        crc.update(b.slice(from, length));
        return (int) crc.getValue() == b.getInt(from + length);
    }

    private void ensureScratch(int n) {
        if (ts.length >= n) return;
        int cap = Math.max(n, DEFAULT_CHUNK_EVENTS);
        deltas = new int[cap];
        ts = new long[cap];
        meta = new long[cap];
        payload = new long[cap];
    }
}
