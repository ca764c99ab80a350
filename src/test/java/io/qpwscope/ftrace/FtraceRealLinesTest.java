package io.qpwscope.ftrace;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** One sample per kind of line real captures hold: each is understood or skipped and counted, never a failure. */
class FtraceRealLinesTest {

    static FtraceTrace parse(String text) throws Exception {
        return FtraceParser.parseOrReject(new BufferedReader(new StringReader(text)), "t.txt");
    }

    static int count(FtraceTrace t, EventType type) {
        int n = 0;
        for (int i = 0; i < t.count(); i++) if (TraceDescriptor.type(t.rows()[3 * i + 1]) == type.code) n++;
        return n;
    }

    static int first(FtraceTrace t, EventType type) {
        for (int i = 0; i < t.count(); i++) if (TraceDescriptor.type(t.rows()[3 * i + 1]) == type.code) return i;
        return fail("no " + type);
    }

    @Test
    void shouldSkipAndCountFunctionTracerLines() throws Exception {
        FtraceTrace t = parse("""
                # tracer: function
                #
                # entries-in-buffer/entries-written: 3/3   #P:1
                   kworker/0:1-11    [000] d...   112.481010: insert_work <801341d8> <-__queue_work <80135b38>
                   kworker/0:1-11    [000] d...   112.481012: __queue_work <-queue_work_on
                   kworker/0:1-11    [000] ....   112.481020: workqueue_execute_start: work struct 9e8a7b40: function vmstat_update
                """);
        assertEquals(2, t.skipped(FtraceTrace.Skip.FUNCTION));
        assertEquals(1, t.eventLines());
        assertEquals(1, count(t, EventType.WORK_START));
        assertTrue(t.skipSummary().startsWith("skipped 2 function-tracer lines"), t.skipSummary());
    }

    @Test
    void shouldSkipStackTracesAndTheirEntries() throws Exception {
        FtraceTrace t = parse("""
                            bash-1977  [001] d..1.  4002.100000: workqueue_queue_work: work struct=ffff8881f7a2e8c8 function=lru_add_drain_per_cpu workqueue=mm_percpu_wq req_cpu=1 cpu=1
                            bash-1977  [001] d..1.  4002.100002: <stack trace>
                 => __queue_work
                 => queue_work_on
                 => lru_add_drain_all
                 => compact_nodes
                """);
        assertEquals(1, t.skipped(FtraceTrace.Skip.STACK_TRACE));
        assertEquals(4, t.skipped(FtraceTrace.Skip.STACK_ENTRY));
        assertEquals(1, count(t, EventType.WORK_QUEUED));
        assertTrue(t.skipSummary().contains("1 stack traces"), t.skipSummary());
    }

    @Test
    void shouldReadModuleSuffixedWorkFunctionsAndAnUnboundReqCpu() throws Exception {
        FtraceTrace t = parse("""
                  <idle>-0       [000] d.h1   350.512312: workqueue_queue_work: work struct=c4a0c3e4 function=hub_event [usbcore] workqueue=usb_hub_wq req_cpu=8192 cpu=0
                  kworker/0:2-95 [000] ....   350.512340: workqueue_execute_start: work struct c4a0c3e4: function hub_event [usbcore]
                  kworker/0:2-95 [000] ....   350.512399: workqueue_execute_end: work struct c4a0c3e4: function hub_event [usbcore]
                  <idle>-0       [001] d.s2.   274.114664: workqueue_queue_work: work struct=00000000477c2406 function=delayed_vfree_work workqueue=events req_cpu=256 cpu=1
                """);
        assertEquals(0, t.skipped(FtraceTrace.Skip.MALFORMED));
        assertEquals(2, count(t, EventType.WORK_QUEUED));
        int q = first(t, EventType.WORK_QUEUED);
        assertEquals(0, TraceDescriptor.peer(t.rows()[3 * q + 1]), "req_cpu 8192 is unbound: the target is cpu=0");
        assertEquals(t.rows()[3 * q + 2], t.rows()[3 * first(t, EventType.WORK_END) + 2], "start and end matched by pointer");
        assertEquals(1, TraceDescriptor.peer(t.rows()[3 * 3 + 1]), "req_cpu 256 is unbound: the target is cpu=1");
    }

