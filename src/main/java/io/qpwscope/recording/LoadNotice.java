package io.qpwscope.recording;

/**
 * Something a reader should know about a recording that loaded anyway, e.g.
 * "recording ends early: 1 incomplete chunk (312 bytes) after 1,234,567 events at 1.532 s;
 * footer missing (process killed?)".
 */
public record LoadNotice(Kind kind, String message) {

    public enum Kind {
        /** The file stops before its footer: the writer was killed or is still writing. */
        TRUNCATED,
        /** A chunk failed its checksum, framing or content; it was skipped and loading went on at the next good chunk. */
        CORRUPT_CHUNK,
        /** The footer's index or totals disagree with the chunks that were read. */
        FOOTER_MISMATCH,
        /** Events with type codes this build does not know (kept as they are). */
        UNKNOWN_EVENT_TYPES,
        /** Bytes after the trailer (ignored). */
        TRAILING_DATA
    }

    @Override
    public String toString() {
        return message;
    }
}
