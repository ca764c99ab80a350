package io.qpwscope.engine.kernel;

import java.util.List;

/**
 * The emulated kernel after boot: which QPW behaviour is in force and why.
 *
 * @param configQpw      CONFIG_QPW
 * @param configQpwDefault CONFIG_QPW_DEFAULT
 * @param preemptRt      CONFIG_PREEMPT_RT
 * @param bootLine       the command line as given
 * @param effectiveQpw   1 = per-CPU spinlocks (static key qpw_sl on), 0 = local_lock + queue_work_on
 * @param reason         one line, e.g. "qpw=1: auto-enabled by nohz_full= (v3)"
 * @param warnings       kernel log lines printed while parsing, e.g. "QPW: invalid qpw parameter: x, ignoring."
 * @param isolatedMask   CPUs isolated by nohz_full= or isolcpus= (any flags)
 * @param nohzMask       CPUs with kernel-noise isolation (nohz_full= or isolcpus=nohz,...)
 */
public record BootResult(boolean configQpw, boolean configQpwDefault, boolean preemptRt, String bootLine,
                         int effectiveQpw, String reason, List<String> warnings,
                         long isolatedMask, long nohzMask) {

    public boolean isolated(int cpu) {
        return (isolatedMask >>> cpu & 1) != 0;
    }
}
