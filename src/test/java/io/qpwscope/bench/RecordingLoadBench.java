package io.qpwscope.bench;

import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.recording.RecordingWriter;
import io.qpwscope.recording.SyntheticRecording;
import io.qpwscope.trace.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load speed of a 10 M-event recording file (4 CPUs, engine-shaped events), raw chunks vs
 * deflated chunks. Scores are events per second ({@code OperationsPerInvocation} = events);
 * with {@code -prof gc}, {@code gc.alloc.rate.norm} is the heap bytes allocated per loaded
 * event, an upper bound on the heap the loaded recording keeps per event; the setup prints
 * what the loaded lanes hold on and off the heap ({@code LaneEvents} rows live off-heap). The file is read from the
 * page cache after the first iteration (what reopening a recording costs; a cold disk adds
 * its read time).
 *
 * <p>{@code mvn -q test-compile exec:exec@jmh -Djmh.args="RecordingLoadBench -f 1 -wi 2 -i 3 -prof gc"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class RecordingLoadBench {
    static final int EVENTS = 10_000_000;
    /** Events per drain batch handed to the streaming writer (the collector drains up to 4096 per ring per round). */
    static final int STREAM_BATCH = 4096;

    @Param({"raw", "deflate"})
    public String encoding;

    private Path dir;
    private Path file;
    private Recording source;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        dir = Files.createTempDirectory("qpw-load-bench");
        file = dir.resolve("bench.qpwrec");
        source = SyntheticRecording.generate(4, EVENTS, 1);
        boolean deflate = encoding.equals("deflate");
        RecordingFiles.save(source, file, List.of(), ProgressListener.NONE,
                new RecordingWriter.Options(RecordingWriter.Options.DEFAULT.chunkEvents(), deflate, 0));
        System.out.printf("%n%s: %,d events, %,d bytes (%.2f bytes/event)%n", encoding, source.eventCount(),
                Files.size(file), (double) Files.size(file) / source.eventCount());
        Recording loaded = RecordingReader.load(file, ProgressListener.NONE).recording();
        long heap = 0, offHeap = 0;
        for (int c = 0; c < loaded.cpus(); c++) {
            heap += loaded.lane(c).heapBytes();
            offHeap += loaded.lane(c).offHeapBytes();
        }
        System.out.printf("loaded lanes hold %.3f bytes/event on the heap, %.3f bytes/event off the heap%n",
                (double) heap / loaded.eventCount(), (double) offHeap / loaded.eventCount());
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public LoadedRecording load() throws IOException {
        return RecordingReader.load(file, ProgressListener.NONE);
    }

    /**
     * What the collector thread pays with {@code run --record}: drain-sized batches handed to
     * the streaming writer, chunks written to the page cache, no fsync (aborted at the end).
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long stream() throws IOException {
        Path out = dir.resolve("streamed.qpwrec");
        boolean deflate = encoding.equals("deflate");
        RecordingWriter w = RecordingWriter.open(out, source.meta(),
                new RecordingWriter.Options(RecordingWriter.Options.DEFAULT.chunkEvents(), deflate, Long.MAX_VALUE));
        int[] pos = new int[source.cpus()];
        boolean more = true;
        while (more) {
            more = false;
            for (int c = 0; c < source.cpus(); c++) {
                int to = Math.min(source.lane(c).size(), pos[c] + STREAM_BATCH);
                if (to > pos[c]) {
                    w.onEvents(c, source.lane(c), pos[c], to);
                    pos[c] = to;
                    more = true;
                }
            }
        }
        w.flush();
        long written = w.eventsWritten();
        w.abort();
        return written;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void save() throws IOException {
        Path out = dir.resolve("saved.qpwrec");
        boolean deflate = encoding.equals("deflate");
        RecordingFiles.save(source, out, List.of(), ProgressListener.NONE,
                new RecordingWriter.Options(RecordingWriter.Options.DEFAULT.chunkEvents(), deflate, 0));
        Files.delete(out);
    }
}
