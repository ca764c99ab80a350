package io.qpwscope.engine.qpw;

/**
 * A priority-inheritance chain crossed more sleeping locks than the emulator follows
 * ({@link RtSpinlock#MAX_CHAIN_LOCKS}): a waiter's boost would have to pass through owners that
 * themselves wait on further locks. The message names the chain.
 */
public final class PiChainException extends IllegalStateException {
    public PiChainException(String message) {
        super(message);
    }
}
