package io.qpwscope.ftrace;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text import speed: writes a generated capture of about {@code MB} megabytes (workqueue, sched_switch,
 * sched_wakeup, irq and function-tracer lines in the proportions of a busy machine) if FILE does not
 * exist, then imports it {@code ROUNDS} times and prints MB/s and the heap used. Run with the test
 * classpath: {@code java -Xmx512m -cp target/classes:target/test-classes:DEPS io.qpwscope.ftrace.FtraceTextSpeed FILE [MB] [ROUNDS]}.
 */
public final class FtraceTextSpeed {
    private FtraceTextSpeed() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        long mb = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(path)) generate(path, mb << 20);
        long bytes = Files.size(path);
        for (int r = 0; r < rounds; r++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            FtraceImport.Result res = FtraceImport.read(path, null, 0, null);
            long ns = System.nanoTime() - t0;
            long cpuNs = mx.getCurrentThreadCpuTime() - c0;
            System.out.printf("round %d: %.0f MB per CPU-second of the importing thread (%.0f ms CPU)%n", r, bytes / 1e6 / (cpuNs / 1e9), cpuNs / 1e6);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("round %d: %,d bytes, %,d event lines -> %,d records in %.0f ms = %.0f MB/s (heap used %,d MB); %s%n",
                    r, bytes, res.trace().eventLines(), res.recording().eventCount(), ns / 1e6, bytes / 1e6 / (ns / 1e9),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, res.trace().skipSummary());
        }
    }

    /** Writes about {@code size} bytes of {@code cat trace} text for 2 CPUs. */
    static void generate(Path path, long size) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.ISO_8859_1)) {
            w.write("# tracer: function\n#\n# entries-in-buffer/entries-written: 0/0   #P:2\n#\n");
            long written = 0, us = 274_000_000L;
            int i = 0;
            while (written < size) {
                String ts = (us / 1_000_000) + "." + String.format("%06d", us % 1_000_000);
                String ptr = String.format("%016x", 0xffff8881f7a2e000L + (i % 64) * 8);
                String[] block = {
                        "            bash-6528    [000] d..1.   " + ts + ": workqueue_queue_work: work struct=" + ptr
                                + " function=lru_add_drain_per_cpu workqueue=mm_percpu_wq req_cpu=1 cpu=1",
                        "            bash-6528    [000] d..1.   " + ts + ": insert_work <-__queue_work",
                        "            bash-6528    [000] d..2.   " + ts + ": sched_switch: prev_comm=bash prev_pid=6528 prev_prio=120 prev_state=D ==> next_comm=swapper/0 next_pid=0 next_prio=120",
                        "          rtloop-900     [001] d..2.   " + ts + ": sched_switch: prev_comm=rtloop prev_pid=900 prev_prio=98 prev_state=R ==> next_comm=kworker/1:1 next_pid=41 next_prio=120",
                        "     kworker/1:1-41      [001] .....   " + ts + ": workqueue_execute_start: work struct " + ptr + ": function lru_add_drain_per_cpu",
                        "     kworker/1:1-41      [001] d.h1.   " + ts + ": irq_handler_entry: irq=24 name=virtio0-input.0",
                        "     kworker/1:1-41      [001] d.h1.   " + ts + ": irq_handler_exit: irq=24 ret=handled",
                        "     kworker/1:1-41      [001] .....   " + ts + ": workqueue_execute_end: work struct " + ptr + ": function lru_add_drain_per_cpu",
                        "     kworker/1:1-41      [001] .....   " + ts + ": workqueue_execute_start: work struct ffffb1c0c3e3fd50: function wq_barrier_func",
                        "     kworker/1:1-41      [001] d..2.   " + ts + ": sched_wakeup: comm=bash pid=6528 prio=120 target_cpu=000",
                        "     kworker/1:1-41      [001] .....   " + ts + ": workqueue_execute_end: work struct ffffb1c0c3e3fd50: function wq_barrier_func",
                        "     kworker/1:1-41      [001] d..2.   " + ts + ": sched_switch: prev_comm=kworker/1:1 prev_pid=41 prev_prio=120 prev_state=I ==> next_comm=rtloop next_pid=900 next_prio=98",
                        "          <idle>-0       [000] d..2.   " + ts + ": sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=bash next_pid=6528 next_prio=120",
                        "            bash-6528    [000] d..1.   " + ts + ": workqueue_activate_work: work struct " + ptr,
                };
                for (String l : block) {
                    w.write(l);
                    w.write('\n');
                    written += l.length() + 1;
                }
                us += 37;
                i++;
            }
        }
    }
}