    @Test
    void shouldSkipSyscallLines() throws Exception {
        FtraceTrace t = parse("""
                            bash-2200  [000] ....  80.000001: sys_write(fd: 1, buf: 55d0a8c0, count: 2)
                            bash-2200  [000] ....  80.000009: sys_write -> 0x1
                            bash-2200  [000] d..2  80.000010: sched_switch: prev_comm=bash prev_pid=2200 prev_prio=120 prev_state=S ==> next_comm=swapper/0 next_pid=0 next_prio=120
                """);
        assertEquals(2, t.skipped(FtraceTrace.Skip.SYSCALL));
        assertEquals(1, count(t, EventType.TASK_SWITCH));
    }

    @Test
    void shouldReadTraceCmdReportSwitchesAndWakeupsIntoAFlushWait() throws Exception {
        FtraceTrace t = parse("""
                version = 6
                cpus=2
                CPU 1 is empty
                            bash-6528  [000]   274.111216: workqueue_queue_work: work struct=0xffff9a3d3bc2c8c0 function=lru_add_drain_per_cpu workqueue=mm_percpu_wq req_cpu=1 cpu=1
                            bash-6528  [000]   274.111283: sched_switch:         bash:6528 [120] D ==> swapper/0:0 [120]
                          rtloop-900   [001]   274.140000: sched_switch:         rtloop:900 [99] R ==> kworker/1:1:41 [120]
                     kworker/1:1-41    [001]   274.140010: workqueue_execute_start: work struct 0xffff9a3d3bc2c8c0: function lru_add_drain_per_cpu
                     kworker/1:1-41    [001]   274.140020: workqueue_execute_end: work struct 0xffff9a3d3bc2c8c0: function lru_add_drain_per_cpu
                     kworker/1:1-41    [001]   274.140021: workqueue_execute_start: work struct 0xffffb1c0c3e3fd50: function wq_barrier_func
                     kworker/1:1-41    [001]   274.140025: sched_wakeup:         bash:6528 [120] CPU:000
                     kworker/1:1-41    [001]   274.140027: workqueue_execute_end: work struct 0xffffb1c0c3e3fd50: function wq_barrier_func
                     kworker/1:1-41    [001]   274.140030: sched_switch:         kworker/1:1:41 [120] I ==> rtloop:900 [99]
                          <idle>-0     [000]   274.140040: sched_switch:         swapper/0:0 [120] R ==> bash:6528 [120]
                """);
        int f = theFlushWaitOnCpu0ForCpu1sDrain(t);
        assertEquals(274_140_025_000L, t.rows()[3 * f]);
        assertEquals(28_742_000L, t.rows()[3 * f + 2], "from the D-state switch-out to the wakeup");
        int in = first(t, EventType.INTERRUPTION);
        assertEquals(30_000, t.rows()[3 * in + 2], "the FIFO loop was off CPU 1 for the kworker");
        assertEquals(0, TraceDescriptor.peer(t.rows()[3 * in + 1]), "queued from CPU 0");
    }

    /**
     * Lines from a capture on this machine's 6.18 kernel (the importer saw no flush wait there): the
     * kworker on CPU 1 runs the barrier, but the waiter's sched_wakeup is logged on CPU 0, by
     * the wake-list IPI (flag h) 84 µs after the barrier ended: a remote wakeup (ttwu_queue).
     */
    @Test
    void shouldEndAFlushWaitAtARemoteWakeupLoggedOnTheSleepersCpu() throws Exception {
        FtraceTrace t = parse("""
                       qpw-drain-11306   [000] dN.1. 18989.813651: workqueue_queue_work: work struct=000000008fe3395f function=lru_add_drain_per_cpu workqueue=mm_percpu_wq req_cpu=1 cpu=1
                       qpw-drain-11306   [000] dN.4. 18989.813655: sched_wakeup: comm=kworker/1:1 pid=25196 prio=120 target_cpu=001
                       qpw-drain-11306   [000] d..2. 18989.813752: sched_switch: prev_comm=qpw-drain prev_pid=11306 prev_prio=120 prev_state=D ==> next_comm=java next_pid=11286 next_prio=120
                    kworker/1:1H-44      [001] d..2. 18990.667152: sched_switch: prev_comm=kworker/1:1H prev_pid=44 prev_prio=100 prev_state=I ==> next_comm=kworker/1:1 next_pid=25196 next_prio=120
                     kworker/1:1-25196   [001] ..... 18990.667155: workqueue_execute_start: work struct 000000008fe3395f: function lru_add_drain_per_cpu
                     kworker/1:1-25196   [001] ..... 18990.667166: workqueue_execute_end: work struct 000000008fe3395f: function lru_add_drain_per_cpu
                     kworker/1:1-25196   [001] ..... 18990.667166: workqueue_execute_start: work struct 00000000d70a41d8: function wq_barrier_func
                     kworker/1:1-25196   [001] ..... 18990.667199: workqueue_execute_end: work struct 00000000d70a41d8: function wq_barrier_func
                     kworker/1:1-25196   [001] ..... 18990.667200: workqueue_execute_start: work struct 000000000c14c33f: function vmstat_update
                     kworker/1:1-25196   [001] ..... 18990.667205: workqueue_execute_end: work struct 000000000c14c33f: function vmstat_update
                          <idle>-0       [000] dNh2. 18990.667283: sched_wakeup: comm=qpw-drain pid=11306 prio=120 target_cpu=000
                          <idle>-0       [000] d..2. 18990.667299: sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=qpw-drain next_pid=11306 next_prio=120
                """);
        int f = theFlushWaitOnCpu0ForCpu1sDrain(t);
        assertEquals(853_531_000L, t.rows()[3 * f + 2], "from the D-state switch-out to the remote wakeup");
    }

