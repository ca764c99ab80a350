package io.qpwscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One kernel variant's own JVM, kept alive for the whole run: the parent asks it for one timed
 * loop at a time ({@code measure} on its stdin, {@code ns <value>} back on its stdout), so that
 * every variant's repetitions can be paired in time while no variant's code is ever compiled
 * with another variant's branch profile.
 */
final class VariantProcess implements AutoCloseable {
    static final String READY = "ready";
    static final String MEASURE = "measure";
    static final String RESULT = "ns ";

    private final String name;
    private final Process process;
    private final PrintWriter toChild;
    private final BufferedReader fromChild;

    private VariantProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.toChild = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the child JVM for variant {@code index}; it warms up before {@link #awaitReady()} returns. */
    static VariantProcess start(int index, int iterations, int warmups) throws IOException {
        // java.home's java, not this process's command: in the packaged app that is the app's launcher
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the pointer array plus the node's free list (grown by doubling): ~16 B per iteration at the peak
        long heapMb = Math.max(256, 24L * iterations >> 20);
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xms64m", "-Xmx" + heapMb + "m", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), KmallocBench.class.getName(),
                Integer.toString(index), Integer.toString(iterations), Integer.toString(warmups));
        pb.redirectErrorStream(true);
        return new VariantProcess(KmallocBench.VARIANTS.get(index).label(), pb.start());
    }

    void awaitReady() throws IOException {
        expect(READY);
    }

    /** One timed loop in the child. @return ns per kmalloc */
    double measure() throws IOException {
        toChild.println(MEASURE);
        String line = expect(RESULT);
        try {
            return Double.parseDouble(line.substring(RESULT.length()).trim());
        } catch (NumberFormatException e) {
            throw new IOException("benchmark JVM for " + name + " printed '" + line + "'");
        }
    }

    /** Reads lines until one starts with {@code prefix}; anything else (JVM warnings) is kept for the error. */
    private String expect(String prefix) throws IOException {
        List<String> other = new ArrayList<>();
        String line;
        while ((line = fromChild.readLine()) != null) {
            if (line.startsWith(prefix)) return line;
            other.add(line);
        }
        throw new IOException("benchmark JVM for " + name + " ended early" + (other.isEmpty() ? "" : ": " + String.join(" | ", other)));
    }

    @Override
    public void close() {
        toChild.close(); // EOF on stdin: the child exits
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
