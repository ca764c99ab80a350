package io.qpwscope.ui.clip;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An H.264 MP4 through {@code ffmpeg}: raw RGB frames are piped to its standard input at a
 * constant frame rate (a frame shown longer is repeated), encoded with libx264 in yuv420p
 * (what every player and slide tool plays) with the index at the front
 * ({@code -movflags +faststart}) so a presentation starts it at once. H.264 in MP4 rather
 * than WebM/VP9: PowerPoint, Keynote and Impress all embed it. ffmpeg's messages are kept
 * and reported if it fails.
 */
public final class Mp4Sink implements FrameSink {
    /** System property naming the ffmpeg executable (default: {@code ffmpeg} on PATH). */
    public static final String FFMPEG = "qpwscope.ffmpeg";
    public static final String INSTALL_HINT = "install it (Debian/Ubuntu: sudo apt-get install ffmpeg; "
            + "macOS: brew install ffmpeg) or use --format=gif, which needs nothing";
    private static final int MAX_MESSAGES = 4_000;

    private final Process process;
    private final OutputStream in;
    private final StringBuilder messages = new StringBuilder();
    private final Thread drain;
    private final double frameMs;
    private final byte[] pixels;
    private final int[] argb;
    private final int width;
    private final int height;
    private double debtMs;
    private boolean closed;

    public Mp4Sink(Path ffmpeg, Path file, int width, int height, int fps) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) throw new IllegalArgumentException("yuv420p needs an even size: " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.frameMs = 1000.0 / fps;
        pixels = new byte[width * height * 3];
        argb = new int[width];
        ProcessBuilder pb = new ProcessBuilder(command(ffmpeg, file, width, height, fps));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process = pb.start();
        in = new BufferedOutputStream(process.getOutputStream(), 1 << 20);
        drain = new Thread(() -> keep(process.getErrorStream()), "ffmpeg-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** The command line: raw rgb24 on stdin, H.264 yuv420p MP4 with faststart out. */
    public static List<String> command(Path ffmpeg, Path file, int width, int height, int fps) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height, "-framerate", Integer.toString(fps),
                "-i", "-", "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", "-f", "mp4", file.toString());
    }

    /** @return the ffmpeg to use ({@value #FFMPEG}, else the first {@code ffmpeg} on PATH), or null if there is none */
    public static Path find() {
        String prop = System.getProperty(FFMPEG);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String name : List.of("ffmpeg", "ffmpeg.exe")) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    @Override
    public void frame(BufferedImage image, double ms) throws IOException {
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException("frame " + image.getWidth() + "x" + image.getHeight() + ", clip " + width + "x" + height);
        }
        debtMs += ms;
        int repeats = (int) Math.max(1, Math.round(debtMs / frameMs));
        debtMs -= repeats * frameMs;
        for (int y = 0, k = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int c = argb[x];
                pixels[k++] = (byte) (c >> 16);
                pixels[k++] = (byte) (c >> 8);
                pixels[k++] = (byte) c;
            }
        }
        try {
            for (int r = 0; r < repeats; r++) in.write(pixels);
        } catch (IOException e) {
            throw new IOException("ffmpeg stopped taking frames" + reasonOnceEnded(), e);
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            throw new IOException("ffmpeg stopped taking frames" + reasonOnceEnded(), e);
        }
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) throw new IOException("ffmpeg did not finish in 10 minutes");
            drain.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg finished the file", e);
        }
        if (process.exitValue() != 0) throw new IOException("ffmpeg failed (exit " + process.exitValue() + ")" + reason());
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the process is gone; nothing is waiting for the rest
        }
    }

    /** The reason after giving a dying ffmpeg a moment to exit and say why. */
    private String reasonOnceEnded() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) drain.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + reason();
    }

    private String reason() {
        synchronized (messages) {
            String m = messages.toString().strip();
            return m.isEmpty() ? "" : ": " + m.lines().reduce((a, b) -> b).orElse(m);
        }
    }

    private void keep(InputStream err) {
        byte[] buf = new byte[4096];
        try (err) {
            for (int n; (n = err.read(buf)) > 0; ) {
                synchronized (messages) {
                    if (messages.length() < MAX_MESSAGES) messages.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
