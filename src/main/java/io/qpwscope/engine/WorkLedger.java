package io.qpwscope.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Book-keeping that proves every queued work item ran exactly once: each queueing gets a
 * sequence number; each execution marks it; a second mark or an unmarked number at the end
 * is a violation. Work is queued at drain rate (not fast-path rate), so a monitor is fine.
 */
public final class WorkLedger {
    private final BitSet executed = new BitSet();
    private long nextSeq = 1;
    private long queued;
    private long executedCount;
    private long executedOnTarget;
    private long executedByCaller;
    private long warnings;
    private final List<String> violations = new ArrayList<>();

    /** @return a new sequence number for a queueing. */
    public synchronized long queued() {
        queued++;
        return nextSeq++;
    }

    public synchronized void executed(long seq, boolean byCaller, int ranOn, int target) {
        if (seq <= 0 || seq >= nextSeq) {
            addViolation("work #" + seq + " executed but never queued");
            return;
        }
        if (executed.get((int) seq)) {
            addViolation("work #" + seq + " executed twice (second time on cpu" + ranOn + ")");
            return;
        }
        executed.set((int) seq);
        executedCount++;
        if (byCaller) executedByCaller++;
        if (ranOn == target) executedOnTarget++;
    }

    /** WARN_ON(cpu != qpw->cpu) in queue_percpu_work_on. */
    public synchronized void warn(String what) {
        warnings++;
        addViolation("WARN: " + what);
    }

    private void addViolation(String v) {
        if (violations.size() < 100) violations.add(v);
    }

    /** Called after stop: every queued item must have run. */
    public synchronized void checkAllExecuted() {
        long missing = (nextSeq - 1) - executed.cardinality();
        if (missing > 0) {
            int first = executed.nextClearBit(1);
            addViolation(missing + " queued work item(s) never executed (first: #" + first + ")");
        }
    }

    public synchronized long queuedCount() { return queued; }
    public synchronized long executedCount() { return executedCount; }
    public synchronized long executedOnTarget() { return executedOnTarget; }
    public synchronized long executedByCaller() { return executedByCaller; }
    public synchronized long warnings() { return warnings; }
    public synchronized List<String> violations() { return List.copyOf(violations); }
}
