package io.qpwscope.engine;

import io.qpwscope.engine.host.HostReading;
import io.qpwscope.engine.host.HostSplit;

/**
 * The host's share of an interval of another CPU's thread, read by the waiting CPU from that
 * thread's schedstat through its shared peer reader ({@link CpuHost#readPeer}): a reading at
 * {@link #start}, one at {@link #end}, split with {@link HostSplit#between}. For a thread
 * that was waiting on a run queue at the start reading, schedstat only counts that wait when
 * the thread is switched in again, so the end reading may hold some steal from before the
 * start: {@link HostSplit#of} caps it at the interval. Owned by one waiting CPU's thread.
 */
final class PeerSplit {
    private final HostReading r0 = new HostReading();
    private final HostReading r1 = new HostReading();
    private int cpu = -1;
    private long steal;
    private long pause;

    /** Reads {@code target}'s thread now. @return false if it cannot be read (no host, closed, self) */
    boolean start(Machine m, int target) {
        cpu = -1;
        steal = pause = 0;
        if (target < 0 || target >= m.nrCpus()) return false;
        CpuHost h = m.cpu(target).host();
        if (h == null || !h.readPeer(r0)) return false;
        cpu = target;
        return true;
    }

    /** Reads the target again and splits. @return false if {@link #start} failed or this read fails */
    boolean end(Machine m) {
        if (cpu < 0) return false;
        CpuHost h = m.cpu(cpu).host();
        if (h == null || !h.readPeer(r1)) return false;
        HostSplit s = HostSplit.between(r0, r1);
        steal = s.stealNs();
        pause = s.pauseNs();
        return true;
    }

    int measuredCpu() { return cpu; }
    long stealNs() { return steal; }
    long pauseNs() { return pause; }
}
