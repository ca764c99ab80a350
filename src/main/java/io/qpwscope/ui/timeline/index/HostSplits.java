package io.qpwscope.ui.timeline.index;

import java.util.Arrays;

/**
 * The host's share of split intervals of one lane (HOST_SPLIT companion records), kept beside
 * the {@link SpanTable} and keyed by span index: only split spans cost memory here (16 bytes
 * each), the span table itself stays as it was. Span indices are appended in increasing
 * order, so a lookup is a binary search. FX thread only.
 */
public final class HostSplits {
    private int[] span = new int[64];
    private int[] steal = new int[64];
    private int[] pause = new int[64];
    private int[] measured = new int[64];
    private int size;

    /**
     * @param spanIndex   index in the lane's {@link SpanTable}, greater than any added before
     * @param measuredCpu -1 for the lane's own CPU, else the CPU whose thread was measured
     * @param stealNs     ns the measured thread waited for a host core (at most 2^32 - 1)
     * @param pauseNs     ns it was blocked (at most 2^32 - 1)
     */
    void add(int spanIndex, int measuredCpu, long stealNs, long pauseNs) {
        if (size > 0 && spanIndex <= span[size - 1]) return;
        if (size == span.length) {
            int n = size * 2;
            span = Arrays.copyOf(span, n);
            steal = Arrays.copyOf(steal, n);
            pause = Arrays.copyOf(pause, n);
            measured = Arrays.copyOf(measured, n);
        }
        span[size] = spanIndex;
        steal[size] = (int) Math.min(stealNs, 0xFFFF_FFFFL);
        pause[size] = (int) Math.min(pauseNs, 0xFFFF_FFFFL);
        measured[size] = measuredCpu;
        size++;
    }

    public int size() { return size; }

    /**
     * Forgets the splits of spans below row {@code spanRow} (rows the lane's span table dropped
     * with the rolling window). Amortised as {@link SpanTable} does: the arrays are compacted only
     * once the dropped entries outnumber the kept ones; until then the stale ones stay at the
     * front, where no lookup of a held span reaches them.
     */
    void dropBefore(int spanRow) {
        int k = firstAtOrAfter(spanRow);
        if (k < 256 || k < size - k) return;
        int kept = size - k;
        System.arraycopy(span, k, span, 0, kept);
        System.arraycopy(steal, k, steal, 0, kept);
        System.arraycopy(pause, k, pause, 0, kept);
        System.arraycopy(measured, k, measured, 0, kept);
        size = kept;
    }

    /** @return the entry of a span, or -1 if the span carries no split. */
    public int find(int spanIndex) {
        int k = Arrays.binarySearch(span, 0, size, spanIndex);
        return k >= 0 ? k : -1;
    }

    /** @return the first entry whose span index is {@code >= spanIndex}. */
    public int firstAtOrAfter(int spanIndex) {
        int k = Arrays.binarySearch(span, 0, size, spanIndex);
        return k >= 0 ? k : -k - 1;
    }

    public int spanIndex(int k) { return span[k]; }

    public long steal(int k) { return Integer.toUnsignedLong(steal[k]); }

    public long pause(int k) { return Integer.toUnsignedLong(pause[k]); }

    /** @return -1 for the lane's own CPU, else the CPU whose thread was measured. */
    public int measuredCpu(int k) { return measured[k]; }
}
