package io.qpwscope.recording;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.qpwscope.recording.RecordingFileDescriptor.*;

/** Test helper: the frames of a well-formed recording file, found by walking the lengths. */
record ChunkFrames(int headerBytes, List<Frame> frames) {

    record Frame(int offset, int length, int magic, int cpu, int count) {
        int end() {
            return offset + length;
        }
    }

    static ChunkFrames of(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(BYTE_ORDER);
        int header = HEADER_FIXED_BYTES + b.getInt(META_LENGTH_OFFSET) + CRC_BYTES;
        List<Frame> frames = new ArrayList<>();
        int p = header;
        while (p + CHUNK_HEADER_BYTES <= file.length) {
            int magic = b.getInt(p + CHUNK_MAGIC_OFFSET);
            int len = CHUNK_HEADER_BYTES + b.getInt(p + CHUNK_STORED_LENGTH_OFFSET) + CRC_BYTES;
            frames.add(new Frame(p, len, magic, b.getInt(p + CHUNK_CPU_OFFSET), b.getInt(p + CHUNK_COUNT_OFFSET)));
            if (magic == CHUNK_FOOTER) break;
            p += len;
        }
        return new ChunkFrames(header, frames);
    }
}
