package io.qpwscope.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which host-time source this process has, and readers for its threads. {@link #system()}
 * looks at {@code /proc}; tests build one on another directory with {@link #probe}.
 *
 * <p>Selection: {@link HostSource#SCHEDSTAT} if {@code PROC/thread-self/schedstat} reads and
 * parses; else {@link HostSource#RUSAGE} if libc has {@code getrusage} (Linux only); else
 * {@link HostSource#UNKNOWN}. The app runs in all three.
 */
public final class HostTime {
    /** The real {@code /proc}. */
    public static final Path PROC = Path.of("/proc");

    private static final class Probed {
        static final HostTime INSTANCE = probe(PROC, Libc.rusageAvailable() && Libc.clockAvailable());
    }

    private final Path procRoot;
    private final HostSource source;

    private HostTime(Path procRoot, HostSource source) {
        this.procRoot = procRoot;
        this.source = source;
    }

    /** @return the source for this process, probed once. */
    public static HostTime system() {
        return Probed.INSTANCE;
    }

    /**
     * @param procRoot where {@code /proc} is (a test directory, or {@link #PROC})
     * @param rusage whether {@code getrusage(RUSAGE_THREAD)} may be used as the fallback
     */
    public static HostTime probe(Path procRoot, boolean rusage) {
        return new HostTime(procRoot, detect(procRoot, rusage));
    }

    private static HostSource detect(Path procRoot, boolean rusage) {
        Path self = procRoot.resolve("thread-self/schedstat");
        if (Files.isReadable(self)) {
            try (ThreadSchedStat s = ThreadSchedStat.open(self)) {
                if (s.read() && Libc.clockAvailable()) return HostSource.SCHEDSTAT;
            } catch (IOException | RuntimeException e) {
                // falls through to the next source
            }
        }
        return rusage && Libc.rusageAvailable() ? HostSource.RUSAGE : HostSource.UNKNOWN;
    }

    public HostSource source() {
        return source;
    }

    /** @return whether steal is measured at all (RUSAGE: measured but not split from pause). */
    public boolean available() {
        return source != HostSource.UNKNOWN;
    }

    /** @return the calling thread's kernel TID, or -1 off Linux. */
    public static int currentTid() {
        return Libc.gettid();
    }

    /**
     * Opens a reader for the calling thread, to be used by that thread only. Falls back to the
     * next source if the chosen one fails to open (a thread that exited, a /proc gone away).
     */
    public HostTimeReader openCurrentThread() {
        if (source == HostSource.SCHEDSTAT) {
            try {
                return SchedstatTime.openCurrentThread(procRoot);
            } catch (IOException | RuntimeException e) {
                // fall through
            }
        }
        if (source != HostSource.UNKNOWN && Libc.rusageAvailable()) return new RusageTime();
        return new UnknownTime();
    }

    /**
     * Opens a reader for another thread of this process by TID (schedstat only: getrusage
     * cannot read another thread). @return an UNKNOWN reader if that is not possible.
     */
    public HostTimeReader openThread(int tid) {
        if (source == HostSource.SCHEDSTAT && tid > 0) {
            try {
                return SchedstatTime.openThread(procRoot, tid);
            } catch (IOException | RuntimeException e) {
                // fall through
            }
        }
        return new UnknownTime();
    }

    @Override
    public String toString() {
        return "HostTime[" + source + " at " + procRoot + "]";
    }
}
