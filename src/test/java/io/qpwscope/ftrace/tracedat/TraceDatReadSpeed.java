package io.qpwscope.ftrace.tracedat;

import io.qpwscope.ftrace.FtraceTrace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading speed of a trace.dat: walking every event, and importing (walk + mapping to records).
 * {@code mvn -o -q test-compile exec:exec@... } is not needed: run it with the test classpath,
 * {@code java -cp target/classes:target/test-classes:ZSTD_JNI_JAR io.qpwscope.ftrace.tracedat.TraceDatReadSpeed FILE.dat [ROUNDS]}.
 */
public final class TraceDatReadSpeed {
    private TraceDatReadSpeed() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long bytes = Files.size(path);
        // the reading thread's CPU time is printed beside wall time: on a shared machine wall time measures the load
        for (int r = 0; r < rounds; r++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            TraceDatFile f = TraceDatReader.open(path);
            TraceDatBuffer b = f.buffer(null);
            long[] n = {0};
            f.events(b, (cpu, ts, format, buf, data, length) -> n[0]++);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            FtraceTrace t = TraceDatImport.read(TraceDatReader.open(path), null);
            long t2 = System.nanoTime();
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: per CPU-second of the reading thread: walk %.0f MB/s (%.0f ms CPU), import %.0f MB/s (%.0f ms CPU)%n",
                    r, bytes / 1e6 / ((c1 - c0) / 1e9), (c1 - c0) / 1e6, bytes / 1e6 / ((c2 - c1) / 1e9), (c2 - c1) / 1e6);
            System.out.printf("round %d: %,d bytes, %,d events; walk %.0f ms = %.0f MB/s, %.1f M events/s; import %.0f ms = %.0f MB/s (%,d records)%n",
                    r, bytes, n[0], (t1 - t0) / 1e6, bytes / 1e6 / ((t1 - t0) / 1e9), n[0] / 1e6 / ((t1 - t0) / 1e9),
                    (t2 - t1) / 1e6, bytes / 1e6 / ((t2 - t1) / 1e9), t.count());
        }
    }
}
