package io.qpwscope.engine.qpw;

/** What lockdep would print: a lock assertion failed or a lock was released by a non-holder. */
public final class LockdepException extends IllegalStateException {
    public LockdepException(String message) {
        super(message);
    }
}
