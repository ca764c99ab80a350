package io.qpwscope.ftrace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and reports them to a {@link FtraceImport.Progress} every 4 MiB. */
final class ProgressStream extends FilterInputStream {
    private static final long STEP = 4L << 20;
    private final long total;
    private final FtraceImport.Progress progress;
    private long done, nextReport = STEP;

    ProgressStream(InputStream in, long total, FtraceImport.Progress progress) {
        super(in);
        this.total = total;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) advance(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) advance(n);
        return n;
    }

    private void advance(long n) {
        done += n;
        if (done >= nextReport) {
            nextReport = done + STEP;
            progress.bytes(done, total);
        }
    }
}
