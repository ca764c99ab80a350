package io.qpwscope.ftrace;

import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FtraceParserTest {
    static final long ORIGIN = 6520_912_800_000L;
    @TempDir Path dir;

    static Path sample() throws URISyntaxException {
        return Path.of(FtraceParserTest.class.getResource("flushbufs-qpw0.txt").toURI());
    }

    static List<Integer> types(LaneEvents lane) {
        List<Integer> t = new ArrayList<>();
        for (int i = 0; i < lane.size(); i++) t.add(lane.type(i));
        return t;
    }

    static int find(LaneEvents lane, EventType type) {
        for (int i = 0; i < lane.size(); i++) if (lane.type(i) == type.code) return i;
        fail("no " + type + " on cpu " + lane.cpu());
        return -1;
    }

    @Test
    void shouldImportTheFlushbufsDrainWithItsInterruptionOfTheIsolatedCpu() throws Exception {
        FtraceImport.Result r = FtraceImport.read(sample(), null, 1L << 3);
        Recording rec = r.recording();
        assertEquals(4, rec.cpus());
        assertEquals(13, rec.eventCount());
        assertEquals(14, r.trace().eventLines());
        assertEquals(2, r.trace().unknownEvents(), "workqueue_activate_work and ipi_send_cpu are skipped");
        assertEquals(1, r.trace().otherLines(), "the LOST EVENTS line");
        assertEquals(3, rec.overruns(), "CPU:2 [LOST 3 EVENTS] is not hidden");
        assertEquals(ORIGIN, r.trace().originNs());
        assertEquals("ftrace: flushbufs-qpw0.txt", rec.meta().scenarioName());
        assertTrue(rec.meta().isolated(3));
        assertFalse(rec.meta().isolated(1));

        LaneEvents cpu0 = rec.lane(0);
        assertEquals(List.of(EventType.WORK_QUEUED.code, EventType.WORK_QUEUED.code), types(cpu0));
        assertEquals(0, cpu0.ts(0));
        assertEquals(1, TraceDescriptor.peer(cpu0.meta(0)));
        assertEquals(3, TraceDescriptor.peer(cpu0.meta(1)));
        assertEquals(Site.WORK_LRU_DRAIN.code, TraceDescriptor.fn(cpu0.meta(1)));
        long seqToCpu3 = cpu0.payload(1);

        LaneEvents cpu3 = rec.lane(3);
        assertEquals(List.of(EventType.TASK_SWITCH.code, EventType.WORK_START.code, EventType.WORK_END.code,
                EventType.NOISE.code, EventType.TASK_SWITCH.code, EventType.INTERRUPTION.code), types(cpu3));
        assertEquals((TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_KWORKER, TraceDescriptor.aux(cpu3.meta(0)));
        assertEquals((TraceDescriptor.TASK_KWORKER << 8) | TraceDescriptor.TASK_USER, TraceDescriptor.aux(cpu3.meta(4)));
        int start = find(cpu3, EventType.WORK_START);
        assertEquals(seqToCpu3, cpu3.payload(start), "matched to its queuing by work struct pointer");
        assertEquals(3, TraceDescriptor.peer(cpu3.meta(start)));
        assertEquals(seqToCpu3, cpu3.payload(find(cpu3, EventType.WORK_END)));

        int in = find(cpu3, EventType.INTERRUPTION);
        assertEquals(35_000, cpu3.payload(in), "rtloop off CPU from 912850 to 912885 us");
        assertEquals(85_000, cpu3.ts(in));
        assertEquals(0, TraceDescriptor.peer(cpu3.meta(in)), "queued by blockdev on CPU 0");
        assertEquals(Site.WORK_LRU_DRAIN.code, TraceDescriptor.fn(cpu3.meta(in)));

        int noise = find(cpu3, EventType.NOISE);
        assertEquals(33_000, cpu3.payload(noise));
        assertEquals(51_000 + 33_000, cpu3.ts(noise), "noise is stamped at start + duration");

        assertEquals(List.of(EventType.TASK_SWITCH.code, EventType.WORK_START.code, EventType.WORK_END.code,
                EventType.TASK_SWITCH.code), types(rec.lane(1)));
        assertEquals(List.of(EventType.TASK_SWITCH.code), types(rec.lane(2)), "task name with a space");
        assertEquals(TraceDescriptor.TASK_USER << 8, TraceDescriptor.aux(rec.lane(2).meta(0)));
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents l = rec.lane(c);
            for (int i = 1; i < l.size(); i++) assertTrue(l.ts(i - 1) <= l.ts(i), "lane " + c + " sorted at " + i);
        }
    }

    @Test
    void shouldWriteARecordingThatLoadsBackWithTheSameEvents() throws Exception {
        Path out = dir.resolve("real.qpwrec");
        FtraceImport.Result r = FtraceImport.importFile(sample(), out, 8, 0b1000);
        LoadedRecording back = RecordingReader.load(out);
        assertEquals(r.recording().eventCount(), back.events());
        assertEquals(8, back.recording().cpus());
        assertEquals("imported from ftrace", back.recording().meta().effectiveReason());
        assertEquals(35_000, back.recording().lane(3).payload(find(back.recording().lane(3), EventType.INTERRUPTION)));
        assertTrue(back.complete());
        assertEquals(3, back.recording().overruns());
        assertFalse(Files.exists(RecordingFiles.partialPath(out)));
    }

    @Test
    void shouldSkipAndCountAMalformedEventNamingItsLine() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(sample()));
        lines.add(14, "          rtloop-2201  [003] d..2.  6520.912851: sched_switch: prev_comm=rtloop prev_pid=oops");
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, lines);
        FtraceImport.Result r = FtraceImport.read(bad, null, 0);
        assertEquals(1, r.trace().skipped(FtraceTrace.Skip.MALFORMED));
        assertEquals(15, r.trace().firstMalformedLine());
        assertTrue(r.trace().skipSummary().contains("1 event lines whose fields did not read (first at line 15)"), r.trace().skipSummary());
        assertEquals(13, r.recording().eventCount(), "the rest imports as before");
    }

    @Test
    void shouldRejectOnlyAFileWithNoFtraceLineNamingItsFirstLine() throws Exception {
        Path notTrace = dir.resolve("notes.txt");
        Files.writeString(notTrace, "# my notes\nhello world\n");
        FtraceFormatException e = assertThrows(FtraceFormatException.class, () -> FtraceImport.read(notTrace, null, 0));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("notes.txt:2: not an ftrace line"), e.getMessage());
    }

    @Test
    void shouldAcceptFlagsOfAnyWidth() throws Exception {
        String text = "  kworker/18:1-453 [018] d..2.. 6520.912873: workqueue_execute_end: work struct 00000000deadbeef";
        FtraceTrace t = FtraceParser.parse(new BufferedReader(new StringReader("# c\n" + text)), "t.txt");
        assertEquals(1, t.eventLines());
        assertEquals(1, t.unmatchedEnds(), "an end whose start came before the capture");
        assertEquals(18, t.maxCpu());
    }

    @Test
    void shouldReadTaskNamesWithDashesTgidColumnsAndAnyFlagWidth() {
        FtraceLine a = FtraceLine.parse("kworker/18:1-453 [018] d..2.  6520.912873: workqueue_queue_work: x");
        assertEquals("kworker/18:1", a.task());
        assertEquals(453, a.pid());
        assertEquals(18, a.cpu());
        assertEquals(6520_912_873_000L, a.tsNs());
        assertEquals("workqueue_queue_work", a.event());
        FtraceLine b = FtraceLine.parse("  my-app-x-77 (-------) [002] dN.3  12.000000001: sched_switch: y");
        assertEquals("my-app-x", b.task());
        assertEquals(77, b.pid());
        assertEquals(12_000_000_001L, b.tsNs());
        FtraceLine c = FtraceLine.parse("  cat-9 (      9) [000] d..2.1. 1.5: foo: ");
        assertEquals(1_500_000_000L, c.tsNs());
        FtraceLine d = FtraceLine.parse("  cat-9 [000] 1.5: foo: bar");
        assertEquals("bar", d.fields());
        assertNull(FtraceLine.parse("# tracer: nop"));
        assertNull(FtraceLine.parse("CPU:2 [LOST 3 EVENTS]"));
        assertNull(FtraceLine.parse("##### CPU 1 buffer started ####"));
    }

    @Test
    void shouldNotCountAVoluntarySleepAsAnInterruption() throws Exception {
        String text = """
                  rtloop-5 [001] d..2 1.000000: sched_switch: prev_comm=rtloop prev_pid=5 prev_prio=120 prev_state=S ==> next_comm=kworker/1:0 next_pid=7 next_prio=120
             kworker/1:0-7 [001] d..2 1.000010: sched_switch: prev_comm=kworker/1:0 prev_pid=7 prev_prio=120 prev_state=I ==> next_comm=rtloop next_pid=5 next_prio=120
            """;
        FtraceTrace t = FtraceParser.parse(new BufferedReader(new StringReader(text)), "s.txt");
        assertEquals(2, t.count());
        for (int i = 0; i < t.count(); i++) assertEquals(EventType.TASK_SWITCH.code, TraceDescriptor.type(t.rows()[3 * i + 1]));
    }

    @Test
    void aThrottledWindowIsTheKworkersInterruptionThenNoiseUntilTheTaskRunsAgain() throws Exception {
        String text = """
                    bash-9 [000] d..1. 1.000000: workqueue_queue_work: work struct=0000000000000abc function=lru_add_drain_per_cpu workqueue=mm_percpu_wq req_cpu=1 cpu=1
                  rtloop-5 [001] d..2. 1.000100: sched_switch: prev_comm=rtloop prev_pid=5 prev_prio=98 prev_state=R ==> next_comm=kworker/1:1 next_pid=41 next_prio=120
             kworker/1:1-41 [001] ..... 1.000110: workqueue_execute_start: work struct 0000000000000abc: function lru_add_drain_per_cpu
             kworker/1:1-41 [001] ..... 1.000130: workqueue_execute_end: work struct 0000000000000abc: function lru_add_drain_per_cpu
             kworker/1:1-41 [001] d..2. 1.000140: sched_switch: prev_comm=kworker/1:1 prev_pid=41 prev_prio=120 prev_state=I ==> next_comm=swapper/1 next_pid=0 next_prio=120
                  <idle>-0 [001] d..2. 1.050100: sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=rtloop next_pid=5 next_prio=98
                """;
        FtraceTrace t = FtraceParser.parse(new BufferedReader(new StringReader(text)), "throttled.txt");
        long interruption = -1, noise = -1;
        for (int i = 0; i < t.count(); i++) {
            int type = TraceDescriptor.type(t.rows()[3 * i + 1]);
            if (type == EventType.INTERRUPTION.code) interruption = t.rows()[3 * i + 2];
            if (type == EventType.NOISE.code) noise = t.rows()[3 * i + 2];
        }
        assertEquals(40_000, interruption, "the interruption is the kworker's run, switch-out to the idle switch");
        assertEquals(49_960_000, noise, "the throttled rest, idle until the task runs again, is a gap in its loop");
    }

    @Test
    void shouldMapKernelFunctionNamesToSites() {
        assertEquals(Site.WORK_SLUB_FLUSH, KernelSites.of("flush_cpu_slab"));
        assertEquals(Site.WORK_SLUB_FLUSH, KernelSites.of("flush_cpu_sheaves"));
        assertEquals(Site.WORK_MEMCG_DRAIN, KernelSites.of("drain_local_stock+0x0/0x90"));
        assertEquals(Site.WORK_BH_LRU, KernelSites.of("invalidate_bh_lru"));
        assertEquals(Site.NONE, KernelSites.of("vmstat_update"));
    }
}
