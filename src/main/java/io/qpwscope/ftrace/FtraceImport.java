package io.qpwscope.ftrace;

import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.ftrace.tracedat.TraceDatImport;
import io.qpwscope.ftrace.tracedat.TraceDatReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a kernel ftrace text dump, or a trace-cmd trace.dat (recognised by its magic), as a
 * QPW Scope recording.
 */
public final class FtraceImport {
    private FtraceImport() {}

    /** What was imported: the recording and the parse counts. */
    public record Result(Recording recording, FtraceTrace trace) {}

    /**
     * Reads {@code traceFile} and saves it to {@code out} (atomically: temp file + rename).
     *
     * @param cpus         CPU count of the recording, or null for the highest CPU seen + 1
     * @param isolatedMask bit n = CPU n was isolated on the traced machine
     * @throws FtraceFormatException naming file and line of a malformed event line
     * @throws IllegalArgumentException if {@code cpus} or {@code isolatedMask} do not fit the trace
     */
    public static Result importFile(Path traceFile, Path out, Integer cpus, long isolatedMask)
            throws IOException, FtraceFormatException {
        return importFile(traceFile, out, cpus, isolatedMask, null);
    }

    /**
     * As {@link #importFile(Path, Path, Integer, long)}, reading the trace.dat buffer {@code buffer}
     * (null: the first that holds data; ignored for text).
     */
    public static Result importFile(Path traceFile, Path out, Integer cpus, long isolatedMask, String buffer)
            throws IOException, FtraceFormatException {
        return importFile(traceFile, out, cpus, isolatedMask, buffer, Progress.NONE);
    }

    /** As {@link #importFile(Path, Path, Integer, long, String)}, telling {@code progress} how far it has read. */
    public static Result importFile(Path traceFile, Path out, Integer cpus, long isolatedMask, String buffer, Progress progress)
            throws IOException, FtraceFormatException {
        Result r = read(traceFile, cpus, isolatedMask, buffer, progress);
        RecordingFiles.save(r.recording(), out, List.of());
        return r;
    }

    /** Reads and converts {@code traceFile} without saving it. */
    public static Result read(Path traceFile, Integer cpus, long isolatedMask) throws IOException, FtraceFormatException {
        return read(traceFile, cpus, isolatedMask, null);
    }

    /** Reads and converts {@code traceFile} (for a trace.dat: its buffer {@code buffer}, null for the first with data). */
    public static Result read(Path traceFile, Integer cpus, long isolatedMask, String buffer) throws IOException, FtraceFormatException {
        return read(traceFile, cpus, isolatedMask, buffer, Progress.NONE);
    }

    /** Told how far a text import has read, every few MB. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        /** @param done bytes read so far, @param total the file's size */
        void bytes(long done, long total);
    }

    /** As {@link #read(Path, Integer, long, String)}, telling {@code progress} how far a text file has been read. */
    public static Result read(Path traceFile, Integer cpus, long isolatedMask, String buffer, Progress progress)
            throws IOException, FtraceFormatException {
        String name = traceFile.getFileName().toString();
        FtraceTrace t;
        if (isTraceDat(traceFile)) {
            t = TraceDatImport.read(traceFile, buffer);
            if (t.eventLines() == 0) throw new FtraceFormatException(name, 0, "no events in the trace.dat buffer");
        } else {
            long size = Files.size(traceFile);
            try (InputStream raw = new ProgressStream(Files.newInputStream(traceFile), size, progress)) {
                t = FtraceParser.parseOrReject(raw, name);
            }
        }
        long mask = isolatedMask;
        if (mask == 0 && !t.bootLine().isEmpty()) {
            mask = BootLineCpus.isolatedMask(t.bootLine()); // --isolated not given: as the capture's boot line says
            int n = cpus != null ? cpus : Math.max(1, t.maxCpu() + 1);
            if (n < 64) mask &= (1L << n) - 1;
        }
        return convert(t, cpus, mask, SCENARIO_PREFIX + name, t.bootLine(), IMPORTED);
    }

    /** Scenario name prefix of an imported recording ({@code ftrace: FILE}). */
    public static final String SCENARIO_PREFIX = "ftrace: ";
    /** effectiveReason of an imported recording. */
    public static final String IMPORTED = "imported from ftrace";

    /**
     * Converts ftrace text read from {@code in} (e.g. tracefs's {@code trace} file) into a recording.
     *
     * @param scenario the recording's scenario name; {@code bootLine} and {@code reason} go to its meta
     */
    public static Result fromText(BufferedReader in, String name, Integer cpus, long isolatedMask, String scenario,
                                  String bootLine, String reason) throws IOException, FtraceFormatException {
        return convert(FtraceParser.parseOrReject(in, name), cpus, isolatedMask, scenario, bootLine, reason);
    }

    /** Converts an already read trace with the given CPU count and meta. */
    public static Result fromTrace(FtraceTrace t, Integer cpus, long isolatedMask, String scenario, String bootLine, String reason) {
        return convert(t, cpus, isolatedMask, scenario, bootLine, reason);
    }

    private static Result convert(FtraceTrace t, Integer cpus, long isolatedMask, String scenario, String bootLine, String reason) {
        int n = cpus != null ? cpus : Math.max(1, t.maxCpu() + 1);
        if (n < 1 || n > TraceDescriptor.MAX_CPUS) {
            throw new IllegalArgumentException("--cpus " + n + " is outside 1.." + TraceDescriptor.MAX_CPUS);
        }
        if (n <= t.maxCpu()) throw new IllegalArgumentException("--cpus " + n + " but the trace has events on CPU " + t.maxCpu());
        if (n < 64 && (isolatedMask & (-1L << n)) != 0) {
            throw new IllegalArgumentException("isolated CPU " + (63 - Long.numberOfLeadingZeros(isolatedMask))
                    + " is beyond the " + n + " CPUs of the recording");
        }
        RecordingMeta meta = RecordingMeta.builder().scenario(scenario, null)
                .machine(n, isolatedMask, n, false).boot(bootLine, 0, reason).build();
        return new Result(t.toRecording(meta), t);
    }

    /** True if the file starts with trace-cmd's trace.dat magic ({@code \x17\x08\x44tracing}). */
    static boolean isTraceDat(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return TraceDatReader.isTraceDat(in.readNBytes(TraceDatReader.MAGIC.length));
        }
    }
}
