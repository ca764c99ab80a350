package io.qpwscope.engine;

import io.qpwscope.engine.spec.TriggerSpec;
import io.qpwscope.trace.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.ObjIntConsumer;

/**
 * The body of the "triggers" thread: fires the one-shot and periodic triggers of the machine
 * description at their times from start, until the machine halts or the thread is interrupted.
 */
final class TriggerScheduler implements Runnable {
    private final List<TriggerSpec> specs;
    private final Machine machine;
    private final LongSupplier startNs;
    private final ObjIntConsumer<Trigger> fire;

    /**
     * @param startNs System.nanoTime() at engine start, read when the thread runs
     * @param fire    makes a CPU run a trigger
     */
    TriggerScheduler(List<TriggerSpec> specs, Machine machine, LongSupplier startNs, ObjIntConsumer<Trigger> fire) {
        this.specs = specs;
        this.machine = machine;
        this.startNs = startNs;
        this.fire = fire;
    }

    @Override
    public void run() {
        record Firing(long atNs, Trigger t, int cpu) {}
        List<Firing> once = new ArrayList<>();
        List<TriggerSpec> periodic = new ArrayList<>();
        for (TriggerSpec s : specs) {
            for (long at : s.atNs()) once.add(new Firing(at, s.trigger(), s.cpu()));
            if (s.everyNs() > 0) periodic.add(s);
        }
        long start = startNs.getAsLong();
        long[] next = new long[periodic.size()];
        for (int i = 0; i < next.length; i++) next[i] = periodic.get(i).startNs();
        boolean[] fired = new boolean[once.size()];
        while (!machine.halting && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime() - start;
            long wake = Long.MAX_VALUE;
            for (int i = 0; i < once.size(); i++) {
                if (fired[i]) continue;
                Firing f = once.get(i);
                if (f.atNs <= now) {
                    fire.accept(f.t, f.cpu);
                    fired[i] = true;
                } else {
                    wake = Math.min(wake, f.atNs);
                }
            }
            for (int i = 0; i < next.length; i++) {
                TriggerSpec s = periodic.get(i);
                if (next[i] <= now) {
                    fire.accept(s.trigger(), s.cpu());
                    next[i] += s.everyNs();
                }
                wake = Math.min(wake, next[i]);
            }
            if (wake == Long.MAX_VALUE) return;
            LockSupport.parkNanos(Math.max(10_000, wake - (System.nanoTime() - start)));
        }
    }
}
