package io.qpwscope.scenario;

import java.util.stream.IntStream;

/**
 * An immutable set of CPU ids 0..63 written as a kernel cpulist: comma-separated CPUs and
 * inclusive ranges, {@code "0-2,5"}. Backed by one {@code long}, since a scenario has at most
 * 64 CPUs. The kernel's stride syntax ({@code 0-7:2/4}) and the {@code all}/{@code N}
 * keywords are not accepted: scenarios write CPUs out.
 */
public final class CpuList {
    /** Highest CPU id a list may name (the machine has at most 64 CPUs). */
    public static final int MAX_CPU = 63;

    public static final CpuList EMPTY = new CpuList(0L);

    private final long bits;

    private CpuList(long bits) {
        this.bits = bits;
    }

    public static CpuList of(int... cpus) {
        long b = 0;
        for (int c : cpus) {
            if (c < 0 || c > MAX_CPU) throw new IllegalArgumentException("CPU " + c + " is outside 0.." + MAX_CPU);
            b |= 1L << c;
        }
        return new CpuList(b);
    }

    /** The CPUs whose bits are set (bit n = CPU n). */
    public static CpuList ofBits(long bits) {
        return new CpuList(bits);
    }

    /** CPUs 0..n-1. */
    public static CpuList firstN(int n) {
        if (n < 0 || n > MAX_CPU + 1) throw new IllegalArgumentException("n=" + n);
        return new CpuList(n == 64 ? -1L : (1L << n) - 1);
    }

    /**
     * Parses a cpulist.
     *
     * @throws ValueSyntaxException naming the offending part and its offset in {@code text}
     */
    public static CpuList parse(String text) {
        if (text.isEmpty()) throw new ValueSyntaxException("empty CPU list", 0);
        long b = 0;
        int pos = 0;
        while (true) {
            int start = pos;
            int lo = number(text, pos);
            pos = end(text, pos);
            int hi = lo;
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
                hi = number(text, pos);
                pos = end(text, pos);
                if (hi < lo) {
                    throw new ValueSyntaxException("range " + text.substring(start, pos) + " runs backwards", start);
                }
            }
            b |= hi == 63 ? -1L << lo : ((1L << (hi + 1)) - 1) & (-1L << lo);
            if (pos == text.length()) return new CpuList(b);
            if (text.charAt(pos) != ',') throw unexpected(text, pos);
            pos++;
        }
    }

    private static int number(String text, int pos) {
        int end = end(text, pos);
        if (end == pos) {
            if (pos == text.length()) throw new ValueSyntaxException("CPU list \"" + text + "\" ends early: expected a CPU number", pos);
            throw unexpected(text, pos);
        }
        int v = 0;
        for (int i = pos; i < end; i++) v = Math.min(v * 10 + (text.charAt(i) - '0'), 1000);
        if (v > MAX_CPU) throw new ValueSyntaxException("CPU " + text.substring(pos, end) + " is beyond CPU " + MAX_CPU, pos);
        return v;
    }

    private static int end(String text, int pos) {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos;
    }

    private static ValueSyntaxException unexpected(String text, int pos) {
        return new ValueSyntaxException("unexpected '" + text.charAt(pos) + "' in CPU list \"" + text
                + "\" (write CPUs and ranges separated by commas, e.g. 0-2,5)", pos);
    }

    public boolean contains(int cpu) {
        return cpu >= 0 && cpu <= MAX_CPU && (bits & (1L << cpu)) != 0;
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    public int size() {
        return Long.bitCount(bits);
    }

    /** @return the highest CPU in the list, or -1 when empty. */
    public int max() {
        return 63 - Long.numberOfLeadingZeros(bits);
    }

    public CpuList union(CpuList o) {
        return new CpuList(bits | o.bits);
    }

    public CpuList intersection(CpuList o) {
        return new CpuList(bits & o.bits);
    }

    public CpuList minus(CpuList o) {
        return new CpuList(bits & ~o.bits);
    }

    /** @return the CPUs in ascending order. */
    public IntStream stream() {
        return IntStream.rangeClosed(0, MAX_CPU).filter(this::contains);
    }

    public int[] toArray() {
        return stream().toArray();
    }

    /** The set as a mask, bit N = CPU N. */
    public long bits() {
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuList c && c.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    /** Canonical cpulist form, as the kernel prints one: ascending, runs as ranges ({@code 0-2,5,7-8}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int c = 0;
        while (c <= MAX_CPU) {
            if (!contains(c)) {
                c++;
                continue;
            }
            int end = c;
            while (end < MAX_CPU && contains(end + 1)) end++;
            if (!sb.isEmpty()) sb.append(',');
            sb.append(c);
            if (end > c) sb.append('-').append(end);
            c = end + 1;
        }
        return sb.toString();
    }
}