    /** @return the row of the one flush wait: on CPU 0 (the sleeper's), for CPU 1's barrier behind lru_add_drain_per_cpu */
    private static int theFlushWaitOnCpu0ForCpu1sDrain(FtraceTrace t) {
        assertEquals(0, t.skipped(FtraceTrace.Skip.MALFORMED));
        assertEquals(1, t.flushWaits());
        int f = first(t, EventType.FLUSH_WAIT);
        long meta = t.rows()[3 * f + 1];
        assertEquals(0, TraceDescriptor.cpu(meta), "on the CPU where the waiter went to sleep");
        assertEquals(1, TraceDescriptor.peer(meta), "the barrier ran on CPU 1");
        assertEquals(Site.WORK_LRU_DRAIN.code, TraceDescriptor.fn(meta), "the work flushed before the barrier");
        return f;
    }

    @Test
    void shouldNotTakeAWakeupLongAfterABarrierForItsFlush() throws Exception {
        FtraceTrace t = parse("""
                       qpw-drain-11306   [000] d..2. 18989.813752: sched_switch: prev_comm=qpw-drain prev_pid=11306 prev_prio=120 prev_state=D ==> next_comm=java next_pid=11286 next_prio=120
                     kworker/1:1-25196   [001] ..... 18990.667166: workqueue_execute_start: work struct 00000000d70a41d8: function wq_barrier_func
                     kworker/1:1-25196   [001] ..... 18990.667199: workqueue_execute_end: work struct 00000000d70a41d8: function wq_barrier_func
                          <idle>-0       [000] dNh2. 18990.767283: sched_wakeup: comm=qpw-drain pid=11306 prio=120 target_cpu=000
                """);
        assertEquals(0, t.flushWaits(), "woken 100 ms after the barrier: by something else (I/O), not the flush");
    }

    @Test
    void shouldReadTgidColumnsAbsentFlagsBannersAndLostEvents() throws Exception {
        FtraceTrace t = parse("""
                # tracer: nop
                ##### CPU 1 buffer started ####
                 kworker/1:1-41    (     41) [001] .N...  10.000001: workqueue_execute_start: work struct 0000000012345678: function vmstat_update
                 kworker/1:1-41    (-------) [001]  10.000002: workqueue_execute_end: work struct 0000000012345678: function vmstat_update
                CPU:1 [LOST 12 EVENTS]
                 kworker/1:1-41    [001] ....  10.000003: workqueue_execute_end: work struct 00000000abcdef00
                """);
        assertEquals(3, t.eventLines());
        assertEquals(12, t.lostEvents());
        assertEquals(1, count(t, EventType.WORK_START));
        assertEquals(1, count(t, EventType.WORK_END));
        assertEquals(1, t.unmatchedEnds(), "an end whose start came before the capture");
    }

