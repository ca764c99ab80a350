package io.qpwscope.engine;

import io.qpwscope.trace.Recording;
import io.qpwscope.trace.SpscTraceRing;

import java.util.concurrent.locks.LockSupport;

/** Drains the per-CPU rings into the recording on its own thread (until trace.TraceCollector lands). */
final class TraceDrain implements Runnable {
    private final SpscTraceRing[] rings;
    private final Recording recording;
    private final Thread thread;
    private volatile boolean halt;

    TraceDrain(SpscTraceRing[] rings, Recording recording) {
        this.rings = rings;
        this.recording = recording;
        this.thread = Thread.ofPlatform().name("trace-collector").daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (!halt) {
            if (drainOnce() == 0) LockSupport.parkNanos(200_000);
        }
        drainOnce();
    }

    private int drainOnce() {
        int n = 0;
        for (SpscTraceRing r : rings) n += r.drain(recording::append, Integer.MAX_VALUE);
        long o = 0;
        for (SpscTraceRing r : rings) o += r.overruns();
        recording.setOverruns(o);
        return n;
    }

    void halt() {
        halt = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
