package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;

import java.util.concurrent.atomic.AtomicInteger;

/** struct mutex: a waiter sleeps (its CPU stays free for its kworker and for stop_machine). */
final class SleepingMutex {
    private final AtomicInteger owner = new AtomicInteger(-1);
    private final AtomicInteger waiters = new AtomicInteger();

    void lock(Cpu self) {
        if (owner.compareAndSet(-1, self.id())) return;
        waiters.incrementAndGet();
        try {
            self.sleepUntil(() -> owner.compareAndSet(-1, self.id()));
        } finally {
            waiters.decrementAndGet();
        }
    }

    /** Tasks sleeping in lock() right now. */
    int waiters() {
        return waiters.get();
    }

    void unlock(Cpu self) {
        if (!owner.compareAndSet(self.id(), -1)) {
            throw new IllegalMonitorStateException("mutex_unlock by cpu" + self.id() + " not the owner");
        }
    }
}
