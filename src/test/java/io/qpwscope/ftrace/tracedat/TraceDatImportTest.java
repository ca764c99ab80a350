package io.qpwscope.ftrace.tracedat;

import io.qpwscope.ftrace.FtraceFormatException;
import io.qpwscope.ftrace.FtraceImport;
import io.qpwscope.ftrace.FtraceTrace;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.*;

class TraceDatImportTest {
    @TempDir Path dir;

    static int count(Recording rec, EventType type) {
        int n = 0;
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            for (int i = 0; i < lane.size(); i++) if (lane.type(i) == type.code) n++;
        }
        return n;
    }

    @Test
    void shouldImportTheCapturedDrainAsTheTextImporterWould() throws Exception {
        FtraceImport.Result r = FtraceImport.read(TraceDatFixtures.file("v6.dat", dir), null, 0);
        Recording rec = r.recording();
        assertEquals(2, rec.cpus());
        assertEquals(25, count(rec, EventType.WORK_QUEUED), "one per workqueue_queue_work");
        assertEquals(27, count(rec, EventType.WORK_START), "one per workqueue_execute_start");
        assertEquals(2062, count(rec, EventType.TASK_SWITCH), "one per sched_switch");
        assertEquals(27 - r.trace().unmatchedEnds(), count(rec, EventType.WORK_END));
        assertEquals(3762, r.trace().eventLines(), "every event of the buffer");
        assertEquals(25, r.trace().unknownEvents(), "only workqueue_activate_work is skipped; wakeups and softirqs are mapped");
        assertEquals(296, count(rec, EventType.NOISE), "each softirq_exit (296) ran in a task, none in idle (common_pid 0)");
        assertEquals(2, count(rec, EventType.FLUSH_WAIT), "flush waits ended by the waiter's sched_wakeup from wq_barrier_func");
        assertEquals(2, r.trace().flushWaits());
        assertEquals(356_894_613_515L, r.trace().originNs(), "trace-cmd report's first timestamp");
        boolean[] drained = new boolean[2];
        LaneEvents lane;
        for (int c = 0; c < 2; c++) {
            lane = rec.lane(c);
            for (int i = 0; i < lane.size(); i++) {
                if (lane.type(i) == EventType.WORK_QUEUED.code && TraceDescriptor.fn(lane.meta(i)) == Site.WORK_LRU_DRAIN.code) {
                    drained[TraceDescriptor.peer(lane.meta(i))] = true;
                }
            }
        }
        assertArrayEquals(new boolean[] {true, true}, drained, "lru_add_drain_all queued lru_add_drain_per_cpu to both CPUs (via kallsyms)");
    }

    @Test
    void shouldTurnIrqHandlersAndSoftirqsOfTheZlibCaptureIntoNoiseOfTheRunningTask() throws Exception {
        FtraceImport.Result r = FtraceImport.read(TraceDatFixtures.file("v7-zlib.dat", dir), null, 0);
        Recording rec = r.recording();
        assertEquals(0, r.trace().unknownEvents(), "every event of the capture is mapped");
        // trace-cmd report: 218 of the 275 irq_handler_exit/softirq_exit events ran in a task, 57 in <idle>-0
        assertEquals(218, count(rec, EventType.NOISE));
        long origin = r.trace().originNs();
        boolean found = false;
        LaneEvents cpu1 = rec.lane(1);
        for (int i = 0; i < cpu1.size(); i++) {
            // dd-27978 [001] 11054.938479618: irq_handler_entry: irq=42 ... 11054.938523420: irq_handler_exit
            if (cpu1.type(i) == EventType.NOISE.code && cpu1.ts(i) + origin == 11_054_938_523_420L) {
                assertEquals(43_802, cpu1.payload(i), "handler ns, exit - entry");
                found = true;
            }
        }
        assertTrue(found, "the virtio3-tx handler that interrupted dd on CPU 1");
    }

    @Test
    void shouldMakeTheSameRecordsFromEveryVersionAndCompression() throws Exception {
        FtraceTrace v6 = TraceDatImport.read(TraceDatFixtures.file("v6.dat", dir), null);
        for (String name : new String[] {"v7-zstd.dat", "v7-none.dat.gz"}) {
            FtraceTrace t = TraceDatImport.read(TraceDatFixtures.file(name, dir), null);
            assertEquals(v6.count(), t.count(), name);
            assertArrayEquals(Arrays.copyOf(v6.rows(), 3 * v6.count()), Arrays.copyOf(t.rows(), 3 * t.count()), name);
        }
    }

    @Test
    void shouldReadANamedBufferAndNameTheOnesThereAreForAnUnknownOne() throws Exception {
        TraceDatFile f = TraceDatReader.read(ByteBuffer.wrap(TraceDatFixtures.bytes("v7-zstd.dat")), "v7-zstd.dat");
        assertEquals(3762, TraceDatImport.read(f, "qpwdat").eventLines());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceDatImport.read(f, "nope"));
        assertEquals("v7-zstd.dat: no buffer \"nope\" in the file (it has [qpwdat])", e.getMessage());
        TraceDatFile v6 = TraceDatReader.read(ByteBuffer.wrap(TraceDatFixtures.bytes("v6.dat")), "v6.dat");
        assertEquals(0, TraceDatImport.read(v6, "").eventLines(), "v6 always has the top buffer; it was not traced");
        assertEquals(3762, TraceDatImport.read(v6, "qpwdat").eventLines(), "the instance, from a v6 BUFFER option");
    }

    @Test
    void shouldNameFileAndOffsetForWrongMagic() throws Exception {
        byte[] b = TraceDatFixtures.bytes("v6.dat");
        b[1] = 0x09;
        TraceDatFormatException e = assertThrows(TraceDatFormatException.class, () -> TraceDatReader.read(ByteBuffer.wrap(b), "x.dat"));
        assertEquals("x.dat: byte 0: not a trace.dat: the file does not start with \"\\x17\\x08\\x44tracing\"", e.getMessage());
    }

    @Test
    void shouldNameTheOffsetWhereATruncatedFileEnds() throws Exception {
        for (String name : TraceDatFixtures.FILES) {
            byte[] whole = TraceDatFixtures.bytes(name);
            TraceDatBuffer.CpuData last = TraceDatReader.read(ByteBuffer.wrap(whole), name).buffer(null).cpus().getLast();
            for (int cut : new int[] {5, 20, 300, (int) last.offset() + 10, (int) (last.offset() + last.size() / 2)}) {
                byte[] b = Arrays.copyOf(whole, cut);
                TraceDatFormatException e = assertThrows(TraceDatFormatException.class, () -> {
                    TraceDatFile f = TraceDatReader.read(ByteBuffer.wrap(b), "cut.dat");
                    TraceDatImport.read(f, null);
                }, name + " cut at " + cut);
                assertTrue(e.getMessage().startsWith("cut.dat: byte "), e.getMessage());
                assertTrue(e.offset() <= cut, e.getMessage());
                assertFalse(e.getMessage().contains("\n"));
            }
        }
    }

    @Test
    void shouldReportACorruptCompressedChunkAtItsOffset() throws Exception {
        byte[] b = TraceDatFixtures.bytes("v7-zstd.dat");
        TraceDatFile f = TraceDatReader.read(ByteBuffer.wrap(b), "z.dat");
        TraceDatBuffer.CpuData cpu0 = f.buffer(null).cpus().getFirst();
        int chunk = (int) cpu0.offset() + 4; // after the chunk count: zsize, usize, zstd frame
        for (int i = chunk + 8 + 4; i < chunk + 8 + 64; i++) b[i] ^= 0x5a; // past the frame magic
        TraceDatFormatException e = assertThrows(TraceDatFormatException.class,
                () -> TraceDatImport.read(TraceDatReader.read(ByteBuffer.wrap(b), "z.dat"), null));
        assertTrue(e.getMessage().startsWith("z.dat: byte " + chunk + ": CPU 0 compressed chunk: "), e.getMessage());
    }

    @Test
    void shouldExitTwoWithOneLineForABrokenTraceDatOnImport() throws Exception {
        Path bad = dir.resolve("bad.dat");
        Files.write(bad, Arrays.copyOf(TraceDatFixtures.bytes("v6.dat"), 4000));
        FtraceFormatException e = assertThrows(FtraceFormatException.class, () -> FtraceImport.read(bad, null, 0));
        assertTrue(e.getMessage().startsWith("bad.dat: byte "), e.getMessage());
    }

    @Test
    void shouldInflateZlibSectionsAndRefuseCorruptOnes() {
        byte[] plain = "header_page\0 zlib as trace-cmd's zlib plugin writes it".repeat(20).getBytes();
        Deflater d = new Deflater();
        d.setInput(plain);
        d.finish();
        byte[] z = new byte[plain.length + 64];
        int n = d.deflate(z);
        d.end();
        assertArrayEquals(plain, SectionCodec.ZLIB.decompress(ByteBuffer.wrap(z, 0, n), plain.length));
        z[n / 2] ^= (byte) 0xff;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SectionCodec.ZLIB.decompress(ByteBuffer.wrap(z, 0, n), plain.length));
        assertTrue(e.getMessage().contains("zlib"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SectionCodec.named("lz4"));
    }
}
