package io.qpwscope.engine.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadSchedStatTest {
    @TempDir
    Path proc;

    private ThreadSchedStat fake(String content) throws IOException {
        Path f = proc.resolve("self/task/4242/schedstat");
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return ThreadSchedStat.openThread(proc, 4242);
    }

    @Test
    void shouldParseTheThreeFieldsOfASchedstatLine() throws IOException {
        try (ThreadSchedStat s = fake("5362969532 12313182319 2745\n")) {
            assertTrue(s.read());
            assertEquals(5_362_969_532L, s.runNs());
            assertEquals(12_313_182_319L, s.waitNs());
            assertEquals(2745, s.slices());
        }
    }

    @Test
    void shouldParseZerosAndLargestValues() throws IOException {
        try (ThreadSchedStat s = fake("0 0 0\n")) {
            assertTrue(s.read());
            assertEquals(0, s.runNs() + s.waitNs() + s.slices());
        }
        try (ThreadSchedStat s = fake("9223372036854775807 18446744073 1\n")) {
            assertTrue(s.read());
            assertEquals(Long.MAX_VALUE, s.runNs());
            assertEquals(18_446_744_073L, s.waitNs());
            assertEquals(1, s.slices());
        }
    }

    @Test
    void shouldRereadFromOffsetZeroWhenTheFileChanges() throws IOException {
        try (ThreadSchedStat s = fake("10 20 3\n")) {
            assertTrue(s.read());
            assertEquals(3, s.slices());
            Files.writeString(s.path(), "11 25 4\n");
            assertTrue(s.read());
            assertEquals(11, s.runNs());
            assertEquals(25, s.waitNs());
            assertEquals(4, s.slices());
        }
    }

    @Test
    void shouldRejectMalformedLinesAndKeepTheLastGoodValues() throws IOException {
        try (ThreadSchedStat s = fake("1 2 3\n")) {
            assertTrue(s.read());
            for (String bad : new String[] {"", "1 2\n", "1 x 3\n", "-1 2 3\n"}) {
                Files.writeString(s.path(), bad);
                assertFalse(s.read(), bad);
                assertEquals(1, s.runNs());
                assertEquals(2, s.waitNs());
                assertEquals(3, s.slices());
            }
        }
    }

    @Test
    void shouldReadTheCallingThreadsRealFileWithAGrowingRunTime() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")));
        try (ThreadSchedStat s = ThreadSchedStat.openCurrentThread(HostTime.PROC)) {
            assertTrue(s.read());
            long run0 = s.runNs(), slices0 = s.slices();
            long sink = 0;
            for (int round = 0; round < 1000 && s.runNs() == run0; round++) {
                for (int i = 0; i < 1_000_000; i++) sink += i ^ round;
                assertTrue(s.read());
            }
            assertTrue(s.runNs() > run0, "on-core time advances (sink " + sink + ")");
            assertTrue(s.slices() >= slices0);
        }
    }
}
