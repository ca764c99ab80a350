package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.CpuContexts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <p><b>The owner word</b> ({@code lock->owner}): one {@code long}, 0 when the lock is free
 * (NULL), else the owner context encoded as {@code (cpu id + 1) << 8 | depth << 1}, with bit 0
 * {@code RT_MUTEX_HAS_WAITERS}. The fast paths are the kernel's: {@link #lock} is one CAS
 * 0 → owner ({@code rt_mutex_cmpxchg_acquire(lock, NULL, current)}), {@link #unlock} one CAS
 * owner → 0 ({@code rt_mutex_cmpxchg_release(lock, current, NULL)}) when the owner context has
 * no PI boost pending. Anything else takes the slow path ({@code rt_mutex_slowlock},
 * {@code rt_mutex_slowunlock}): a waiter sets HAS_WAITERS under the lock's monitor before it
 * queues ({@code mark_rt_mutex_waiters}), so the owner's fast release fails and the unlock
 * hands the lock over; the hand-over leaves the bit set while more waiters are queued. While
 * the bit is set, only holders of the monitor change the word. The unlock hands the lock over,
 * so a non-zero word always names an owner and {@link #tryLock} is the fast CAS alone
 * ({@code rt_mutex_slowtrylock} would find an owner too).
 *
 * <p>The queue and everything but the fast CASes are guarded by the lock's monitor (the
 * rt_mutex wait_lock); queuing, boosting and handing over are also done under
 * {@link #PI_LOCK}, one lock for the whole machine (the kernel has a pi_lock per task): only
 * contended paths take it. Order: PI_LOCK, then a lock's monitor.
 */
public final class RtSpinlock {
    /** Locks a PI chain may cross. */
    public static final int MAX_CHAIN_LOCKS = 2;
    static final Object PI_LOCK = new Object();
    private static final int SPINS_BEFORE_YIELD = 128;
    /** RT_MUTEX_HAS_WAITERS: bit 0 of the owner word. */
    static final long HAS_WAITERS = 1;
    private static final int CPU_SHIFT = 8;
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(RtSpinlock.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
    /** The owner word (lock->owner): 0, or {@link #encode} of the owner | {@link #HAS_WAITERS}. */
    private volatile long word;
    // guarded by this
    private final ArrayList<Waiter> waiters = new ArrayList<>(2);
    private long nextSeq;
    private long slowPaths;
    long acquiredAt;

    public RtSpinlock(String name) {
        this.name = name;
    }

    /** The owner word of context {@code depth} of CPU {@code cpu}, without HAS_WAITERS. */
    static long encode(int cpu, int depth) {
        return (long) (cpu + 1) << CPU_SHIFT | (long) depth << 1;
    }

    private static int cpuOf(long w) {
        return (int) (w >>> CPU_SHIFT) - 1;
    }

    private static int depthOf(long w) {
        return (int) (w & ((1 << CPU_SHIFT) - 1)) >>> 1;
    }

    /** @return the owning CPU or -1 (racy for anyone but the holder). */
    public int owner() {
        return cpuOf(word);
    }

    /** @return queued waiters (racy; for display). */
    public synchronized int waiters() {
        return waiters.size();
    }

    /**
     * How often a lock or unlock of this lock left the one-CAS fast path: queued, found the
     * lock freed after a failed CAS, or released with waiters queued or a boost pending.
     */
    public synchronized long slowPaths() {
        return slowPaths;
    }

    /** rt_spin_trylock: the fast CAS; it fails only on an owned lock (see the class doc). */
    public boolean tryLock(Cpu self) {
        return tryLock(self, self.contexts().depth());
    }

    boolean tryLock(Cpu self, int depth) {
        if (!OWNER.compareAndSet(this, 0L, encode(self.id(), depth))) return false;
        self.contexts().addHeld(this);
        return true;
    }

    /** rt_spin_lock. @return {@link Wait#NONE} if taken at once, else what the wait cost */
    public Wait lock(Cpu self) {
        return lock(self, self.contexts().depth());
    }

    Wait lock(Cpu self, int depth) {
        if (OWNER.compareAndSet(this, 0L, encode(self.id(), depth))) { // rt_mutex_cmpxchg_acquire
            self.contexts().addHeld(this);
            return Wait.NONE;
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

    /** task_blocks_on_rt_mutex: queue and boost the owner chain. @return null if the lock was free after all */
    private Waiter enqueue(Cpu self, int depth) {
        synchronized (PI_LOCK) {
            Waiter w;
            synchronized (this) {
                slowPaths++;
                final long mine = encode(self.id(), depth);
                for (long o = word; ; o = word) { // try_to_take_rt_mutex, else mark_rt_mutex_waiters
                    if (o == 0) {
                        if (OWNER.compareAndSet(this, 0L, mine)) return null;
                    } else if ((o & ~HAS_WAITERS) == mine) {
                        throw new LockdepException("cpu" + self.id() + ": " + name + " taken twice by the same context (AA deadlock)");
                    } else if ((o & HAS_WAITERS) != 0 || OWNER.compareAndSet(this, o, o | HAS_WAITERS)) {
                        break;
                    }
                }
                w = new Waiter(this, self, depth, self.contexts().effectivePrio(depth), nextSeq++);
                waiters.add(w);
            }
            self.contexts().setWaitingOn(depth, w);
            try {
                boostChain(w);
            } catch (RuntimeException e) {
                synchronized (this) {
                    dequeue(w);
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
            final long ow = l.word;
            if (ow == 0) return;
            Cpu o = w.cpu.machine().cpu(cpuOf(ow));
            int od = depthOf(ow);
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
                final long ow = word;
                if (w.granted) break;
                if (ow == 0) { // not yet set by the hand-over that granted w
                    Thread.onSpinWait();
                    continue;
                }
                Cpu o = self.machine().cpu(cpuOf(ow));
                int od = depthOf(ow);
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
        self.waitEnded();
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
                dequeue(w);
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
        return unlock(self, self.contexts().depth());
    }

    int unlock(Cpu self, int depth) {
        final CpuContexts c = self.contexts();
        final long mine = encode(self.id(), depth);
        if (c.boost(depth) == CpuContexts.NO_BOOST && OWNER.compareAndSet(this, mine, 0L)) { // rt_mutex_cmpxchg_release
            c.removeHeld(this);
            return -1;
        }
        return slowUnlock(self, depth, mine);
    }

    /** rt_mutex_slowunlock: waiters queued (HAS_WAITERS), a boost to give back, or not the owner. */
    private int slowUnlock(Cpu self, int depth, long mine) {
        Waiter top;
        int after;
        synchronized (PI_LOCK) {
            synchronized (this) {
                final long ow = word; // if this context owns it, only monitor holders change it now
                if ((ow & ~HAS_WAITERS) != mine) {
                    throw new IllegalMonitorStateException("rt_spin_unlock by cpu" + self.id() + " of " + name + " held by "
                            + (ow == 0 ? "nobody" : "cpu" + cpuOf(ow)));
                }
                slowPaths++;
                top = null;
                for (Waiter w : waiters) {
                    if (top == null || w.prio < top.prio || w.prio == top.prio && w.seq < top.seq) top = w;
                }
                if (top == null) {
                    word = 0;
                } else {
                    waiters.remove(top);
                    word = encode(top.cpu.id(), top.depth) | (waiters.isEmpty() ? 0 : HAS_WAITERS);
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
        final long mine = encode(self.id(), depth);
        for (int i = 0, n = c.heldCount(); i < n; i++) {
            RtSpinlock l = (RtSpinlock) c.held(i);
            synchronized (l) {
                if ((l.word & ~HAS_WAITERS) == mine) keep = Math.min(keep, l.topPrio());
            }
        }
        c.setBoost(depth, keep >= c.basePrio(depth) ? CpuContexts.NO_BOOST : keep, -1);
        return c.effectivePrio(depth);
    }

    /** Under this: takes an abandoned waiter off the queue; the last one leaving clears HAS_WAITERS (fixup_rt_mutex_waiters). */
    private void dequeue(Waiter w) {
        waiters.remove(w);
        if (waiters.isEmpty()) {
            long ow = word; // HAS_WAITERS set: only monitor holders change it
            if ((ow & HAS_WAITERS) != 0) word = ow & ~HAS_WAITERS;
        }
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
