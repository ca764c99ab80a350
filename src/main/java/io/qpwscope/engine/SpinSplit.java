package io.qpwscope.engine;

import io.qpwscope.engine.host.HostAccount;
import io.qpwscope.engine.qpw.SpinWatch;

/**
 * What of a contended spin was the host's, as the waiting CPU measures it.
 *
 * <p><b>Kernel part of a spin-wait</b>: on a non-RT kernel neither the holder of a spinlock
 * nor its waiter can be preempted, so a spin lasts as long as the holder's critical section
 * (plus the queue ahead in the ticket order). On the emulator either thread can lose its host
 * core meanwhile; that time is the host's. The spin's host share is the larger of
 * <ul>
 *   <li>the holders' steal + pause while the waiter spun: each holder's thread is read
 *       ({@link PeerSplit}) from the moment it is seen holding until it is seen no more
 *       (checked every few hundred spins, when the spin yields), summed over holders;</li>
 *   <li>the waiter's own steal + pause over the spin (its own clock, read at both edges).</li>
 * </ul>
 * The larger of two parts of a union is a lower bound of the union, so the kernel part
 * {@code wait − host share} is an upper bound of the model's time: never too small.
 * With lock tracing on, one more bound: a spin cannot outlast the holds it waited behind.
 * Each holder adds its hold's length to the lock before handing it over
 * ({@code PerCpuSpinlock.heldNs()}); the holds that ended during the spin (the first one whole,
 * from before the spin began: an over-estimate) cap the kernel part, and what the spin lasted
 * beyond them — the waiter was held back by its own thread, not by a holder — is pause.
 * The companion record names the holder first seen ({@code measuredCpu}) when the holders'
 * share is the larger, else -1 (the waiter).
 *
 * <p>The readings cost a few µs each (one pread of schedstat and one CPU-clock read) and are
 * taken only on the contended path: at the spin's start, at each change of holder, and once
 * the lock is taken (the last inside the waiter's hold).
 */
final class SpinSplit implements SpinWatch {
    private final Cpu self;
    private final PeerSplit segment = new PeerSplit();
    private int holder = -1;
    private int firstHolder;
    private long holderSteal, holderPause;
    private long ownSteal0, ownPause0;
    private boolean valid;
    private int measured;
    private long steal, pause;
    private long held0;

    SpinSplit(Cpu self) {
        this.self = self;
    }

    @Override
    public void spinStart(int h, long heldNs) {
        held0 = heldNs;
        valid = false;
        holder = -1;
        firstHolder = -1;
        holderSteal = holderPause = 0;
        CpuHost host = self.host();
        if (host == null) return;
        host.mark();
        HostAccount a = host.account();
        ownSteal0 = a.stealNs();
        ownPause0 = a.pauseNs();
        open(h);
    }

    @Override
    public void spinHolder(int h) {
        if (h < 0 || h == holder) return; // between two holders: the last one's segment runs on
        close();
        open(h);
    }

    @Override
    public void spinEnd(long waitedNs, long heldNs) {
        CpuHost host = self.host();
        if (host == null) return;
        self.waitEnded();
        close();
        host.mark();
        HostAccount a = host.account();
        long ownSteal = a.stealNs() - ownSteal0, ownPause = a.pauseNs() - ownPause0;
        if (firstHolder >= 0 && holderSteal + holderPause > ownSteal + ownPause) {
            measured = firstHolder;
            steal = holderSteal;
            pause = holderPause;
        } else {
            measured = -1;
            steal = ownSteal;
            pause = ownPause;
        }
        if (self.traceLocks()) { // third bound: no spin outlasts the holds it waited behind
            long st = Math.min(steal, waitedNs);
            long kernel = waitedNs - st - Math.min(pause, waitedNs - st);
            long holds = Math.max(0, heldNs - held0);
            if (kernel > holds) pause += kernel - holds;
        }
        valid = true;
    }

    private void open(int h) {
        if (h < 0 || h == self.id || !segment.start(self.machine, h)) return;
        holder = h;
        if (firstHolder < 0) firstHolder = h;
    }

    private void close() {
        if (holder < 0) return;
        if (segment.end(self.machine)) {
            holderSteal += segment.stealNs();
            holderPause += segment.pauseNs();
        }
        holder = -1;
    }

    /** @return whether the last spin was measured ({@link #spinEnd} ran with host time). */
    boolean valid() { return valid; }
    int measuredCpu() { return measured; }
    long stealNs() { return steal; }
    long pauseNs() { return pause; }
}
