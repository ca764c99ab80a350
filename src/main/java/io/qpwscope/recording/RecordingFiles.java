package io.qpwscope.recording;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Whole-file operations on recordings: save an in-memory recording, name and recover the
 * {@code .partial} file a killed streaming writer leaves ({@code NAME.qpwrec.partial} next to
 * {@code NAME.qpwrec}).
 */
public final class RecordingFiles {
    private RecordingFiles() {}

    /** {@code NAME.partial} next to {@code finalPath}: where {@link RecordingWriter} writes until close. */
    public static Path partialPath(Path finalPath) {
        return finalPath.resolveSibling(finalPath.getFileName() + RecordingFileDescriptor.PARTIAL_SUFFIX);
    }

    public static boolean isPartial(Path p) {
        return p.getFileName().toString().endsWith(RecordingFileDescriptor.PARTIAL_SUFFIX);
    }

    /** The final name a {@code .partial} file was meant to get. */
    public static Path finalPathOf(Path partial) {
        String name = partial.getFileName().toString();
        if (!isPartial(partial)) throw new IllegalArgumentException(partial + " is not a " + RecordingFileDescriptor.PARTIAL_SUFFIX + " file");
        return partial.resolveSibling(name.substring(0, name.length() - RecordingFileDescriptor.PARTIAL_SUFFIX.length()));
    }

    public static void save(Recording rec, Path out, List<Annotation> annotations) throws IOException {
        save(rec, out, annotations, ProgressListener.NONE, RecordingWriter.Options.DEFAULT);
    }

    public static void save(Recording rec, Path out, List<Annotation> annotations, ProgressListener progress) throws IOException {
        save(rec, out, annotations, progress, RecordingWriter.Options.DEFAULT);
    }

    /**
     * Writes the events published so far (a live recording may keep growing) to a temp file
     * next to {@code out}, then renames it over {@code out}: an older file there stays intact
     * until the new one is complete, also when cancelled or failing.
     * Progress is in events.
     * @throws CancellationException if the listener cancelled (no file is left behind)
     */
    public static void save(Recording rec, Path out, List<Annotation> annotations, ProgressListener progress,
                            RecordingWriter.Options options) throws IOException {
        int cpus = rec.cpus();
        int[] sizes = new int[cpus];
        long total = 0;
        for (int c = 0; c < cpus; c++) {
            sizes[c] = rec.lane(c).size();
            total += sizes[c] - rec.lane(c).firstIndex();
        }
        try (Recording.Hold hold = rec.hold(); AtomicFile file = AtomicFile.create(out)) {
            ChunkWriter w = new ChunkWriter(file.channel(), rec.meta(), options.deflate(), options.chunkEvents());
            try {
                long done = 0;
                long overruns = rec.overruns();
                for (int c = 0; c < cpus; c++) {
                    LaneEvents lane = rec.lane(c);
                    for (int from = lane.firstIndex(); from < sizes[c]; ) {
                        if (progress.isCancelled()) throw new CancellationException("save cancelled");
                        from = Math.max(from, lane.firstIndex()); // a rolling live window may have moved on
                        if (from >= sizes[c]) break;
                        int to = Math.min(sizes[c], from + options.chunkEvents());
                        w.writeEvents(lane, from, to, overruns);
                        done += to - from;
                        from = to;
                        progress.progress(done, total);
                    }
                }
                if (!annotations.isEmpty()) w.writeAnnotations(annotations, overruns);
                if (progress.isCancelled()) throw new CancellationException("save cancelled");
                w.writeFooter(overruns);
            } finally {
                w.end();
            }
            file.commit();
        }
    }

    /**
     * Turns a {@code .partial} file into a complete recording at {@link #finalPathOf} (loading it
     * up to its last complete chunk), then deletes the {@code .partial} file.
     * @return what was loaded, with the notices saying what was lost
     * @throws FileAlreadyExistsException if the final path exists (recover by loading and saving under another name)
     */
    public static LoadedRecording recover(Path partial, ProgressListener progress) throws IOException {
        Path target = finalPathOf(partial);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; load " + partial + " and save it under another name");
        }
        LoadedRecording loaded = RecordingReader.load(partial, progress);
        save(loaded.recording(), target, loaded.annotations(), progress);
        Files.delete(partial);
        return loaded;
    }
}
