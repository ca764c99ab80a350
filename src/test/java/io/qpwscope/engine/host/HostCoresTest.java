package io.qpwscope.engine.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCoresTest {
    @TempDir
    Path dir;

    private void cpu(int n, int pkg, int core) throws IOException {
        Path topo = dir.resolve("sys/cpu" + n + "/topology");
        Files.createDirectories(topo);
        Files.writeString(topo.resolve("physical_package_id"), pkg + "\n");
        Files.writeString(topo.resolve("core_id"), core + "\n");
    }

    @Test
    void shouldCountDistinctPackageCorePairsFromSysfs() throws IOException {
        cpu(0, 0, 0);
        cpu(1, 0, 1);
        cpu(2, 0, 0); // hyperthread sibling of cpu0
        cpu(3, 0, 1);
        cpu(4, 1, 0); // same core id on another package is another core
        Files.createDirectories(dir.resolve("sys/cpufreq")); // not a cpuN entry
        HostCores h = HostCores.detect(dir.resolve("sys"), dir.resolve("none"), 2);
        assertEquals(new HostCores(3, 5, 2, "sysfs topology"), h);
    }

    @Test
    void shouldFallBackToCpuinfo() throws IOException {
        Files.writeString(dir.resolve("cpuinfo"), """
                processor	: 0
                physical id	: 0
                core id		: 0

                processor	: 1
                physical id	: 0
                core id		: 0

                processor	: 2
                physical id	: 0
                core id		: 1
                """);
        HostCores h = HostCores.detect(dir.resolve("nosys"), dir.resolve("cpuinfo"), 3);
        assertEquals(2, h.physicalCores());
        assertEquals(3, h.logicalCpus());
        assertEquals("/proc/cpuinfo", h.note());
    }

    @Test
    void shouldFallBackToAvailableProcessorsWithANote() {
        HostCores h = HostCores.detect(dir.resolve("nosys"), dir.resolve("nocpuinfo"), 4);
        assertEquals(4, h.physicalCores());
        assertEquals(4, h.logicalCpus());
        assertTrue(h.note().contains("assumed"), h.note());
    }

    @Test
    void shouldWarnOnlyWhenEmulatedCpusAndUiExceedTheAvailableProcessors() {
        HostCores two = new HostCores(2, 2, 2, "test");
        assertEquals("6 emulated CPUs + UI on 2 host cores: host steal expected; figures split it out",
                two.oversubscription(6, true));
        assertEquals("3 emulated CPUs on 2 host cores: host steal expected; figures split it out",
                two.oversubscription(3, false));
        assertEquals("", two.oversubscription(2, false));
        assertEquals("2 emulated CPUs + UI on 2 host cores: host steal expected; figures split it out",
                two.oversubscription(2, true));
        assertEquals("1 emulated CPU + UI on 1 host core: host steal expected; figures split it out",
                new HostCores(1, 1, 1, "test").oversubscription(1, true));
    }

    @Test
    void shouldDescribeThisMachine() {
        HostCores h = HostCores.detect();
        assertTrue(h.physicalCores() >= 1 && h.physicalCores() <= h.logicalCpus(), h.toString());
        assertEquals(Runtime.getRuntime().availableProcessors(), h.availableProcessors());
    }
}
