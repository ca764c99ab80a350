package io.qpwscope.recording;

/**
 * A stretch of a recording file the reader could not use: it starts where a chunk was
 * expected and failed (framing, checksum or content), and ends where the next chunk whose
 * checksum holds begins (or at the end of the data). The header fields are as read from the
 * damaged frame: unverified, a hint only.
 *
 * @param start     file offset of the damaged chunk
 * @param end       file offset of the next good chunk, or the end of the data
 * @param fileOrder chunk number in file order, counting this damage as one chunk
 * @param problem   what was wrong, e.g. "checksum mismatch"
 * @param intact    true when the frame's checksum held (its header fields can be trusted)
 */
record ChunkDamage(long start, long end, int fileOrder, String problem, boolean intact,
                   int magic, int cpu, long firstTs, long lastTs) {

    boolean contains(long offset) {
        return offset >= start && offset < end;
    }
}
