package io.qpwscope.engine.qpw;

/**
 * Thrown out of a wait (a flush, a spin on a lock, the stop_machine barrier) on a CPU whose
 * thread was interrupted because another engine thread failed: what it waits for will never
 * come. Ends the CPU's thread quietly; the first failure is the one reported.
 */
public final class CpuHaltedException extends RuntimeException {
    public CpuHaltedException(String message) {
        super(message, null, false, false);
    }

    /** Throws if the current thread was interrupted (the engine interrupts its CPUs only on failure). */
    public static void checkInterrupt(String waitingFor, int holder) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CpuHaltedException(Thread.currentThread().getName() + " stopped waiting for " + waitingFor
                    + " held by cpu" + holder);
        }
    }
}
