package io.qpwscope.ftrace.tracedat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A large trace.dat for {@link TraceDatReadSpeed}: a real uncompressed capture (e.g. the v6.dat fixture)
 * with each CPU's pages repeated until the file holds about {@code MB} megabytes, every repetition's
 * page timestamps moved past the previous one's (so time runs on), the CPU offset/size table patched.
 * The events are the capture's own, as the kernel wrote them.
 * {@code java -cp target/classes:target/test-classes:DEPS io.qpwscope.ftrace.tracedat.TraceDatGenerate SRC.dat OUT.dat MB}
 */
public final class TraceDatGenerate {
    private TraceDatGenerate() {}

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]), out = Path.of(args[1]);
        long target = Long.parseLong(args[2]) << 20;
        byte[] file = Files.readAllBytes(src);
        TraceDatFile f = TraceDatReader.read(ByteBuffer.wrap(file), src.getFileName().toString());
        TraceDatBuffer b = f.buffer(null);
        if (b.compressed()) throw new IllegalArgumentException("needs an uncompressed trace.dat");
        List<TraceDatBuffer.CpuData> cpus = b.cpus();
        long dataStart = cpus.stream().mapToLong(TraceDatBuffer.CpuData::offset).min().orElseThrow();
        long dataEnd = cpus.stream().mapToLong(c -> c.offset() + c.size()).max().orElseThrow();
        if (dataEnd != file.length) throw new IllegalArgumentException("the CPU data must end the file");
        ByteOrder order = f.byteOrder();
        int page = f.pageSize();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        ByteBuffer w = ByteBuffer.wrap(file).order(order);
        for (TraceDatBuffer.CpuData c : cpus) {
            for (long p = c.offset(); p < c.offset() + c.size(); p += page) {
                long ts = w.getLong((int) p);
                first = Math.min(first, ts);
                last = Math.max(last, ts);
            }
        }
        long shift = last - first + 10_000_000L; // each repetition starts 10 ms after the last page of the one before
        long reps = Math.max(1, (target - dataStart) / (dataEnd - dataStart));
        byte[] header = java.util.Arrays.copyOf(file, (int) dataStart);
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        long at = dataStart;
        for (TraceDatBuffer.CpuData c : cpus) {
            int entry = find(h, c.offset(), c.size());
            h.putLong(entry, at);
            h.putLong(entry + 8, c.size() * reps);
            at += c.size() * reps;
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            o.write(header);
            for (TraceDatBuffer.CpuData c : cpus) {
                byte[] pages = java.util.Arrays.copyOfRange(file, (int) c.offset(), (int) (c.offset() + c.size()));
                ByteBuffer pb = ByteBuffer.wrap(pages).order(order);
                long[] base = new long[pages.length / page];
                for (int k = 0; k < base.length; k++) base[k] = pb.getLong(k * page);
                for (long r = 0; r < reps; r++) {
                    for (int k = 0; k < base.length; k++) pb.putLong(k * page, base[k] + r * shift);
                    o.write(pages);
                }
            }
        }
        System.out.printf("%s: %d repetitions of %s's %,d data bytes, %,d bytes%n", out, reps, src.getFileName(), dataEnd - dataStart, Files.size(out));
    }

    /** The one place in the header where a CPU's (offset, size) pair is written. */
    private static int find(ByteBuffer h, long offset, long size) {
        int found = -1;
        for (int i = 0; i + 16 <= h.limit(); i++) {
            if (h.getLong(i) == offset && h.getLong(i + 8) == size) {
                if (found >= 0) throw new IllegalArgumentException("the CPU table entry (" + offset + ", " + size + ") is written twice");
                found = i;
            }
        }
        if (found < 0) throw new IllegalArgumentException("no CPU table entry (" + offset + ", " + size + ") in the header");
        return found;
    }
}
