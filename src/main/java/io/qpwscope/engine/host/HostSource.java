package io.qpwscope.engine.host;

/** Where the host-time figures of a CPU thread come from; see the package documentation. */
public enum HostSource {
    /**
     * {@code /proc/.../schedstat} for run-queue wait and time slices, the thread's CPU clock
     * ({@code CLOCK_THREAD_CPUTIME_ID}) for on-core time: kernel, steal and pause all measured.
     */
    SCHEDSTAT,
    /**
     * {@code getrusage(RUSAGE_THREAD)} only (no schedstat, e.g. a kernel without
     * CONFIG_SCHED_INFO): on-core time in µs and context-switch counts. The time off core
     * cannot be split into steal and pause; it is all reported as steal, an upper bound.
     */
    RUSAGE,
    /** Neither (macOS, Windows, a sandbox without /proc): steal unknown, everything is wall. */
    UNKNOWN
}
