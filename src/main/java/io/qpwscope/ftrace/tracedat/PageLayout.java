package io.qpwscope.ftrace.tracedat;

import java.util.Map;

/**
 * The ring-buffer page header, as the file's {@code header_page} text describes it:
 *
 * <pre>
 *   0               8               16
 *   +---------------+---------------+---------------------------- ... --+
 *   | timestamp u64 | commit long   | events (type_len/time_delta headers) |
 *   +---------------+---------------+---------------------------- ... --+
 * </pre>
 *
 * {@code commit} holds the bytes of events on the page in its low 27 bits; bit 31 says events were
 * lost before this page, bit 30 that their count is stored as a long right after the events.
 *
 * @param timestampOffset offset of the page's base timestamp
 * @param commitOffset    offset of commit
 * @param commitSize      4 or 8 (the kernel's long)
 * @param dataOffset      offset of the first event
 */
record PageLayout(int timestampOffset, int commitOffset, int commitSize, int dataOffset) {
    static final long COMMIT_MASK = (1L << 27) - 1;
    static final long MISSED_EVENTS = 1L << 31;
    static final long MISSED_STORED = 1L << 30;

    /** @throws IllegalArgumentException if the text lacks a field or describes an impossible layout */
    static PageLayout parse(String headerPage, int pageSize) {
        Map<String, FormatField> f = EventFormat.fields(headerPage);
        FormatField ts = f.get("timestamp"), commit = f.get("commit"), data = f.get("data");
        if (ts == null || commit == null || data == null) {
            throw new IllegalArgumentException("header_page lacks the timestamp, commit or data field");
        }
        if (ts.size() != 8 || (commit.size() != 4 && commit.size() != 8)) {
            throw new IllegalArgumentException("header_page: timestamp of " + ts.size() + " bytes, commit of " + commit.size());
        }
        if (data.offset() >= pageSize || ts.offset() + 8 > data.offset() || commit.offset() + commit.size() > data.offset()) {
            throw new IllegalArgumentException("header_page: fields do not fit before the data at " + data.offset());
        }
        return new PageLayout(ts.offset(), commit.offset(), commit.size(), data.offset());
    }
}
