package io.qpwscope.trace;

/**
 * What a trace record says happened. Codes are part of the recording file format: never
 * renumber, only append.
 *
 * <p>Every record carries {@code ts} (ns since the recording's origin), {@code cpu} (the CPU
 * whose thread wrote it), {@code peer}, {@code fn}, {@code aux} and {@code payload}; the
 * meaning of the last four per type is given below. Where a record carries a duration in
 * its payload, {@code ts} is the end of that duration, so the interval is
 * {@code [ts - payload, ts]}.
 */
public enum EventType {
    /** Unused code 0: a zeroed record is never a valid event. */
    NONE(0, "none"),
    /** A qpw/local lock was taken. peer = CPU whose per-CPU lock it is; fn = {@link Site};
     *  aux = {@link TraceDescriptor} LOCK_* flags; payload = ns spent spinning before it. */
    LOCK_ACQUIRE(1, "lock"),
    /** The lock was released. Same fields; payload = ns it was held. */
    LOCK_RELEASE(2, "unlock"),
    /** A contended acquisition: ts = end of the spin, payload = ns spun; peer = lock owner CPU,
     *  aux = CPU that held it when the spin began (or -1 if unknown). */
    SPIN_WAIT(3, "spin-wait"),
    /** queue_percpu_work_on / queue_work_on: peer = target CPU; fn = {@link Site};
     *  payload = work item sequence number (unique per run). */
    WORK_QUEUED(4, "work-queued"),
    /** A work function starts: cpu = where it runs, peer = the CPU whose data it works on;
     *  aux = 1 when run inline by the caller (qpw=1), 0 when run by the target's worker;
     *  payload = sequence number. */
    WORK_START(5, "work-start"),
    /** The work function returned. Same fields as WORK_START. */
    WORK_END(6, "work-end"),
    /** What the CPU runs changed: aux = (prev kind << 8) | next kind, kinds in
     *  {@link TraceDescriptor} (TASK_*). */
    TASK_SWITCH(7, "switch"),
    /** The CPU's task was taken off the CPU to run work another CPU asked for.
     *  ts = when the task got the CPU back; payload = ns off CPU; peer = CPU that queued it;
     *  fn = the work {@link Site}. */
    INTERRUPTION(8, "interruption"),
    /** The task's own loop saw a gap (osnoise-style): payload = gap ns, ts = end of gap. */
    NOISE(9, "noise"),
    /** local_irq_save / spin_lock_irqsave disabled interrupts on this CPU. */
    IRQ_OFF(10, "irq-off"),
    /** Interrupts enabled again; payload = ns they were off. */
    IRQ_ON(11, "irq-on"),
    /** The engine flipped qpw live: aux = new effective qpw (0/1); payload = quiesce ns. */
    MODE_SWITCH(12, "mode-switch"),
    /** A user or scenario trigger (e.g. blockdev --flushbufs): fn = {@link Trigger} code;
     *  aux = 0 at start, 1 at end; payload at end = ns it took. */
    TRIGGER(13, "trigger"),
    /** flush_percpu_work / flush_work returned: peer = target CPU; fn = {@link Site};
     *  payload = ns the caller waited. */
    FLUSH_WAIT(14, "flush-wait"),
    /** What the host took from an emulated CPU's thread (steal, pause; see engine.host). Two forms:
     *  <ul>
     *  <li><b>companion</b> (fn = the code of the record it splits: INTERRUPTION, NOISE, SPIN_WAIT,
     *  FLUSH_WAIT or LOCK_RELEASE): written right after that record on the same lane with the same
     *  ts; it splits that record's interval {@code [ts - payload, ts]};</li>
     *  <li><b>sample</b> (fn = 0): a steady per-CPU sample over the window {@code [ts - window, ts]}.</li>
     *  </ul>
     *  peer = the CPU whose thread was measured (-1: this lane's own CPU; a spin-wait measures the
     *  lock holder's thread, a flush wait the target's); aux = pause ns (unsigned, saturating);
     *  payload = {@link TraceDescriptor#hostSplitPayload(long, long) steal ns | window ns << 32}
     *  (both unsigned 32-bit, saturating; window 0 in a companion). The kernel part of an
     *  interval is its length minus steal and pause. */
    HOST_SPLIT(15, "host-split"),
    /** PREEMPT_RT: the acquisition of a sleeping spinlock blocked (its owner was off its CPU).
     *  ts = end of the block, payload = ns blocked; peer = owner CPU; fn = {@link Site};
     *  aux = the owner context's kind ({@link TraceDescriptor} TASK_*). */
    LOCK_BLOCK(16, "lock-block"),
    /** PREEMPT_RT priority inheritance, on the owner's lane: aux = 1 boost / 0 unboost;
     *  peer = the waiter CPU (boost) or -1; payload = the kernel prio now in force. */
    PI_BOOST(17, "pi-boost");

    private static final EventType[] BY_CODE;
    static {
        EventType[] v = values();
        int max = 0;
        for (EventType t : v) max = Math.max(max, t.code);
        BY_CODE = new EventType[max + 1];
        for (EventType t : v) BY_CODE[t.code] = t;
    }

    public final int code;
    public final String label;

    EventType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** @return the type for a code, or null if the code is unknown (a corrupt record). */
    public static EventType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
