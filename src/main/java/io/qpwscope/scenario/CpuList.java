package io.qpwscope.scenario;

import io.qpwscope.engine.kernel.BootParamException;
import io.qpwscope.engine.kernel.CpuMask;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU ids 0..63 written as a kernel cpulist: comma-separated CPUs and
 * inclusive ranges, {@code "0-2,5"}. Backed by one {@code long}, since a scenario has at most
 * 64 CPUs. The kernel's stride syntax ({@code 0-7:2/4}) and the {@code all}/{@code N}
 * keywords are not accepted: scenarios write CPUs out. Parsed by the engine's {@link CpuMask}.
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
        try {
            return new CpuList(CpuMask.parse(text));
        } catch (BootParamException e) {
            throw new ValueSyntaxException(e.getMessage(), e.offset());
        }
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
        return CpuMask.format(bits);
    }
}
