package io.qpwscope.recording;

import java.util.Arrays;

/** Where each loaded events chunk was in the file and the time it covered, per CPU in file order. */
final class LoadedChunks {
    private final long[][] offsets;
    private final long[][] firstTs;
    private final long[][] lastTs;
    private final int[] counts;

    LoadedChunks(int cpus) {
        offsets = new long[cpus][8];
        firstTs = new long[cpus][8];
        lastTs = new long[cpus][8];
        counts = new int[cpus];
    }

    void add(int cpu, long offset, long first, long last) {
        int n = counts[cpu];
        if (n == offsets[cpu].length) {
            offsets[cpu] = Arrays.copyOf(offsets[cpu], n * 2);
            firstTs[cpu] = Arrays.copyOf(firstTs[cpu], n * 2);
            lastTs[cpu] = Arrays.copyOf(lastTs[cpu], n * 2);
        }
        offsets[cpu][n] = offset;
        firstTs[cpu][n] = first;
        lastTs[cpu][n] = last;
        counts[cpu] = n + 1;
    }

    int count(int cpu) {
        return counts[cpu];
    }

    long offset(int cpu, int i) {
        return offsets[cpu][i];
    }

    /** Last ts of the last chunk of {@code cpu} that starts before {@code offset}, or Long.MIN_VALUE. */
    long lastTsBefore(int cpu, long offset) {
        long ts = Long.MIN_VALUE;
        for (int i = 0; i < counts[cpu] && offsets[cpu][i] < offset; i++) ts = lastTs[cpu][i];
        return ts;
    }

    /** First ts of the first chunk of {@code cpu} at or after {@code offset}, or Long.MAX_VALUE. */
    long firstTsFrom(int cpu, long offset) {
        for (int i = 0; i < counts[cpu]; i++) if (offsets[cpu][i] >= offset) return firstTs[cpu][i];
        return Long.MAX_VALUE;
    }
}
