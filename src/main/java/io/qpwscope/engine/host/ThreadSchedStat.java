package io.qpwscope.engine.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One thread's {@code schedstat} file, opened once and re-read with pread
 * ({@code FileChannel.read(buffer, 0)}) into a reused direct buffer, parsed without
 * allocation. The file holds three decimal numbers on one line:
 *
 * <pre>
 *   5362969532 12313182319 2745\n
 *   |          |           +-- pcount: times switched in (sched_info_arrive)
 *   |          +-------------- run_delay: ns runnable on a run queue without a core
 *   +------------------------- sum_exec_runtime: ns on a core
 * </pre>
 *
 * <p>For a thread that is running while it reads its own file, {@code sum_exec_runtime} is
 * only as fresh as the last scheduler tick or switch (the kernel does not update the running
 * slice for this file): up to one tick (1–4 ms) behind. {@code run_delay} and
 * {@code pcount} are exact for the reader itself: its last wait ended when it was switched
 * in. Hence {@link SchedstatTime} takes on-core time from the thread's CPU clock instead.
 *
 * <p>Single owner: one thread reads a given instance (the buffer is shared state).
 */
public final class ThreadSchedStat implements AutoCloseable {
    /** Longest line: three 20-digit numbers, two spaces and a newline fit in 64 bytes. */
    private static final int BUFFER_BYTES = 96;

    private final Path path;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private FileChannel channel;
    private long run;
    private long wait;
    private long slices;

    private ThreadSchedStat(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * Opens the calling thread's file. With a known TID the stable path
     * {@code proc/self/task/TID/schedstat} is used (it can be reopened from any thread if an
     * interrupt closed the channel); without one, {@code proc/thread-self/schedstat}, which
     * resolves to the caller at open time and keeps meaning the caller afterwards.
     */
    public static ThreadSchedStat openCurrentThread(Path procRoot) throws IOException {
        int tid = Libc.gettid();
        return tid > 0 ? openThread(procRoot, tid) : new ThreadSchedStat(procRoot.resolve("thread-self/schedstat"));
    }

    /** Opens a schedstat file by path (the prober reads {@code thread-self} whatever the TID). */
    static ThreadSchedStat open(Path path) throws IOException {
        return new ThreadSchedStat(path);
    }

    /** Opens another thread's file by its kernel TID (see {@link HostTime#currentTid()}). */
    public static ThreadSchedStat openThread(Path procRoot, int tid) throws IOException {
        return new ThreadSchedStat(procRoot.resolve("self/task/" + tid + "/schedstat"));
    }

    /**
     * Reads the file once; the values are then available from {@link #runNs()},
     * {@link #waitNs()}, {@link #slices()}.
     *
     * @return false if the file could not be read or did not parse (values unchanged)
     */
    public boolean read() {
        ByteBuffer b = buf;
        b.clear();
        try {
            if (readAt0(b) <= 0) return false;
        } catch (IOException e) {
            return false;
        }
        return parse(b, 0, b.position());
    }

    private int readAt0(ByteBuffer b) throws IOException {
        try {
            return channel.read(b, 0);
        } catch (ClosedChannelException e) {
            // An interrupt closes a FileChannel for good: reopen for the next read (which fails
            // again while the interrupt status stays set; the thread is being stopped anyway).
            channel = FileChannel.open(path, StandardOpenOption.READ);
            return -1;
        }
    }

    /** Parses "run wait slices" from {@code b[from, to)}; exposed for the parser tests. */
    boolean parse(ByteBuffer b, int from, int to) {
        int i = from;
        long r = 0, w = 0, s = 0;
        int field = 0;
        boolean inNumber = false;
        for (; i < to && field < 3; i++) {
            int c = b.get(i);
            if (c >= '0' && c <= '9') {
                long d = c - '0';
                if (field == 0) r = r * 10 + d;
                else if (field == 1) w = w * 10 + d;
                else s = s * 10 + d;
                inNumber = true;
            } else if (c == ' ' || c == '\n' || c == '\t') {
                if (inNumber) field++;
                inNumber = false;
            } else {
                return false;
            }
        }
        if (inNumber) field++;
        if (field < 3) return false;
        run = r;
        wait = w;
        slices = s;
        return true;
    }

    /** @return sum_exec_runtime from the last successful read (stale for a running reader: see class doc). */
    public long runNs() { return run; }
    /** @return run_delay from the last successful read. */
    public long waitNs() { return wait; }
    /** @return pcount from the last successful read. */
    public long slices() { return slices; }

    public Path path() { return path; }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
