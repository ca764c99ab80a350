package io.qpwscope.engine.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the host offers the emulated CPUs: physical cores, logical CPUs (hardware threads),
 * and the processors this JVM may use (cgroup quota and affinity mask applied).
 *
 * @param physicalCores distinct (package, core) pairs; equals {@code logicalCpus} when the
 *                      topology could not be read (then {@code note} says so)
 * @param logicalCpus logical CPUs the kernel lists
 * @param availableProcessors {@link Runtime#availableProcessors()}
 * @param note how the figures were obtained, or why they are estimates
 */
public record HostCores(int physicalCores, int logicalCpus, int availableProcessors, String note) {
    public static final Path SYS_CPU = Path.of("/sys/devices/system/cpu");
    public static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** @return this machine's figures. */
    public static HostCores detect() {
        return detect(SYS_CPU, CPUINFO, Runtime.getRuntime().availableProcessors());
    }

    /** Reads sysfs topology, else /proc/cpuinfo, else falls back to {@code available}. */
    public static HostCores detect(Path sysCpu, Path cpuinfo, int available) {
        HostCores h = fromSysfs(sysCpu, available);
        if (h == null) h = fromCpuinfo(cpuinfo, available);
        if (h == null) h = new HostCores(available, available, available,
                "no CPU topology readable: cores assumed = available processors");
        return h;
    }

    private static HostCores fromSysfs(Path sysCpu, int available) {
        Set<Long> cores = new HashSet<>();
        int logical = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sysCpu, "cpu[0-9]*")) {
            for (Path cpu : ds) {
                Path topo = cpu.resolve("topology");
                if (!Files.isDirectory(topo)) continue;
                long pkg = readLong(topo.resolve("physical_package_id"));
                long core = readLong(topo.resolve("core_id"));
                logical++;
                cores.add(pkg << 32 | (core & 0xFFFF_FFFFL));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return logical == 0 ? null : new HostCores(cores.size(), logical, available, "sysfs topology");
    }

    private static HostCores fromCpuinfo(Path cpuinfo, int available) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Set<String> cores = new HashSet<>();
        int logical = 0;
        String physical = "0";
        String core = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? line.trim() : line.substring(0, colon).trim();
            String value = colon < 0 ? "" : line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> logical++;
                case "physical id" -> physical = value;
                case "core id" -> core = value;
                case "" -> {
                    if (core != null) cores.add(physical + "/" + core);
                    core = null;
                }
                default -> { }
            }
        }
        if (core != null) cores.add(physical + "/" + core);
        if (logical == 0) return null;
        if (cores.isEmpty()) return new HostCores(logical, logical, available,
                "/proc/cpuinfo without core ids: cores assumed = logical CPUs");
        return new HostCores(cores.size(), logical, available, "/proc/cpuinfo");
    }

    private static long readLong(Path p) throws IOException {
        return Long.parseLong(Files.readString(p).trim());
    }

    /**
     * One line for summaries and the status bar, or "" when every emulated CPU thread (and
     * the UI thread, if any) can have a host CPU of its own. Counted against
     * {@link #availableProcessors}: each is a run queue of its own, and steal is run-queue
     * wait; hyperthread siblings share a core's speed, which is noise, not steal.
     */
    public String oversubscription(int emulatedCpus, boolean ui) {
        int threads = emulatedCpus + (ui ? 1 : 0);
        int cores = availableProcessors;
        if (threads <= cores) return "";
        return emulatedCpus + " emulated CPU" + (emulatedCpus == 1 ? "" : "s") + (ui ? " + UI" : "") + " on " + cores + " host core"
                + (cores == 1 ? "" : "s") + ": host steal expected; figures split it out";
    }
}
