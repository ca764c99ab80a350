package io.qpwscope.recording;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An output file that appears at its destination only when complete: bytes go to a temp
 * file in the same directory, {@link #commit()} fsyncs it and renames it over the
 * destination in one step; {@link #close()} without commit deletes the temp file. The
 * destination is never half-written, and an older file there stays intact until the rename.
 */
public final class AtomicFile implements AutoCloseable {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    /** Keep the temp file if the final rename fails (a streaming recording stays recoverable). */
    private final boolean keepTempOnFailure;
    private boolean committed;
    private boolean kept;
    private boolean closed;

    private AtomicFile(Path target, Path temp, FileChannel channel, boolean keepTempOnFailure) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.keepTempOnFailure = keepTempOnFailure;
    }

    /** Creates {@code .NAME.PID-N.tmp} next to {@code target}. */
    public static AtomicFile create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "directory does not exist");
        }
        Path temp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + ".tmp");
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicFile(abs, temp, ch, false);
    }

    /**
     * Uses a given temp path (the streaming writer's {@code NAME.partial}), kept if the final
     * rename fails; fails with FileAlreadyExistsException if it exists.
     */
    static AtomicFile createAt(Path target, Path temp) throws IOException {
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicFile(target.toAbsolutePath(), temp, ch, true);
    }

    public FileChannel channel() {
        return channel;
    }

    public Path target() {
        return target;
    }

    public Path temp() {
        return temp;
    }

    /** fsync, close, rename over the target, fsync the directory. */
    public void commit() throws IOException {
        if (closed) throw new IllegalStateException("already closed: " + temp);
        channel.force(true);
        channel.close();
        closed = true;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (keepTempOnFailure) kept = true;
            else Files.deleteIfExists(temp);
            throw e;
        }
        committed = true;
        syncDirectory(target.getParent());
    }

    /** Leaves the temp file where it is (a streaming recording that failed stays recoverable). */
    void closeKeepingTemp() throws IOException {
        kept = true;
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (committed || kept) return;
        try {
            if (!closed) {
                closed = true;
                channel.close();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void syncDirectory(Path dir) {
        if (dir == null) return;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: some platforms cannot open or sync a directory; the rename itself is atomic.
        }
    }
}
