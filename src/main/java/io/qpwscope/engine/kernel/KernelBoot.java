package io.qpwscope.engine.kernel;

import io.qpwscope.scenario.CpuList;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the QPW behaviour like the v3 kernel does at boot.
 *
 * <ul>
 *   <li>CONFIG_QPW=n: include/linux/qpw.h maps everything to local_lock + queue_work_on; qpw=
 *       and isolation are irrelevant (the parameter is not even registered).</li>
 *   <li>CONFIG_QPW=y: the static key qpw_sl starts as CONFIG_QPW_DEFAULT
 *       (DEFINE_STATIC_KEY_MAYBE); {@code qpw=} is parsed by get_option() as an integer — non-zero
 *       enables, 0 disables, anything unparsable logs "QPW: invalid qpw parameter: X, ignoring.";
 *       with no (valid) qpw= and housekeeping_enabled(HK_TYPE_KERNEL_NOISE) — nohz_full= or
 *       isolcpus=nohz,... — a late initcall enables the key (v3). Plain isolcpus=&lt;list&gt; and
 *       isolcpus=managed_irq,... do not.</li>
 * </ul>
 */
public final class KernelBoot {
    private KernelBoot() {}

    public static BootResult resolve(boolean configQpw, boolean configQpwDefault, boolean preemptRt,
                                     String bootLine, int cpus) {
        String line = bootLine == null ? "" : bootLine.trim();
        List<String> warnings = new ArrayList<>();
        long isolated = 0, nohz = 0;
        String qpwParam = null;
        String noiseSource = null;
        for (String tok : line.isEmpty() ? new String[0] : line.split("\\s+")) {
            int eq = tok.indexOf('=');
            String key = eq < 0 ? tok : tok.substring(0, eq);
            String val = eq < 0 ? "" : tok.substring(eq + 1);
            switch (key) {
                case "qpw" -> qpwParam = val; // the last one wins, as with __setup handlers run in order
                case "nohz_full" -> {
                    long m = mask(val, cpus);
                    isolated |= m;
                    nohz |= m;
                    if (noiseSource == null) noiseSource = "nohz_full=";
                }
                case "isolcpus" -> {
                    IsolCpus ic = IsolCpus.parse(val, cpus);
                    isolated |= ic.mask();
                    if (ic.nohz()) {
                        nohz |= ic.mask();
                        if (noiseSource == null) noiseSource = "isolcpus=nohz";
                    }
                }
                default -> { /* the kernel passes unknown parameters to init; nothing to do */ }
            }
        }
        if (!configQpw) {
            String why = "qpw=0: CONFIG_QPW=n (local_lock + queue_work_on, whatever the boot line says)";
            if (preemptRt) why += "; PREEMPT_RT: local_lock is a per-CPU spinlock";
            return new BootResult(false, configQpwDefault, preemptRt, line, 0, why, List.copyOf(warnings), isolated, nohz);
        }
        int key = configQpwDefault ? 1 : 0;
        String why = "qpw=" + key + ": CONFIG_QPW_DEFAULT=" + (configQpwDefault ? "y" : "n");
        boolean paramGiven = false;
        if (qpwParam != null) {
            Integer opt = getOption(qpwParam);
            if (opt == null) {
                warnings.add("QPW: invalid qpw parameter: " + qpwParam + ", ignoring.");
            } else {
                paramGiven = true;
                key = opt != 0 ? 1 : 0;
                why = "qpw=" + key + ": boot parameter qpw=" + qpwParam;
            }
        }
        if (!paramGiven && nohz != 0 && key == 0) {
            key = 1;
            why = "qpw=1: auto-enabled by " + noiseSource + " (v3: kernel noise isolation on CPUs "
                    + CpuList.ofBits(nohz) + ")";
        }
        if (preemptRt) why += "; PREEMPT_RT";
        return new BootResult(true, configQpwDefault, preemptRt, line, key, why, List.copyOf(warnings), isolated, nohz);
    }

    /**
     * A cpulist as a bit mask.
     * @throws IllegalArgumentException for bad syntax or a CPU the machine does not have
     */
    public static long mask(String cpulist, int cpus) {
        long m = CpuList.parse(cpulist).bits();
        if (cpus < 64 && m >>> cpus != 0) {
            throw new IllegalArgumentException("CPU " + (63 - Long.numberOfLeadingZeros(m)) + " in '" + cpulist
                    + "' does not exist (machine has " + cpus + " CPUs)");
        }
        return m;
    }

    /**
     * get_option(): an optional sign and digits (base 0: 0x.. hex, 0.. octal), which must be
     * followed by end of string or ','. Returns null when nothing parses.
     */
    static Integer getOption(String s) {
        if (s.isEmpty()) return null;
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        } else if (s.length() > i + 1 && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
            v = v * radix + Character.digit(s.charAt(i), radix);
            if (v > Integer.MAX_VALUE) v = Integer.MAX_VALUE;
            i++;
        }
        if (i == start) return null;
        // get_option() stops at the first non-digit: "1abc" yields 1 (the rest is ignored).
        return (int) (neg ? -v : v);
    }

    /** isolcpus=[flag,...,]cpulist with flags domain, nohz, managed_irq. */
    record IsolCpus(long mask, boolean nohz) {
        static IsolCpus parse(String val, int cpus) {
            boolean nohz = false;
            String rest = val;
            while (true) {
                int comma = rest.indexOf(',');
                String head = comma < 0 ? rest : rest.substring(0, comma);
                if (head.equals("nohz") || head.equals("domain") || head.equals("managed_irq")) {
                    nohz |= head.equals("nohz");
                    rest = comma < 0 ? "" : rest.substring(comma + 1);
                } else {
                    break;
                }
            }
            return new IsolCpus(KernelBoot.mask(rest, cpus), nohz);
        }
    }
}
