package io.qpwscope.engine.kernel;

/** Kernel cpulist syntax ("0-2,5,8-11"), as used by nohz_full=, isolcpus= and scenarios. */
public final class CpuList {
    private CpuList() {}

    /**
     * @return bit n set for CPU n
     * @throws IllegalArgumentException naming the bad part, or a CPU {@code >= cpus}
     */
    public static long parse(String list, int cpus) {
        if (list == null || list.isBlank()) throw new IllegalArgumentException("empty CPU list");
        long mask = 0;
        for (String part : list.trim().split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int lo, hi;
            try {
                if (dash < 0) {
                    lo = hi = Integer.parseInt(p);
                } else {
                    lo = Integer.parseInt(p.substring(0, dash));
                    hi = Integer.parseInt(p.substring(dash + 1));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list element '" + p + "' in '" + list + "'");
            }
            if (lo < 0 || hi < lo) throw new IllegalArgumentException("bad CPU range '" + p + "' in '" + list + "'");
            if (hi >= cpus) throw new IllegalArgumentException("CPU " + hi + " in '" + list + "' does not exist (machine has " + cpus + " CPUs)");
            for (int c = lo; c <= hi; c++) mask |= 1L << c;
        }
        return mask;
    }

    /** @return the cpulist text for a mask, e.g. "0-2,5"; "" for none. */
    public static String format(long mask) {
        StringBuilder sb = new StringBuilder();
        int c = 0;
        while (c < 64) {
            if ((mask >>> c & 1) == 0) { c++; continue; }
            int start = c;
            while (c + 1 < 64 && (mask >>> (c + 1) & 1) != 0) c++;
            if (sb.length() > 0) sb.append(',');
            sb.append(start);
            if (c > start) sb.append('-').append(c);
            c++;
        }
        return sb.toString();
    }
}
