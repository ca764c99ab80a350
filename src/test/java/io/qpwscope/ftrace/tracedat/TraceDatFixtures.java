package io.qpwscope.ftrace.tracedat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The captures under src/test/resources/tracedat (made on a 2-CPU machine with tracefs, an
 * instance "qpwdat" with workqueue, sched_switch/wakeup and softirq events, a real
 * {@code lru_add_drain_all} from {@code echo 1 > /proc/sys/vm/compact_memory}), and what
 * {@code trace-cmd report} said about them (FILE.expected, written by expected.sh).
 */
final class TraceDatFixtures {
    static final String[] FILES = {"v6.dat", "v7-zstd.dat", "v7-none.dat.gz"};

    private TraceDatFixtures() {}

    static byte[] bytes(String name) throws IOException {
        try (InputStream raw = Objects.requireNonNull(TraceDatFixtures.class.getResourceAsStream("/tracedat/" + name), name);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        }
    }

    /** The fixture as a file in {@code dir} (decompressed if it is stored gzipped). */
    static Path file(String name, Path dir) throws IOException {
        Path p = dir.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
        Files.write(p, bytes(name));
        return p;
    }

    /** What expected.sh wrote: "first" and "last" ns and "count NAME" per event name. */
    static Map<String, Long> expected(String name) throws IOException {
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        try (InputStream in = Objects.requireNonNull(TraceDatFixtures.class.getResourceAsStream("/tracedat/" + base + ".expected"))) {
            Map<String, Long> m = new TreeMap<>();
            for (String line : new String(in.readAllBytes()).strip().split("\n")) {
                String[] w = line.split(" ");
                m.put(w.length == 3 ? w[0] + " " + w[1] : w[0], Long.parseLong(w[w.length - 1]));
            }
            return m;
        }
    }

    /** The same summary computed by the reader, for the default buffer. */
    static Map<String, Long> summary(TraceDatFile f) throws TraceDatFormatException {
        Map<String, Long> m = new TreeMap<>();
        long[] firstLast = {-1, -1};
        f.events(f.buffer(null), (cpu, ts, format, buf, data, length) -> {
            m.merge("count " + (format == null ? "?" : format.name()), 1L, Long::sum);
            if (firstLast[0] < 0) firstLast[0] = ts;
            firstLast[1] = ts;
        });
        m.put("first", firstLast[0]);
        m.put("last", firstLast[1]);
        return m;
    }
}
