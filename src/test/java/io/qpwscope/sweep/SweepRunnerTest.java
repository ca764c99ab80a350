package io.qpwscope.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
    private static final long RUN_NS = 200_000_000L;

    @Test
    void shouldRunEveryValueInBothModesWithTheParameterChanged() throws Exception {
        SweepRunner runner = new SweepRunner(SweepPlan.of(TinyScenario.load(), SweepParameter.parse("machine.cpus=3,4")), RUN_NS);
        List<String> started = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        SweepResult r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> runner.run(new SweepListener() {
            @Override
            public void starting(int index, int total, String value, int qpw) {
                started.add(index + "/" + total + ":" + value + ":" + qpw);
            }

            @Override
            public void finished(int d, int total, SweepRow row) {
                done.add(d);
            }
        }));
        assertEquals(List.of("0/4:3:0", "1/4:3:1", "2/4:4:0", "3/4:4:1"), started);
        assertEquals(List.of(1, 2, 3, 4), done);
        assertFalse(r.cancelled());
        assertEquals(List.of("3", "3", "4", "4"), r.rows().stream().map(SweepRow::value).toList());
        assertEquals(List.of(0, 1, 0, 1), r.rows().stream().map(SweepRow::qpw).toList());
        assertEquals(List.of(0, 1, 0, 1), r.rows().stream().map(SweepRow::effectiveQpw).toList());
        assertEquals(List.of(3, 3, 4, 4), r.rows().stream().map(SweepRow::cpus).toList(), "machine.cpus reached the engine");
        for (SweepRow row : r.rows()) {
            assertTrue(row.ok(), row.note());
            assertEquals(1, row.isolatedCpus());
            assertTrue(row.durationNs() >= RUN_NS, "each run lasts its length: " + row.durationNs());
            assertTrue(row.hostStealShare() >= 0 && row.hostStealShare() <= 1, "steal is a share: " + row.hostStealShare());
            assertTrue(row.worstInterruptionKernelNs() >= 0 && row.interruptions() >= 0);
            if (row.interruptions() == 0) assertEquals(0, row.worstInterruptionKernelNs());
            assertTrue(row.interruptionsSplit() <= row.interruptions(), "a split interruption was counted: " + row);
            if (row.fastPathNsPerOp() != null) {
                assertTrue(row.fastPathLowNs() <= row.fastPathNsPerOp() && row.fastPathNsPerOp() <= row.fastPathHighNs(),
                        "the median lies in its interval: " + row);
            }
        }
        for (SweepRow row : r.rows()) {
            if (row.qpw() == 1) assertEquals(0, row.workQueuedToIsolated(), "qpw=1 drains the isolated CPU remotely: " + row);
        }
        assertTrue(r.rows().stream().anyMatch(row -> row.qpw() == 1 && row.workDoneByCaller() > 0),
                "some qpw=1 run drained a remote CPU itself: " + r.rows());
    }

    @Test
    void shouldStopWithinAPollWhenCancelledDuringARun() throws Exception {
        SweepRunner runner = new SweepRunner(SweepPlan.of(TinyScenario.load(), SweepParameter.parse("triggers[0].everyMs=50,100")),
                60_000_000_000L);
        CountDownLatch running = new CountDownLatch(1);
        List<SweepRow> finished = new ArrayList<>();
        Thread canceller = new Thread(() -> {
            try {
                if (running.await(30, TimeUnit.SECONDS)) {
                    Thread.sleep(100);
                    runner.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        SweepResult r = assertTimeoutPreemptively(Duration.ofSeconds(40), () -> runner.run(new SweepListener() {
            @Override
            public void starting(int index, int total, String value, int qpw) {
                running.countDown();
            }

            @Override
            public void finished(int done, int total, SweepRow row) {
                finished.add(row);
            }
        }));
        canceller.join(5000);
        assertTrue(r.cancelled());
        assertTrue(r.rows().isEmpty(), "the cut-short run is dropped: " + r.rows());
        assertTrue(finished.isEmpty());
        assertEquals(List.of("50", "100"), r.values());
    }

    @Test
    void shouldStartNoFurtherRunOnceCancelledBetweenRuns() throws Exception {
        SweepRunner runner = new SweepRunner(SweepPlan.of(TinyScenario.load(), SweepParameter.parse("triggers[0].everyMs=50,100")), RUN_NS);
        SweepResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> runner.run(new SweepListener() {
            @Override
            public void finished(int done, int total, SweepRow row) {
                runner.cancel();
            }
        }));
        assertTrue(r.cancelled());
        assertEquals(1, r.rows().size());
        assertEquals("50", r.rows().getFirst().value());
    }

    @Test
    void shouldWriteCsvAtomicallyWithOneLinePerRow(@TempDir Path dir) throws Exception {
        SweepRow row = new SweepRow("1,3", 1, 1, 4, 2, 500_000_000L, 3, 6.0, 3, 12_000, 15_000, 0, 4, 8_000_000, 0.25,
                41.5, 40.0, 43.0, true, "");
        SweepResult r = new SweepResult("s", "isolated", List.of("1,3"), 500_000_000L, false, List.of(row, row));
        Path out = dir.resolve("sweep.csv");
        Files.writeString(out, "old");
        SweepCsv.write(r, out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertEquals(SweepCsv.HEADER, lines.getFirst());
        assertTrue(lines.get(1).startsWith("isolated,\"1,3\",1,1,4,2,500000000,3,6.0000,3,12000,15000,0,4,8000000,0.2500,41.5000"),
                lines.get(1));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
        assertNotNull(SweepCsv.format(r));
    }
}
