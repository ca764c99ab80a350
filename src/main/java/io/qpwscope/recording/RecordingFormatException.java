package io.qpwscope.recording;

import java.io.IOException;

/**
 * A file is not a readable recording: the message is one line saying what is wrong and
 * where, e.g. "not a QPW Scope recording (bad magic)" or
 * "unsupported format version 7 (this build reads 1)".
 */
public final class RecordingFormatException extends IOException {
    public RecordingFormatException(String message) {
        super(message);
    }

    public RecordingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
