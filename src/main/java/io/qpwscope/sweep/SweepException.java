package io.qpwscope.sweep;

/** A sweep that cannot run: a bad parameter path or value, named in the message (one line or a few). */
public final class SweepException extends Exception {
    public SweepException(String message) {
        super(message);
    }
}
