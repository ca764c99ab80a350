package io.qpwscope.ui.clip;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Where a clip's frames go, in order: an encoder writing one file. */
public interface FrameSink extends AutoCloseable {
    /** Adds a frame shown for {@code ms} milliseconds. The image may be reused after the call returns. */
    void frame(BufferedImage image, double ms) throws IOException;

    /** Completes the file; after this the file is whole. */
    void finish() throws IOException;

    /** Releases everything (after {@link #finish()}, or to abandon the file). */
    @Override
    void close();
}
