package io.qpwscope.recording;

import io.qpwscope.trace.DrainListener;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.RecordingMeta;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a recording to disk while the engine runs. Events are written to
 * {@code NAME.partial} next to the final path in chunks (see {@link RecordingFileDescriptor});
 * {@link #close()} writes the footer, fsyncs and renames the file to its final name in one
 * step. A process killed before that leaves the {@code .partial} file, which
 * {@link RecordingReader} opens up to its last complete chunk.
 *
 * <p>Fed per drain batch from the trace collector, on the collector thread, as a
 * {@link DrainListener} ({@code collector.addListener(writer)}): it also takes the overrun
 * total each round and flushes at the collector's halt. The
 * writer keeps no copy of the events: a lane's events stay in its {@link LaneEvents} (which
 * only grows) until a chunk of {@link Options#chunkEvents()} is pending for that CPU, or
 * {@link Options#flushIntervalNanos()} has passed since the last flush (checked on each
 * append), or {@link #flush()} or {@link #close()} is called. Chunk writes go to the OS page
 * cache; only close fsyncs. All methods are synchronized: close may come from another thread.
 */
public final class RecordingWriter implements AutoCloseable, DrainListener {

    /**
     * @param chunkEvents        events per chunk (1 .. MAX_CHUNK_EVENTS)
     * @param deflate            deflate chunk bodies (smaller files, slower load: see docs/bench/recfile.md)
     * @param flushIntervalNanos longest time events wait in memory before reaching the file
     *                           (bounds what a killed process loses); 0 writes every batch
     */
    public record Options(int chunkEvents, boolean deflate, long flushIntervalNanos) {
        public static final Options DEFAULT =
                new Options(RecordingFileDescriptor.DEFAULT_CHUNK_EVENTS, false, 1_000_000_000L);

        public Options {
            if (chunkEvents < 1 || chunkEvents > RecordingFileDescriptor.MAX_CHUNK_EVENTS) {
                throw new IllegalArgumentException("chunkEvents " + chunkEvents + " out of range 1.."
                        + RecordingFileDescriptor.MAX_CHUNK_EVENTS);
            }
            if (flushIntervalNanos < 0) throw new IllegalArgumentException("flushIntervalNanos " + flushIntervalNanos);
        }
    }

    private enum State { OPEN, CLOSED, ABORTED, FAILED }

    private final Path finalPath;
    private final AtomicFile file;
    private final ChunkWriter chunks;
    private final Options options;
    private final int cpus;
    private final LaneEvents[] lanes;
    /** Per CPU: next lane index to write to the file. */
    private final int[] written;
    /** Per CPU: end of the events announced by append (pending = written..announced). */
    private final int[] announced;
    private final List<Annotation> pendingAnnotations = new ArrayList<>();
    private long overruns;
    private long lastFlushNanos;
    private State state = State.OPEN;
    private IOException failure;
    private java.util.function.Consumer<IOException> onFailure = e -> { };

    private RecordingWriter(Path finalPath, AtomicFile file, ChunkWriter chunks, Options options, int cpus) {
        this.finalPath = finalPath;
        this.file = file;
        this.chunks = chunks;
        this.options = options;
        this.cpus = cpus;
        this.lanes = new LaneEvents[cpus];
        this.written = new int[cpus];
        this.announced = new int[cpus];
        this.lastFlushNanos = System.nanoTime();
    }

    public static RecordingWriter open(Path finalPath, RecordingMeta meta) throws IOException {
        return open(finalPath, meta, Options.DEFAULT);
    }

    /**
     * Creates {@code finalPath.partial} and writes the header.
     * @throws IOException if the {@code .partial} file already exists (a killed recording left
     *                     it: recover or delete it first) or cannot be written
     */
    public static RecordingWriter open(Path finalPath, RecordingMeta meta, Options options) throws IOException {
        Path partial = RecordingFiles.partialPath(finalPath);
        AtomicFile file;
        try {
            file = AtomicFile.createAt(finalPath, partial);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(partial + " already exists (left by a killed recording?): open it to recover it, or delete it", e);
        }
        try {
            ChunkWriter w = new ChunkWriter(file.channel(), meta, options.deflate(), options.chunkEvents());
            return new RecordingWriter(file.target(), file, w, options, meta.cpus());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Path finalPath() {
        return finalPath;
    }

    public Path partialPath() {
        return file.temp();
    }

    /**
     * Takes events {@code [from, to)} of a lane: the range continues the previous one for that
     * CPU (the first range of a CPU may start anywhere: recording can begin mid-run).
     * @throws IOException if writing failed now or earlier (the writer stops at the first failure)
     */
    public synchronized void append(LaneEvents lane, int from, int to) throws IOException {
        checkOpen();
        final int cpu = lane.cpu();
        if (cpu < 0 || cpu >= cpus) throw new IllegalArgumentException("cpu " + cpu + " not in this recording (" + cpus + " cpus)");
        if (lanes[cpu] == null) {
            lanes[cpu] = lane;
            written[cpu] = from;
            announced[cpu] = from;
        } else if (lanes[cpu] != lane) {
            throw new IllegalArgumentException("cpu " + cpu + ": a different LaneEvents than before");
        }
        if (from != announced[cpu] || to < from || to > lane.size()) {
            throw new IllegalArgumentException("cpu " + cpu + ": events " + from + ".." + to + " do not continue "
                    + announced[cpu] + " (lane size " + lane.size() + ")");
        }
        announced[cpu] = to;
        try {
            final int n = options.chunkEvents();
            while (announced[cpu] - written[cpu] >= n) writeChunk(cpu, written[cpu] + n);
            if (System.nanoTime() - lastFlushNanos >= options.flushIntervalNanos()) flushPending();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Collector listener: like {@link #append} but never throws, so a full disk cannot stop
     * the engine; the first failure stops the writer and is kept in {@link #failure()}.
     */
    @Override
    public void onEvents(int cpu, LaneEvents lane, int fromIndex, int toIndex) {
        try {
            synchronized (this) {
                if (state != State.OPEN) return;
                assert cpu == lane.cpu() : "listener cpu " + cpu + " for lane " + lane.cpu();
                append(lane, fromIndex, toIndex);
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                // kept in failure(): reported by close() and to the UI that polls failure()
                if (failure == null) fail(e);
            }
        }
    }

    /**
     * Told once, on the failing thread, when the writer stops at its first failure (a run
     * reports it as its failure: the file would otherwise silently end early).
     */
    public synchronized void setFailureListener(java.util.function.Consumer<IOException> listener) {
        onFailure = listener;
    }

    /**
     * A rolling live recording is about to drop events below {@code toIndex}: whatever of them
     * is still pending goes to the file now, so the file keeps every event.
     */
    @Override
    public synchronized void beforeDrop(int cpu, LaneEvents lane, int toIndex) {
        if (state != State.OPEN || lanes[cpu] != lane) return;
        try {
            final int n = options.chunkEvents();
            while (written[cpu] < Math.min(toIndex, announced[cpu])) {
                writeChunk(cpu, Math.min(announced[cpu], written[cpu] + n));
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** Collector round end: the overrun total goes into the following chunks and the footer. */
    @Override
    public synchronized void onRoundEnd(long totalOverruns) {
        overruns = totalOverruns;
    }

    /** The collector's last drain is done: everything pending goes to the file (close still needed). */
    @Override
    public void onHalt(long totalOverruns) {
        synchronized (this) {
            overruns = totalOverruns;
            if (state != State.OPEN) return;
            try {
                flushPending();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    /** Saved at the next flush (within the flush interval), so a bookmark survives a crash too. */
    public synchronized void addAnnotation(Annotation a) {
        ChunkWriter.checkAnnotation(a, cpus);
        pendingAnnotations.add(a);
    }

    /** Total ring overruns so far; stored in each following chunk and in the footer. */
    public synchronized void setOverruns(long total) {
        overruns = total;
    }

    /** Writes every pending event and annotation to the file (no fsync). */
    public synchronized void flush() throws IOException {
        checkOpen();
        try {
            flushPending();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    /** Events written to the file so far. */
    public synchronized long eventsWritten() {
        return chunks.totalEvents();
    }

    /** Bytes written to the file so far. */
    public synchronized long bytesWritten() {
        return chunks.position();
    }

    /** The failure that stopped the writer, or null. */
    public synchronized IOException failure() {
        return failure;
    }

    /**
     * Writes what is pending, the footer and trailer, fsyncs and renames {@code .partial} to the
     * final path (replacing an older file there). Idempotent. After a failure it throws that
     * failure and leaves the {@code .partial} file for recovery.
     */
    @Override
    public synchronized void close() throws IOException {
        switch (state) {
            case CLOSED, ABORTED -> { return; }
            case FAILED -> throw stoppedEarly();
            case OPEN -> { }
        }
        try {
            flushPending();
            chunks.writeFooter(overruns);
            file.commit();
            state = State.CLOSED;
            chunks.end();
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw stoppedEarly();
        }
    }

    /** Discards the recording: deletes the {@code .partial} file. */
    public synchronized void abort() throws IOException {
        if (state == State.CLOSED || state == State.ABORTED) return;
        state = State.ABORTED;
        chunks.end();
        file.close();
    }

    private void flushPending() throws IOException {
        final int n = options.chunkEvents();
        for (int cpu = 0; cpu < cpus; cpu++) {
            while (written[cpu] < announced[cpu]) writeChunk(cpu, Math.min(announced[cpu], written[cpu] + n));
        }
        if (!pendingAnnotations.isEmpty()) {
            chunks.writeAnnotations(pendingAnnotations, overruns);
            pendingAnnotations.clear();
        }
        lastFlushNanos = System.nanoTime();
    }

    private void writeChunk(int cpu, int to) throws IOException {
        chunks.writeEvents(lanes[cpu], written[cpu], to, overruns);
        written[cpu] = to;
    }

    private void checkOpen() throws IOException {
        switch (state) {
            case OPEN -> { }
            case FAILED -> throw stoppedEarly();
            case CLOSED, ABORTED -> throw new IllegalStateException("recording writer for " + finalPath + " is " + state);
        }
    }

    private IOException fail(Exception e) {
        if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            try {
                onFailure.accept(failure);
            } catch (RuntimeException ignored) {
                // the writer's own failure stays the one it reports
            }
        }
        if (state == State.OPEN) {
            state = State.FAILED;
            chunks.end();
            try {
                file.closeKeepingTemp();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
        return stoppedEarly();
    }

    private IOException stoppedEarly() {
        return new IOException("recording to " + finalPath + " stopped: " + failure.getMessage()
                + "; the events written before that are in " + file.temp(), failure);
    }
}
