/**
 * The trade-off explorer's engine side: one scenario parameter swept over values, each value
 * run headless in both modes (qpw=0, qpw=1), one {@link io.qpwscope.sweep.SweepRow} per run.
 *
 * <p>A {@link io.qpwscope.sweep.SweepParameter} names the parameter ({@code triggers[0].everyMs},
 * {@code machine.cpus}, {@code workloads[1].opsPerLoop}, or {@code isolated} for the boot
 * line's isolated CPUs) and its values. {@link io.qpwscope.sweep.SweepPlan} edits the
 * scenario's JSON tree for each value and validates the result with the scenario loader, so a
 * value that makes the scenario invalid is reported as {@code validate} would, before any
 * run. {@link io.qpwscope.sweep.SweepRunner} runs the plan (same path as {@code run}:
 * scenario, resolver, engine) with progress and cancel. Figures in a row are the kernel
 * parts (the model's own cost); host steal is kept apart as a share.
 *
 * <p>Layer: like {@code bench}; uses scenario, engine and trace, never JavaFX.
 */
package io.qpwscope.sweep;
