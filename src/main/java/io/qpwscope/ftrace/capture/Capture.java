package io.qpwscope.ftrace.capture;

import io.qpwscope.ftrace.FtraceFormatException;
import io.qpwscope.ftrace.FtraceImport;
import io.qpwscope.recording.AtomicFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the seed's reproducer on the running kernel: a SCHED_FIFO loop pinned to {@code cpu}
 * (marked as the isolated CPU under study) while another CPU fires real lru_add_drain_all calls,
 * with workqueue, sched and irq events traced. Every step is bounded in time and tracefs is put back
 * as it was found.
 */
public final class Capture {
    /** Scenario name prefix of a captured recording. */
    public static final String SCENARIO_PREFIX = "capture: ";
    /** effectiveReason of a captured recording. */
    public static final String CAPTURED = "captured from the running kernel";
    static final List<String> EVENTS = List.of("workqueue:workqueue_queue_work", "workqueue:workqueue_execute_start",
            "workqueue:workqueue_execute_end", "sched:sched_switch", "sched:sched_wakeup", "irq:irq_handler_entry",
            "irq:irq_handler_exit", "irq:softirq_entry", "irq:softirq_exit");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "qpwscope-capture.lock");

    private Capture() {}

    /**
     * @param cpu       the loop's CPU
     * @param seconds   how long the loop runs (it ends by itself)
     * @param periodMs  time between drain triggers
     * @param rawTrace  where to keep the kernel's ftrace text as read (null: not kept)
     */
    public record Options(int cpu, double seconds, long periodMs, Path rawTrace) {
        public Options(int cpu, double seconds, long periodMs) {
            this(cpu, seconds, periodMs, null);
        }
    }

    /** What was captured: the import result, the CPU the triggers ran on, and how many fired. */
    public record Result(FtraceImport.Result imported, int triggerCpu, int triggers, List<String> missingEvents) {}

    /** Where a capture reports how far it is, and asks whether to stop. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void step(String what, double fraction) {}

            @Override
            public boolean isCancelled() {
                return false;
            }
        };

        /** @param fraction 0..1 of the whole capture */
        void step(String what, double fraction);

        /** Polled while the loop runs (every 50 ms): true ends the loop and the triggers early. */
        boolean isCancelled();
    }

    /** The capture was cancelled; tracefs was put back as it was found and the loop has ended. */
    public static final class CancelledException extends IOException {
        public CancelledException() {
            super("capture cancelled");
        }
    }

    /**
     * Checks that a capture can run here.
     *
     * @return null if it can, else a one-line reason (not Linux, not root, no tracefs, one CPU, ...)
     */
    public static String unavailable(int cpu) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) return "capture needs Linux";
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) return "capture needs 2 CPUs (one for the loop, one for the triggers); this machine has " + cpus;
        if (cpu < 0 || cpu >= cpus) return "--cpu " + cpu + " is outside 0.." + (cpus - 1);
        if (!NativeSched.available()) return "sched_setaffinity/sched_setscheduler are not available";
        if (!Files.isWritable(DrainTrigger.COMPACT_MEMORY)) return DrainTrigger.COMPACT_MEMORY + " is not writable (run as root; CONFIG_COMPACTION needed)";
        try {
            Tracefs.open();
        } catch (IOException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * Runs the capture and converts the trace.
     *
     * @throws IOException with a one-line reason if tracefs or the loop cannot be set up
     */
    public static Result run(Options o) throws IOException, FtraceFormatException {
        return run(o, Progress.NONE);
    }

    /**
     * As {@link #run(Options)}, reporting steps to {@code progress}; when it is cancelled the loop and the
     * triggers stop within about 50 ms, tracefs is restored, and {@link CancelledException} is thrown.
     */
    public static Result run(Options o, Progress progress) throws IOException, FtraceFormatException {
        String why = unavailable(o.cpu());
        if (why != null) throw new IOException(why);
        int triggerCpu = o.cpu() == 0 ? 1 : 0;
        Tracefs fs = Tracefs.open();
        try (FileChannel ch = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockWithin(ch, 30)) {
            Tracefs.Saved saved = fs.save();
            try {
                progress.step("setting up tracefs", 0);
                List<String> missing = setUp(fs);
                int fired = runLoopAndTriggers(o, triggerCpu, progress);
                fs.write("tracing_on", "0");
                if (progress.isCancelled()) throw new CancelledException();
                if (o.rawTrace() != null) keepRaw(fs.file("trace"), o.rawTrace());
                progress.step("importing the trace", 0.95);
                try (BufferedReader in = Files.newBufferedReader(fs.file("trace"), StandardCharsets.ISO_8859_1)) {
                    int cpus = Math.max(Runtime.getRuntime().availableProcessors(), o.cpu() + 1);
                    FtraceImport.Result r = FtraceImport.fromText(in, "trace", null, 1L << o.cpu(),
                            SCENARIO_PREFIX + "lru_add_drain_all vs a SCHED_FIFO loop on CPU " + o.cpu(), cmdline(), CAPTURED);
                    if (r.recording().cpus() < cpus) {
                        r = FtraceImport.fromTrace(r.trace(), cpus, 1L << o.cpu(), r.recording().meta().scenarioName(), cmdline(), CAPTURED);
                    }
                    return new Result(r, triggerCpu, fired, missing);
                }
            } finally {
                boolean interrupted = Thread.interrupted(); // an interrupted thread cannot write tracefs (ClosedByInterruptException)
                try {
                    saved.restore();
                } finally {
                    if (interrupted) Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Copies the kernel's trace text to {@code to}, which appears only complete (a temp file renamed over it). */
    private static void keepRaw(Path trace, Path to) throws IOException {
        try (AtomicFile f = AtomicFile.create(to); InputStream in = Files.newInputStream(trace)) {
            // read(), not transferTo(): tracefs files report size 0, and a channel transfer trusts the size
            OutputStream out = Channels.newOutputStream(f.channel());
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
            f.commit();
        }
    }

    private static FileLock lockWithin(FileChannel ch, int seconds) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            FileLock l = ch.tryLock();
            if (l != null) return l;
            if (System.nanoTime() - end > 0) throw new IOException("another capture holds " + LOCK);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for another capture");
            }
        }
    }

    private static List<String> setUp(Tracefs fs) throws IOException {
        fs.write("tracing_on", "0");
        fs.write("current_tracer", "nop");
        fs.write("set_event", "");
        try {
            fs.write("buffer_size_kb", "8192");
        } catch (IOException e) {
            // keep the kernel's buffer size: a smaller trace is still a trace
        }
        List<String> missing = new ArrayList<>();
        for (String e : EVENTS) if (!fs.enableEvent(e)) missing.add(e);
        if (missing.contains("sched:sched_switch") || missing.contains("workqueue:workqueue_execute_start")) {
            throw new IOException("this kernel has no " + (missing.contains("sched:sched_switch") ? "sched_switch" : "workqueue") + " events");
        }
        fs.write("trace", ""); // clear the buffer
        fs.write("tracing_on", "1");
        return missing;
    }

    private static int runLoopAndTriggers(Options o, int triggerCpu, Progress progress) throws IOException {
        long start = System.nanoTime();
        long deadline = start + (long) (o.seconds() * 1e9);
        Path scratch = Files.createTempFile("qpwscope-capture", ".tmp");
        try {
            FifoLoop loop = new FifoLoop(o.cpu(), deadline, scratch);
            Thread lt = Thread.ofPlatform().name(FifoLoop.NAME).daemon(true).start(loop);
            sleepNanos(Math.min(100_000_000L, (deadline - start) / 4)); // the loop has written its file and spins
            DrainTrigger trigger = new DrainTrigger(triggerCpu, deadline, TimeUnit.MILLISECONDS.toNanos(Math.max(1, o.periodMs())));
            Thread tt = Thread.ofPlatform().name(DrainTrigger.NAME).daemon(true).start(trigger);
            while (lt.isAlive() && System.nanoTime() - deadline < 0) {
                if (progress.isCancelled()) {
                    loop.stop();
                    trigger.stop();
                    break;
                }
                progress.step("FIFO loop on CPU " + o.cpu() + ", " + trigger.fired() + " drain triggers from CPU " + triggerCpu,
                        0.9 * (System.nanoTime() - start) / Math.max(1, deadline - start));
                join(lt, System.nanoTime() + 50_000_000L);
            }
            join(lt, deadline + 5_000_000_000L);
            join(tt, deadline + 20_000_000_000L); // a drain in progress ends once the loop stops
            if (lt.isAlive()) throw new IOException("the FIFO loop did not end by its deadline");
            if (loop.failure() != null) throw new IOException("the FIFO loop could not run: " + loop.failure().getMessage());
            if (trigger.failure() != null && trigger.fired() == 0) {
                throw new IOException("the drain trigger failed: " + trigger.failure().getMessage());
            }
            if (tt.isAlive()) tt.interrupt();
            return trigger.fired();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Waits for {@code t} until {@code untilNanos}; an interrupt does not cut the wait short (it is kept for the caller). */
    private static void join(Thread t, long untilNanos) {
        boolean interrupted = false;
        long left;
        while (t.isAlive() && (left = untilNanos - System.nanoTime()) > 0) {
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void sleepNanos(long ns) {
        try {
            Thread.sleep(ns / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String cmdline() {
        try {
            String s = Files.readString(Path.of("/proc/cmdline")).strip();
            return s.length() > 1000 ? s.substring(0, 1000) : s;
        } catch (IOException e) {
            return "";
        }
    }
}
