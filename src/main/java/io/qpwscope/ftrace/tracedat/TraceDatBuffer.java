package io.qpwscope.ftrace.tracedat;

import java.util.List;

/**
 * One trace instance's flyrecord data in a trace.dat: the top buffer ({@code name} "") or an
 * instance ({@code trace-cmd record -B NAME}).
 *
 * @param name       "" for the top buffer
 * @param clock      the trace clock ({@code local}, {@code mono}, ...), "" if the file does not say
 * @param cpus       where each CPU's data lies in the file
 * @param compressed the CPU data is in compressed chunks (v7)
 */
public record TraceDatBuffer(String name, String clock, List<CpuData> cpus, boolean compressed) {
    /** One CPU's data: {@code size} bytes at {@code offset} (compressed size if the buffer is compressed). */
    public record CpuData(int cpu, long offset, long size) {}

    /** Total bytes of CPU data in the file. */
    public long dataBytes() {
        long n = 0;
        for (CpuData c : cpus) n += c.size();
        return n;
    }
}
