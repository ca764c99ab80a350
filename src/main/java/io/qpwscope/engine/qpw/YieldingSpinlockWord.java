package io.qpwscope.engine.qpw;

/** The lock word of a {@link YieldingSpinlock}, between {@link LhsPadding} and its right-hand pad. */
abstract class YieldingSpinlockWord extends LhsPadding {
    volatile int owner = -1;
}
