package io.qpwscope.recording;

import io.qpwscope.trace.TraceDescriptor;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Layout of a {@code .qpwrec} recording file, format version {@value #FORMAT_VERSION}. All
 * integers are little-endian; every checksum is CRC32C ({@link java.util.zip.CRC32C}).
 *
 * <pre>
 *  FILE
 *  +--------------------------------------------------------------+
 *  | file header                                                  |  written at open
 *  +--------------------------------------------------------------+
 *  | chunk 0  (events of one CPU, or annotations)                 |  written while the
 *  | chunk 1                                                      |  engine runs, in any
 *  | ...                                                          |  CPU order
 *  +--------------------------------------------------------------+
 *  | footer chunk (index of chunk offsets, totals)                |  written at close
 *  | trailer                                                      |
 *  +--------------------------------------------------------------+
 *
 *  FILE HEADER
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |         magic "QPWREC" (6 bytes)              | reserved (0)  |  0
 *  |                                               |               |
 *  +---------------------------------------------------------------+
 *  |                   format version (int)                        |  8
 *  +---------------------------------------------------------------+
 *  |                   meta length L (int)                         | 12
 *  +---------------------------------------------------------------+
 *  |     RecordingMeta as UTF-8 JSON (L bytes)                    ...| 16
 *  +---------------------------------------------------------------+
 *  |                   CRC32C of bytes [0, 16 + L)                 | 16 + L
 *  +---------------------------------------------------------------+
 *
 *  CHUNK (events, annotations and the footer share this frame)
 *  +---------------------------------------------------------------+
 *  |      chunk magic (int): "QEVT" events, "QANN" annotations,    |  0
 *  |                         "QEND" footer                         |
 *  +---------------------------------------------------------------+
 *  |      cpu (int; -1 for annotations and footer)                 |  4
 *  +---------------------------------------------------------------+
 *  |      count (int): events, annotations, or indexed chunks      |  8
 *  +---------------------------------------------------------------+
 *  |      encoding (int): ENC_* flags                              | 12
 *  +---------------------------------------------------------------+
 *  |      first ts (long)                                          | 16
 *  +---------------------------------------------------------------+
 *  |      last ts (long)                                           | 24
 *  +---------------------------------------------------------------+
 *  |      overruns (long): ring overruns known when written        | 32
 *  +---------------------------------------------------------------+
 *  |      stored length S (int): body bytes in the file            | 40
 *  +---------------------------------------------------------------+
 *  |      raw length R (int): body bytes once inflated (= S if not |
 *  |      deflated)                                                | 44
 *  +---------------------------------------------------------------+
 *  |      body (S bytes)                                        ...| 48
 *  +---------------------------------------------------------------+
 *  |      CRC32C of bytes [0, 48 + S) of the chunk                 | 48 + S
 *  +---------------------------------------------------------------+
 *
 *  EVENTS BODY (after inflating if ENC_DEFLATE, raw deflate RFC 1951): three columns of
 *  `count` values
 *    ts column      count x int  (ENC_TS_DELTA32: ts[i] - ts[i-1], ts[-1] = first ts)
 *                or count x long (absolute ts, when a gap does not fit an int)
 *    meta column    count x long (TraceDescriptor meta: type, cpu, peer, fn, aux)
 *    payload column count x long
 *
 *  ANNOTATIONS BODY: count x { ts (long), cpu (int, -1 = all CPUs), text length N (int),
 *                              text (N bytes UTF-8) }
 *
 *  FOOTER BODY: total events (long), cpus C (int),
 *               C x { events (long), chunk count K (int), K x chunk offset (long) },
 *               annotation chunk count A (int), A x chunk offset (long)
 *
 *  TRAILER (16 bytes, the last bytes of a complete file)
 *  +---------------------------------------------------------------+
 *  |      footer chunk offset (long)                               |  0
 *  +---------------------------------------------------------------+
 *  |      trailer magic "QPWEND\0\0" (8 bytes)                     |  8
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A file whose writer was killed has no footer: the reader scans chunks from the header
 * on, keeps every chunk whose checksum holds and stops at an incomplete last one. A corrupt
 * chunk anywhere is skipped: the reader resumes at the next chunk whose header and CRC check
 * (found by its length if the frame is sound, else by scanning forward for a chunk magic
 * whose frame checks) and reports what it skipped as a {@link LoadNotice}. A corrupt header is fatal
 * ({@link RecordingFormatException}): without the metadata the events cannot be read.
 *
 * <p>The streaming writer writes to {@code NAME.partial} next to {@code NAME} and renames
 * it atomically at close; a {@code .partial} file left by a killed process opens like any
 * recording (see {@link RecordingFiles#partialPath}).
 */
public final class RecordingFileDescriptor {
    private RecordingFileDescriptor() {}

    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_EXTENSION = ".qpwrec";
    public static final String PARTIAL_SUFFIX = ".partial";

    // file header
    public static final byte[] MAGIC = "QPWREC".getBytes(StandardCharsets.US_ASCII);
    public static final int MAGIC_OFFSET = 0;
    public static final int RESERVED_OFFSET = 6;
    public static final int VERSION_OFFSET = 8;
    public static final int META_LENGTH_OFFSET = 12;
    public static final int META_OFFSET = 16;
    /** Fixed part of the header; the meta JSON and its CRC follow. */
    public static final int HEADER_FIXED_BYTES = META_OFFSET;
    /** Upper bound on the metadata JSON (the scenario text is in it). */
    public static final int MAX_META_BYTES = 16 << 20;

    // chunk frame
    public static final int CHUNK_EVENTS = fourCc("QEVT");
    public static final int CHUNK_ANNOTATIONS = fourCc("QANN");
    public static final int CHUNK_FOOTER = fourCc("QEND");
    public static final int CHUNK_MAGIC_OFFSET = 0;
    public static final int CHUNK_CPU_OFFSET = 4;
    public static final int CHUNK_COUNT_OFFSET = 8;
    public static final int CHUNK_ENCODING_OFFSET = 12;
    public static final int CHUNK_FIRST_TS_OFFSET = 16;
    public static final int CHUNK_LAST_TS_OFFSET = 24;
    public static final int CHUNK_OVERRUNS_OFFSET = 32;
    public static final int CHUNK_STORED_LENGTH_OFFSET = 40;
    public static final int CHUNK_RAW_LENGTH_OFFSET = 44;
    public static final int CHUNK_HEADER_BYTES = 48;
    public static final int CRC_BYTES = 4;

    /** Events chunk: the ts column holds int gaps instead of absolute longs. */
    public static final int ENC_TS_DELTA32 = 1;
    /** Body is java.util.zip deflate (raw length in the frame). */
    public static final int ENC_DEFLATE = 1 << 1;
    public static final int ENC_KNOWN = ENC_TS_DELTA32 | ENC_DEFLATE;

    /** Events per chunk the writers use by default (one LaneEvents chunk). */
    public static final int DEFAULT_CHUNK_EVENTS = 1 << 16;
    /** Largest events chunk a reader accepts; bounds every buffer the reader allocates. */
    public static final int MAX_CHUNK_EVENTS = 1 << 18;
    /** Largest body of any chunk. */
    public static final int MAX_BODY_BYTES = MAX_CHUNK_EVENTS * TraceDescriptor.RECORD_BYTES;
    /** Largest footer body (its index grows with the number of chunks: 8 bytes each). */
    public static final int MAX_FOOTER_BODY_BYTES = 64 << 20;
    public static final int MAX_ANNOTATIONS_PER_CHUNK = 1 << 16;
    public static final int MAX_ANNOTATION_TEXT_BYTES = 1 << 16;
    /** ts + cpu + text length. */
    public static final int ANNOTATION_FIXED_BYTES = 8 + 4 + 4;

    // trailer
    public static final byte[] TRAILER_MAGIC = "QPWEND\0\0".getBytes(StandardCharsets.US_ASCII);
    public static final int TRAILER_FOOTER_OFFSET = 0;
    public static final int TRAILER_MAGIC_OFFSET = 8;
    public static final int TRAILER_BYTES = 16;

    /** Raw body bytes of an events chunk. */
    public static int eventsBodyBytes(int count, int encoding) {
        return count * ((encoding & ENC_TS_DELTA32) != 0 ? Integer.BYTES : Long.BYTES) + count * 2 * Long.BYTES;
    }

    static int fourCc(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    static String chunkKind(int magic) {
        if (magic == CHUNK_EVENTS) return "events";
        if (magic == CHUNK_ANNOTATIONS) return "annotations";
        if (magic == CHUNK_FOOTER) return "footer";
        return "unknown";
    }
}