    @Test
    void shouldCountIrqAndSoftirqTimeAsNoiseOfTheRunningTaskButNotOfIdle() throws Exception {
        FtraceTrace t = parse("""
                  rtloop-900   [001] d..2  5.000000: sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=rtloop next_pid=900 next_prio=19
                  rtloop-900   [001] d.h.  5.000100: irq_handler_entry: irq=24 name=eth0
                  rtloop-900   [001] d.h.  5.000104: irq_handler_exit: irq=24 ret=handled
                  rtloop-900   [001] ..s.  5.000200: softirq_entry: vec=1 [action=TIMER]
                  rtloop-900   [001] d.h.  5.000210: irq_handler_entry: irq=24 name=eth0
                  rtloop-900   [001] d.h.  5.000212: irq_handler_exit: irq=24 ret=handled
                  rtloop-900   [001] ..s.  5.000230: softirq_exit: vec=1 [action=TIMER]
                  <idle>-0     [000] d.h.  5.000300: irq_handler_entry: irq=24 name=eth0
                  <idle>-0     [000] d.h.  5.000310: irq_handler_exit: irq=24 ret=handled
                  <idle>-0     [000] d..2  5.000400: sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=bash next_pid=5 next_prio=120
                """);
        assertEquals(3, count(t, EventType.NOISE), "two irqs and a softirq on CPU 1, nothing for CPU 0 whose irq came in idle");
        long[] ns = new long[3];
        int k = 0;
        for (int i = 0; i < t.count(); i++) if (TraceDescriptor.type(t.rows()[3 * i + 1]) == EventType.NOISE.code) ns[k++] = t.rows()[3 * i + 2];
        assertArrayEquals(new long[] {4_000, 2_000, 28_000}, ns, "the softirq's 30 us less the 2 us irq nested in it");
    }

    @Test
    void shouldDeriveTheFlushWaitOfARealDrainCapture() throws Exception {
        Path real = Path.of(FtraceRealLinesTest.class.getResource("real-drain.txt").toURI());
        FtraceImport.Result r = FtraceImport.read(real, null, 1L << 1);
        FtraceTrace t = r.trace();
        assertEquals(0, t.skipped(FtraceTrace.Skip.MALFORMED));
        assertEquals(0, t.skipped(FtraceTrace.Skip.NOT_FTRACE), "the header comment lines are headers");
        Recording rec = r.recording();
        LaneEvents cpu1 = rec.lane(1);
        int f = -1;
        for (int i = 0; i < cpu1.size(); i++) if (cpu1.type(i) == EventType.FLUSH_WAIT.code) f = i;
        assertTrue(f >= 0, "bash slept in D on CPU 1 in flush_work until the barrier on CPU 0 ended");
        assertEquals(0, TraceDescriptor.peer(cpu1.meta(f)));
        assertEquals(Site.WORK_LRU_DRAIN.code, TraceDescriptor.fn(cpu1.meta(f)));
        assertEquals(43_000, cpu1.payload(f), "274.111283 (D) to 274.111326 (barrier end)");
        assertEquals(1, t.flushWaits(), "the later D sleep at 274.482804 has no barrier: not a flush wait");
    }

    @Test
    void shouldTakeTheIsolatedCpusFromABootLineTheCaptureRecords(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("with-cmdline.txt");
        java.nio.file.Files.writeString(f, """
                # tracer: nop
                # cmdline: BOOT_IMAGE=/vmlinuz root=/dev/sda1 isolcpus=managed_irq,domain,3 nohz_full=3 qpw=1
                  rtloop-900 [003] d..2  5.000000: sched_switch: prev_comm=rtloop prev_pid=900 prev_prio=98 prev_state=R ==> next_comm=kworker/3:1 next_pid=41 next_prio=120
                """);
        FtraceImport.Result r = FtraceImport.read(f, null, 0);
        assertTrue(r.recording().meta().isolated(3));
        assertFalse(r.recording().meta().isolated(2));
        assertTrue(r.recording().meta().bootLine().contains("nohz_full=3"), r.recording().meta().bootLine());
        FtraceImport.Result given = FtraceImport.read(f, null, 1L << 2);
        assertTrue(given.recording().meta().isolated(2), "--isolated wins over the boot line");
        assertFalse(given.recording().meta().isolated(3));
        assertEquals(0b1010, BootLineCpus.isolatedMask("quiet isolcpus=domain,1 nohz_full=3"));
        assertEquals(0, BootLineCpus.isolatedMask("isolcpus=managed_irq,2-3"), "managed_irq alone isolates nothing");
        assertEquals(0b1100, BootLineCpus.isolatedMask("isolcpus=2-3"));
    }
}
