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
 * {@code trace-cmd report} said about them (FILE.expected, written by expected.sh). v7-zlib.dat is a
 * second capture (irq handlers too), written by a trace-cmd built with zlib (make-zlib.sh says how).
 */
final class TraceDatFixtures {
    static final String[] FILES = {"v6.dat", "v7-zstd.dat", "v7-none.dat.gz", "v7-zlib.dat"};

    private TraceDatFixtures() {}

    /**
     * The trace-cmd to cross-check with: {@code QPWSCOPE_TRACE_CMD} if set (e.g. one built with zlib),
     * else {@code trace-cmd} on the PATH.
     */
    static String traceCmd() {
        String t = System.getenv("QPWSCOPE_TRACE_CMD");
        return t == null || t.isBlank() ? "trace-cmd" : t;
    }

    /**
     * {@code trace-cmd report -t -i FILE}'s output; aborts the test (a skip with its reason) where trace-cmd is
     * not installed or cannot read the file's compression (Debian's is built without zlib).
     */
    static String report(Path file) throws Exception {
        String compression = TraceDatReader.open(file).compression();
        String algorithms;
        try {
            algorithms = run(traceCmd(), "list", "-c");
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("trace-cmd is not installed: " + e.getMessage());
            return null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(compression.equals("none") || algorithms.contains(compression),
                () -> traceCmd() + " cannot read " + compression + " (it lists: " + algorithms.strip().replace('\n', ' ')
                        + "); set QPWSCOPE_TRACE_CMD to a trace-cmd built with it (make-zlib.sh says how)");
        return run(traceCmd(), "report", "-t", "-i", file.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) throw new IllegalStateException(String.join(" ", command) + " did not finish");
        if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", command) + ": exit status " + p.exitValue());
        return out;
    }

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
