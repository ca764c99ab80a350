package io.qpwscope.engine;

import io.qpwscope.engine.host.GapSplit;
import io.qpwscope.engine.host.HostAccount;
import io.qpwscope.engine.host.HostClock;
import io.qpwscope.engine.host.HostReading;
import io.qpwscope.engine.host.HostSplit;
import io.qpwscope.engine.host.HostTime;
import io.qpwscope.engine.host.HostTimeReader;
import io.qpwscope.engine.host.StealSampler;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;

/**
 * What the host takes from one emulated CPU's thread, wired into that CPU (see
 * {@code io.qpwscope.engine.host}). Two readers of the same thread:
 * <ul>
 *   <li>the owner's {@link StealSampler} (its {@link HostClock}): sampled about every 1 ms at
 *       preemption points and at the edges of the intervals this CPU reports on its own
 *       thread (interruptions, noise gaps, long lock holds); every window it closes with
 *       steal or pause is written as a HOST_SPLIT sample record, so a lane's samples add up
 *       to the thread's host time since start;</li>
 *   <li>a peer reader of the thread's schedstat by TID, opened by the owner at start and
 *       shared by the other CPUs under this object's monitor: a spin-waiter reads its lock
 *       holder's thread, a flush its target's. No file is opened on a wait path.</li>
 * </ul>
 * All methods except {@link #readPeer} and {@link #account} are for the owner thread only.
 */
final class CpuHost implements AutoCloseable {
    /** Lock holds shorter than this get no split: a switch out and back in costs more. */
    static final long HOLD_SPLIT_MIN_NS = 20_000;

    private final Cpu cpu;
    private final long origin;
    private final StealSampler sampler;
    private final HostClock clock;
    private final HostAccount account;
    private HostTimeReader peer; // guarded by this

    private CpuHost(Cpu cpu, long origin, StealSampler sampler, HostTimeReader peer) {
        this.cpu = cpu;
        this.origin = origin;
        this.sampler = sampler;
        this.clock = sampler.clock();
        this.account = sampler.account();
        this.peer = peer;
    }

    /** Opens both readers on the calling thread (the CPU's own), or returns null when the host has no source. */
    static CpuHost openCurrentThread(Cpu cpu, long origin, HostTime host) {
        if (!host.available()) return null;
        StealSampler s = new StealSampler(HostClock.openCurrentThread(host));
        return new CpuHost(cpu, origin, s, host.openThread(HostTime.currentTid()));
    }

    /**
     * Probes the host source and links every native call the CPU threads will make (the first
     * link of a downcall spins classes: hundreds of ms of CPU on a loaded machine), on the
     * calling thread, before the engine's clock starts; otherwise each CPU thread would pay it
     * at its start, inside the run.
     */
    static void warmUp() {
        HostTime host = HostTime.system();
        if (!host.available()) return;
        try (HostClock own = HostClock.openCurrentThread(host);
             HostTimeReader peer = host.openThread(HostTime.currentTid())) {
            own.sample();
            own.splitGap(System.nanoTime(), System.nanoTime());
            peer.read(new HostReading());
        }
    }

    HostAccount account() {
        return account;
    }

    /** The owner parked on purpose for {@code ns}: the model's time, not host pause. */
    void slept(long ns) {
        clock.slept(ns);
    }

    // ------------------------------------------------------------------ owner: samples

    /** The periodic sample: a compare unless ~1 ms passed. @param nowNs a raw {@code nanoTime} */
    void poll(long nowNs) {
        if (sampler.poll(nowNs) != StealSampler.NOT_DUE) writeSample(clock.lastWindow());
    }

    /** Writes a sample record for a window the clock closed, when the host took anything in it. */
    void writeSample(HostSplit w) {
        if (w.stealNs() == 0 && w.pauseNs() == 0) return;
        cpu.trace(cpu.now(), EventType.HOST_SPLIT, -1, 0, TraceDescriptor.hostSplitAux(w.pauseNs()),
                TraceDescriptor.hostSplitPayload(w.stealNs(), w.wallNs()));
    }

    /** Samples now and writes the window; the account's totals then run to this instant. */
    void mark() {
        writeSample(clock.sample());
    }

    /**
     * Samples now without writing the window yet: for the end of an interval whose companion
     * must come first (records of a lane go in ts order). @return the window to write
     */
    HostSplit sampleQuietly() {
        return clock.sample();
    }

    // ------------------------------------------------------------------ owner: companions

    /**
     * Writes the companion of the interval record just written: {@code steal} and {@code pause}
     * capped so that they fit in {@code wallNs}. @return the kernel part
     */
    long companion(EventType of, long ts, long wallNs, int measuredCpu, long steal, long pause) {
        long s = Math.min(Math.max(0, steal), wallNs);
        long p = Math.min(Math.max(0, pause), wallNs - s);
        if (s > 0 || p > 0) {
            cpu.trace(ts, EventType.HOST_SPLIT, measuredCpu, of.code, TraceDescriptor.hostSplitAux(p),
                    TraceDescriptor.hostSplitPayload(s, 0));
        }
        return wallNs - s - p;
    }

    /**
     * A gap of the CPU's own thread seen only after it ended (a noise gap, a lock hold): split
     * against the clock's window around it ({@link HostClock#splitGap}), companion written
     * right after the gap's record at {@code ts}. @return the kernel part
     */
    long splitGap(EventType of, long ts, long gapNs) {
        GapSplit g = clock.splitGap(origin + ts - gapNs, origin + ts);
        long kernel = companion(of, ts, gapNs, -1, g.split().stealNs(), g.split().pauseNs());
        writeSample(clock.lastWindow());
        return kernel;
    }

    /**
     * A gap of the task's loop of which the model had the CPU for {@code modelNs} (kworker runs'
     * kernel parts, IPIs, commands, throttle windows): that is the kernel part; the rest is the
     * host's, pause as far as the guest saw pause, steal otherwise. @return the kernel part
     */
    long splitModelGap(EventType of, long ts, long gapNs, long modelNs) {
        GapSplit g = clock.splitGap(origin + ts - gapNs, origin + ts);
        long host = gapNs - Math.min(Math.max(0, modelNs), gapNs);
        long pause = Math.min(g.split().pauseNs(), host);
        long kernel = companion(of, ts, gapNs, -1, host - pause, pause);
        writeSample(clock.lastWindow());
        return kernel;
    }

    // ------------------------------------------------------------------ other CPUs' threads

    /**
     * Reads this CPU's thread from another thread (a spin-waiter, a flusher) into the caller's
     * reading. @return false when the peer reader is closed or failed
     */
    synchronized boolean readPeer(HostReading into) {
        return peer != null && peer.read(into);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (peer != null) peer.close();
            peer = null;
        }
        sampler.close();
    }
}
