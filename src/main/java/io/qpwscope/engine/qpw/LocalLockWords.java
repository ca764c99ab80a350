package io.qpwscope.engine.qpw;

/** The words of a {@link LocalLock}, between {@link LhsPadding} and its right-hand pad. */
abstract class LocalLockWords extends LhsPadding {
    boolean acquired;
    /** Trace clock at acquisition (holder only), for the hold time in LOCK_RELEASE. */
    long acquiredAt;
}
