package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;
import io.qpwscope.trace.Site;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * struct qpw_struct { struct work_struct work; int cpu; } — a work item with the CPU whose
 * per-CPU data it works on. The work_struct part follows the workqueue's rules: queueing an
 * item that is still pending does nothing (WORK_STRUCT_PENDING), the pending bit is cleared
 * when execution starts, and flush_work() waits for the last queued instance to finish.
 */
public final class QpwStruct {
    private static final VarHandle PENDING;
    private static final VarHandle DONE_SEQ;
    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PENDING = l.findVarHandle(QpwStruct.class, "pending", boolean.class);
            DONE_SEQ = l.findVarHandle(QpwStruct.class, "doneSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A work function: {@code void (*func)(struct work_struct *)}, given the CPU it runs on. */
    @FunctionalInterface
    public interface WorkFunc {
        void run(Cpu self, QpwStruct work);
    }

    final Site site;
    WorkFunc func;
    /** qpw_struct.cpu: the CPU whose data the work operates on (only with CONFIG_QPW). */
    int cpu;
    private volatile boolean pending;
    /** Sequence number of the last successful queueing (written under the pending bit). */
    volatile long queuedSeq;
    /** CPU that queued the last instance. */
    volatile int queuedBy;
    /** Sequence number of the last instance that finished. */
    private volatile long doneSeq;

    public QpwStruct(Site site) {
        this.site = site;
    }

    /** INIT_QPW(qpw, func, c) */
    public void init(WorkFunc func, int cpu) {
        this.func = func;
        this.cpu = cpu;
    }

    public Site site() {
        return site;
    }

    /** test_and_set_bit(WORK_STRUCT_PENDING): true if we set it. */
    boolean markPending() {
        return PENDING.compareAndSet(this, false, true);
    }

    /** Execution starts: the item may be queued again from now on. */
    void clearPending() {
        PENDING.setRelease(this, false); // release: a re-queuer sees the work's earlier state
    }

    boolean isPending() {
        return pending;
    }

    void markDone(long seq) {
        DONE_SEQ.setRelease(this, seq); // release: the work's writes are visible to the flusher
    }

    boolean finished(long seq) {
        return (long) DONE_SEQ.getAcquire(this) >= seq; // acquire: pairs with markDone
    }

    /** CPU that queued the last instance (the one asking for the remote operation). */
    public int queuedByCpu() {
        return queuedBy;
    }
}
