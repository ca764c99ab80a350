package io.qpwscope.engine.spec;

/**
 * The emulated kernel's build options and command line; {@code engine.kernel.KernelBoot}
 * resolves them at boot.
 *
 * @param configQpw        CONFIG_QPW
 * @param configQpwDefault CONFIG_QPW_DEFAULT
 * @param preemptRt        CONFIG_PREEMPT_RT
 * @param bootLine         kernel command line (never null; "" for none)
 */
public record KernelSpec(boolean configQpw, boolean configQpwDefault, boolean preemptRt, String bootLine) {
    public KernelSpec {
        bootLine = bootLine == null ? "" : bootLine.trim();
    }

    /** @return this kernel booted with "qpw=N" appended to the command line ({@code run --qpw=N}); null: unchanged. */
    public KernelSpec withQpw(Integer qpw) {
        if (qpw == null) return this;
        return new KernelSpec(configQpw, configQpwDefault, preemptRt, (bootLine + " qpw=" + qpw).trim());
    }
}
