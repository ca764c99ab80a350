package io.qpwscope.ftrace.tracedat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The compression a v7 trace.dat names in its header ({@code "zstd\0" "1.5.4\0"},
 * {@code "zlib\0"...} or {@code "none\0"}), used for compressed sections and flyrecord chunks.
 *
 * <p>zlib uses the JDK's {@link Inflater}. zstd uses zstd-jni ({@code com.github.luben:zstd-jni}):
 * it binds the reference libzstd, the library trace-cmd itself compresses with, so every frame
 * trace-cmd writes is read by the same code, at native speed (flyrecord data is most of a file and
 * the reader aims at 100 MB/s and more); it is released with every libzstd release. The pure-Java
 * alternative, aircompressor (2.x and v3), reads memory through {@code sun.misc.Unsafe}, which JDK 25
 * warns about on stderr at first use (JEP 498) and which this code base does not use; zstd-jni's
 * JNI library load is allowed by the jar's {@code Enable-Native-Access} manifest entry.
 */
enum SectionCodec {
    NONE, ZLIB, ZSTD;

    /** The most uncompressed bytes believed of {@code compressed} bytes: guards allocations against corrupt sizes. */
    static long maxDecompressed(long compressed) {
        return Math.min(256L << 20, compressed * 8192 + 65536);
    }

    /** @throws IllegalArgumentException naming the algorithm if it is not one of these */
    static SectionCodec named(String name) {
        return switch (name) {
            case "none", "" -> NONE;
            case "zlib" -> ZLIB;
            case "zstd" -> ZSTD;
            default -> throw new IllegalArgumentException("compression \"" + DatCursor.printable(name) + "\" is not supported (zstd, zlib or none)");
        };
    }

    /**
     * Decompresses {@code src} (all its remaining bytes) into exactly {@code size} bytes.
     *
     * @throws IllegalArgumentException with a one-line reason if the data is corrupt or of another size
     */
    byte[] decompress(ByteBuffer src, int size) {
        byte[] in = new byte[src.remaining()];
        src.duplicate().get(in);
        byte[] out = new byte[size];
        int n = switch (this) {
            case NONE -> {
                System.arraycopy(in, 0, out, 0, Math.min(in.length, size));
                yield in.length;
            }
            case ZLIB -> inflate(in, out);
            case ZSTD -> zstd(in, out);
        };
        if (n != size) throw new IllegalArgumentException(name().toLowerCase() + " data gave " + n + " bytes, the header says " + size);
        return out;
    }

    private static int inflate(byte[] in, byte[] out) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            if (!inf.finished()) {
                if (n == out.length) throw new IllegalArgumentException("zlib data is larger than the " + out.length + " bytes the header says");
                throw new IllegalArgumentException("zlib data ends early after " + n + " bytes");
            }
            return n;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt zlib data: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    private static int zstd(byte[] in, byte[] out) {
        try {
            return (int) Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
        } catch (ZstdException e) {
            throw new IllegalArgumentException("corrupt zstd data: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("corrupt zstd data: " + e);
        }
    }
}
