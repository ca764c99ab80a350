package io.qpwscope.engine.kernel;

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
 *
 * <p>The line is parsed by {@link BootParams}, the same parser scenario validation uses.
 */
public final class KernelBoot {
    private KernelBoot() {}

    /**
     * @throws IllegalArgumentException for a malformed boot line ({@link BootParamException}) or
     *                                  a CPU list naming a CPU the machine does not have
     */
    public static BootResult resolve(boolean configQpw, boolean configQpwDefault, boolean preemptRt,
                                     String bootLine, int cpus) {
        String line = bootLine == null ? "" : bootLine.trim();
        BootParams params = BootParams.parse(line);
        for (BootParams.PlacedList l : params.lists()) checkExists(l.text(), l.mask(), cpus);
        List<String> warnings = new ArrayList<>();
        long isolated = params.isolatedMask(), nohz = params.nohzMask();
        String qpwParam = params.qpw();
        String noiseSource = params.noiseSource();
        if (!configQpw) {
            String why = "qpw=0: CONFIG_QPW=n (local_lock + queue_work_on, whatever the boot line says)";
            if (preemptRt) why += "; PREEMPT_RT: local_lock is a per-CPU spinlock";
            return new BootResult(false, configQpwDefault, preemptRt, line, 0, why, List.copyOf(warnings), isolated, nohz);
        }
        int key = configQpwDefault ? 1 : 0;
        String why = "qpw=" + key + ": CONFIG_QPW_DEFAULT=" + (configQpwDefault ? "y" : "n");
        boolean paramGiven = false;
        if (qpwParam != null) {
            Integer opt = BootParams.getOption(qpwParam);
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
                    + CpuMask.format(nohz) + ")";
        }
        if (preemptRt) why += "; PREEMPT_RT";
        return new BootResult(true, configQpwDefault, preemptRt, line, key, why, List.copyOf(warnings), isolated, nohz);
    }

    /**
     * A cpulist as a bit mask.
     * @throws IllegalArgumentException for bad syntax or a CPU the machine does not have
     */
    public static long mask(String cpulist, int cpus) {
        long m = CpuMask.parse(cpulist);
        checkExists(cpulist, m, cpus);
        return m;
    }

    private static void checkExists(String cpulist, long m, int cpus) {
        if (cpus < 64 && m >>> cpus != 0) {
            throw new IllegalArgumentException("CPU " + CpuMask.max(m) + " in '" + cpulist
                    + "' does not exist (machine has " + cpus + " CPUs)");
        }
    }
}
