package io.qpwscope.engine.kernel;

/**
 * Kernel cpulists ({@code "0-2,5"}) as {@code long} masks, bit n = CPU n: the emulated machine
 * has at most 64 CPUs. The stride syntax ({@code 0-7:2/4}) and the {@code all}/{@code N}
 * keywords are not accepted.
 */
public final class CpuMask {
    /** Highest CPU id a list may name. */
    public static final int MAX_CPU = 63;

    private CpuMask() {}

    /**
     * Parses a cpulist.
     *
     * @throws BootParamException naming the offending part and its offset in {@code text}
     */
    public static long parse(String text) {
        if (text.isEmpty()) throw new BootParamException("empty CPU list", 0);
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
                    throw new BootParamException("range " + text.substring(start, pos) + " runs backwards", start);
                }
            }
            b |= hi == 63 ? -1L << lo : ((1L << (hi + 1)) - 1) & (-1L << lo);
            if (pos == text.length()) return b;
            if (text.charAt(pos) != ',') throw unexpected(text, pos);
            pos++;
        }
    }

    /** CPUs 0..n-1. */
    public static long firstN(int n) {
        if (n < 0 || n > MAX_CPU + 1) throw new IllegalArgumentException("n=" + n);
        return n == 64 ? -1L : (1L << n) - 1;
    }

    /** @return the highest CPU in the mask, or -1 when empty. */
    public static int max(long mask) {
        return 63 - Long.numberOfLeadingZeros(mask);
    }

    /** Canonical cpulist form, as the kernel prints one: ascending, runs as ranges ({@code 0-2,5,7-8}). */
    public static String format(long mask) {
        StringBuilder sb = new StringBuilder();
        int c = 0;
        while (c <= MAX_CPU) {
            if ((mask >>> c & 1) == 0) {
                c++;
                continue;
            }
            int end = c;
            while (end < MAX_CPU && (mask >>> (end + 1) & 1) != 0) end++;
            if (!sb.isEmpty()) sb.append(',');
            sb.append(c);
            if (end > c) sb.append('-').append(end);
            c = end + 1;
        }
        return sb.toString();
    }

    private static int number(String text, int pos) {
        int end = end(text, pos);
        if (end == pos) {
            if (pos == text.length()) throw new BootParamException("CPU list \"" + text + "\" ends early: expected a CPU number", pos);
            throw unexpected(text, pos);
        }
        int v = 0;
        for (int i = pos; i < end; i++) v = Math.min(v * 10 + (text.charAt(i) - '0'), 1000);
        if (v > MAX_CPU) throw new BootParamException("CPU " + text.substring(pos, end) + " is beyond CPU " + MAX_CPU, pos);
        return v;
    }

    private static int end(String text, int pos) {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos;
    }

    private static BootParamException unexpected(String text, int pos) {
        return new BootParamException("unexpected '" + text.charAt(pos) + "' in CPU list \"" + text
                + "\" (write CPUs and ranges separated by commas, e.g. 0-2,5)", pos);
    }
}
