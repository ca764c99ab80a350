package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuContexts;

import java.util.ArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One CPU's spinlock_t (or local_lock_t) on PREEMPT_RT: an rt_mutex (kernel/locking/rtmutex.c).
 *
 * <ul>
 *   <li>The owner is a context of an emulated CPU ({@link CpuContexts}): the task, a command,
 *       the kworker. The holder stays preemptible; callers disable migration only.</li>
 *   <li>A contended waiter queues by priority, then spins only while the owner's context is
 *       the one its CPU executes (owner_on_cpu()); otherwise it blocks and its CPU schedules
 *       ({@link Cpu#scheduleWhileBlocked()}) until the unlock hands the lock to it. Once
 *       blocked it stays blocked until woken, as in the kernel.</li>
 *   <li>Priority inheritance: a waiter more urgent than the owner boosts the owner's context
 *       to its priority when it queues (task_blocks_on_rt_mutex); through an owner that itself
 *       waits on a second lock the boost goes on to that lock's owner. A chain reaching a third
 *       lock fails with {@link PiChainException} (the kernel walks up to max_lock_depth = 1024;
 *       this emulator bounds it at {@value #MAX_CHAIN_LOCKS}). The unlock gives the boost back.</li>
 *   <li>The unlock hands the lock to the top waiter (most urgent, then first come).</li>
 * </ul>
 *
 * <p>Each lock's state is guarded by its monitor (the rt_mutex wait_lock); queuing, boosting
 * and handing over are also done under {@link #PI_LOCK}, one lock for the whole machine
 * (the kernel has a pi_lock per task): only contended paths take it. Order: PI_LOCK, then a
 * lock's monitor.
 */
public final class RtSpinlock {
    /** Locks a PI chain may cross. */
    public static final int MAX_CHAIN_LOCKS = 2;
    static final Object PI_LOCK = new Object();
    private static final int SPINS_BEFORE_YIELD = 128;

    /** What a contended acquisition cost: ns spun (owner on its CPU) and ns blocked. */
    public record Wait(long spunNs, long blockedNs, int holderCpu, int holderKind) {
        static final Wait NONE = new Wait(0, 0, -1, 0);

        public boolean contended() {
            return spunNs > 0 || blockedNs > 0;
        }
    }

    /** A queued waiter; prio may rise while it waits (a boost passed down a chain). */
    static final class Waiter {
        final Cpu cpu;
        final int depth;
        final long seq;
        final Thread thread = Thread.currentThread();
        final RtSpinlock lock;
        int prio;
        volatile boolean granted;

        Waiter(RtSpinlock lock, Cpu cpu, int depth, int prio, long seq) {
            this.lock = lock;
            this.cpu = cpu;
            this.depth = depth;
            this.prio = prio;
            this.seq = seq;
        }
    }

    private final String name;
    // guarded by this
    private Cpu owner;
    private int ownerDepth;
    private final ArrayList<Waiter> waiters = new ArrayList<>(2);
    private long nextSeq;
    /** Racy copy of the owner's CPU id, for display and lockdep. */
    private volatile int ownerCpu = -1;
    long acquiredAt;

    public RtSpinlock(String name) {
        this.name = name;
    }

    /** @return the owning CPU or -1 (racy for anyone but the holder). */
    public int owner() {
        return ownerCpu;
    }

    /** @return queued waiters (racy; for display). */
    public synchronized int waiters() {
        return waiters.size();
    }

    /** rt_spin_trylock: only a free lock with nobody queued. */
    public boolean tryLock(Cpu self) {
        synchronized (this) {
            if (owner != null) return false;
            take(self, self.contexts().depth());
        }
        self.contexts().addHeld(this);
        return true;
    }

    /** rt_spin_lock. @return {@link Wait#NONE} if taken at once, else what the wait cost */
    public Wait lock(Cpu self) {
        final int depth = self.contexts().depth();
        synchronized (this) {
            if (owner == null) {
                take(self, depth);
                self.contexts().addHeld(this);
                return Wait.NONE;
            }
        }
        Waiter w = enqueue(self, depth);
        if (w == null) { // freed meanwhile
            self.contexts().addHeld(this);
            return Wait.NONE;
        }
        Wait r = waitForGrant(self, w);
        self.contexts().addHeld(this);
        return r;
    }

    private void take(Cpu self, int depth) {
        owner = self;
        ownerDepth = depth;
        ownerCpu = self.id();
    }

    /** task_blocks_on_rt_mutex: queue and boost the owner chain. @return null if the lock was free after all */
    private Waiter enqueue(Cpu self, int depth) {
        synchronized (PI_LOCK) {
            Waiter w;
            synchronized (this) {
                if (owner == null) {
                    take(self, depth);
                    return null;
                }
                if (owner == self && ownerDepth == depth) {
                    throw new LockdepException("cpu" + self.id() + ": " + name + " taken twice by the same context (AA deadlock)");
                }
                w = new Waiter(this, self, depth, self.contexts().effectivePrio(depth), nextSeq++);
                waiters.add(w);
            }
            self.contexts().setWaitingOn(depth, w);
            try {
                boostChain(w);
            } catch (RuntimeException e) {
                synchronized (this) {
                    waiters.remove(w);
                }
                self.contexts().setWaitingOn(depth, null);
                throw e;
            }
            return w;
        }
    }

    /** Under PI_LOCK: raise owners along the chain to the waiter's priority. */
    private static void boostChain(Waiter w) {
        final int prio = w.prio;
        RtSpinlock l = w.lock;
        StringBuilder path = new StringBuilder("cpu" + w.cpu.id() + " -> " + l.name);
        for (int locks = 1; ; locks++) {
            Cpu o;
            int od;
            synchronized (l) {
                o = l.owner;
                od = l.ownerDepth;
            }
            if (o == null) return;
            path.append(" (held by cpu").append(o.id()).append(')');
            if (o == w.cpu && od == w.depth) {
                throw new LockdepException("rt_mutex deadlock: " + path);
            }
            CpuContexts oc = o.contexts();
            if (oc.effectivePrio(od) > prio) oc.setBoost(od, prio, w.cpu.id());
            Object next = oc.waitingOn(od);
            if (!(next instanceof Waiter nw)) return;
            if (locks >= MAX_CHAIN_LOCKS) {
                throw new PiChainException("priority inheritance chain deeper than " + MAX_CHAIN_LOCKS + " locks: " + path
                        + " -> " + nw.lock.name + " (bounded by the emulator; the kernel walks max_lock_depth)");
            }
            if (nw.prio > prio) nw.prio = prio;
            l = nw.lock;
            path.append(" -> ").append(l.name);
        }
    }

    /** rt_mutex_slowlock_block: spin while the owner runs, else sleep until handed the lock. */
    private Wait waitForGrant(Cpu self, Waiter w) {
        final long t0 = self.now();
        long blockedAt = -1;
        int holder = -1, holderKind = 0, spins = 0;
        while (!w.granted) {
            if (blockedAt < 0) {
                Cpu o;
                int od;
                synchronized (this) {
                    if (w.granted) break;
                    o = owner;
                    od = ownerDepth;
                }
                if (holder < 0) {
                    holder = o.id();
                    holderKind = o.contexts().kind(od);
                }
                if (o.contexts().running(od)) { // adaptive spin: the owner is on its CPU
                    if (++spins % SPINS_BEFORE_YIELD == 0) {
                        CpuHaltedException.checkInterrupt("a sleeping spinlock", o.id());
                        if (self.machine().hasFailed()) abandon(self, w);
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                    continue;
                }
                holder = o.id();
                holderKind = o.contexts().kind(od);
                blockedAt = self.now();
                self.contexts().setBlocked(true);
            }
            if (self.machine().hasFailed()) abandon(self, w);
            self.scheduleWhileBlocked();
        }
        long t1 = self.now();
        if (blockedAt >= 0) self.contexts().setBlocked(false);
        long blocked = blockedAt < 0 ? 0 : Math.max(1, t1 - blockedAt);
        long spun = blockedAt < 0 ? Math.max(1, t1 - t0) : blockedAt - t0;
        return new Wait(spun, blocked, holder, holderKind);
    }

    private void abandon(Cpu self, Waiter w) {
        synchronized (PI_LOCK) {
            synchronized (this) {
                if (w.granted) return;
                waiters.remove(w);
            }
            self.contexts().setWaitingOn(w.depth, null);
        }
        self.contexts().setBlocked(false);
        throw new CpuHaltedException(self + " stopped waiting for " + name + ": the engine failed");
    }

    /**
     * rt_spin_unlock: hand the lock to the top waiter, then give back the boost this context
     * got through it.
     * @return the owner context's prio after the unlock if it had been boosted, else -1
     */
    public int unlock(Cpu self) {
        final int depth = self.contexts().depth();
        synchronized (this) {
            if (owner != self || ownerDepth != depth) {
                throw new IllegalMonitorStateException("rt_spin_unlock by cpu" + self.id() + " of " + name + " held by "
                        + (owner == null ? "nobody" : "cpu" + owner.id()));
            }
            if (waiters.isEmpty() && self.contexts().boost(depth) == CpuContexts.NO_BOOST) {
                owner = null;
                ownerCpu = -1;
                self.contexts().removeHeld(this);
                return -1;
            }
        }
        Waiter top;
        int after;
        synchronized (PI_LOCK) {
            synchronized (this) {
                top = null;
                for (Waiter w : waiters) {
                    if (top == null || w.prio < top.prio || w.prio == top.prio && w.seq < top.seq) top = w;
                }
                if (top == null) {
                    owner = null;
                    ownerCpu = -1;
                } else {
                    waiters.remove(top);
                    take(top.cpu, top.depth);
                    int rest = topPrio();
                    CpuContexts tc = top.cpu.contexts();
                    if (rest < tc.effectivePrio(top.depth)) tc.setBoost(top.depth, rest, -1);
                    tc.setWaitingOn(top.depth, null);
                }
            }
            self.contexts().removeHeld(this);
            after = unboost(self, depth);
            if (top != null) top.granted = true;
        }
        if (top != null) LockSupport.unpark(top.thread);
        return after;
    }

    /** Under PI_LOCK: the boost left to context depth = the top waiters of the locks it still holds. */
    private static int unboost(Cpu self, int depth) {
        CpuContexts c = self.contexts();
        if (c.boost(depth) == CpuContexts.NO_BOOST) return -1;
        int keep = CpuContexts.NO_BOOST;
        for (Object o : c.held()) {
            RtSpinlock l = (RtSpinlock) o;
            synchronized (l) {
                if (l.owner == self && l.ownerDepth == depth) keep = Math.min(keep, l.topPrio());
            }
        }
        c.setBoost(depth, keep >= c.basePrio(depth) ? CpuContexts.NO_BOOST : keep, -1);
        return c.effectivePrio(depth);
    }

    /** Under this: the most urgent waiter's prio, or NO_BOOST. */
    private int topPrio() {
        int p = CpuContexts.NO_BOOST;
        for (Waiter w : waiters) p = Math.min(p, w.prio);
        return p;
    }

    public String name() {
        return name;
    }
}
