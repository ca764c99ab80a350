/**
 * What the host takes from each emulated CPU thread.
 *
 * <p>An emulated CPU is a platform thread. Whenever the host deschedules that thread the
 * emulated CPU is frozen, and any interval the engine is timing at that moment (an
 * interruption of an isolated CPU's task, a spin-wait, a noise gap) grows by host time that
 * is no part of the modelled kernel. This package measures that time per thread and splits
 * every wall interval into three parts ({@link io.qpwscope.engine.host.HostSplit}):
 * <dl>
 *   <dt>kernel</dt><dd>the thread was on a host core: the model's own cost;</dd>
 *   <dt>steal</dt><dd>the thread was runnable but waited on a host run queue for a core, the
 *       term a paravirtualised guest uses for its vCPUs ({@code %st} in top). On a machine
 *       with fewer cores than emulated CPUs (+ the UI thread) this dominates;</dd>
 *   <dt>pause</dt><dd>the thread was neither running nor runnable: blocked, although a CPU
 *       thread never sleeps by design. JVM safepoints and stop-the-world GC, page faults that
 *       sleep, anything the thread waited on inside the JVM. On a VM it also holds the
 *       hypervisor's steal where the guest does not report it: measured on the build machine
 *       (Firecracker guest, kvm-clock, {@code tsc=unstable}, /proc/stat steal column 0) a busy
 *       thread with zero voluntary context switches showed 7–20 % of wall as pause; the
 *       guest scheduler's clock, from which on-core time and run-queue wait are both taken,
 *       does not advance while the vCPU itself is descheduled.</dd>
 * </dl>
 *
 * <h2>Sources</h2>
 * {@link io.qpwscope.engine.host.HostTime} picks one per process
 * ({@link io.qpwscope.engine.host.HostSource}):
 * <ul>
 *   <li>SCHEDSTAT (Linux with CONFIG_SCHED_INFO, the common case): run-queue wait and
 *       switch-in count from the thread's {@code schedstat}
 *       ({@link io.qpwscope.engine.host.ThreadSchedStat}, one pread of a file kept open),
 *       on-core ns from {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)} (schedstat's own
 *       on-core field is only updated at ticks and switches for a running thread). All three
 *       parts measured.</li>
 *   <li>RUSAGE: {@code getrusage(RUSAGE_THREAD)}: on-core µs and context switches. Steal and
 *       pause cannot be told apart: off-core time is reported as steal, an upper bound.</li>
 *   <li>UNKNOWN (macOS, Windows): steal unknown; splits are all kernel and the app says
 *       the figures include host time.</li>
 * </ul>
 *
 * <h2>Use by a CPU thread</h2>
 * The thread opens a {@link io.qpwscope.engine.host.StealSampler} (owning a
 * {@link io.qpwscope.engine.host.HostClock}) once, on itself, and calls
 * {@code poll(nowNs)} at its preemption points with a {@code nanoTime} it already has:
 * a compare, and about every millisecond one sample (a few µs). An interval whose both
 * edges the thread timed is split with two readings
 * ({@link io.qpwscope.engine.host.HostSplit#between}); a gap the loop noticed only after it
 * ended is split with {@link io.qpwscope.engine.host.HostClock#splitGap}, whose answer is
 * exact when the thread was switched in at most once since the last sample and otherwise an
 * upper bound. The per-CPU {@link io.qpwscope.engine.host.HostAccount} holds total steal,
 * pause and the largest steal since boot for summaries.
 * {@link io.qpwscope.engine.host.HostCores} states the machine facts and the one-line
 * oversubscription warning.
 *
 * <h2>Attaching a split to an interval (second step)</h2>
 * Proposed trace encoding, within {@code TraceDescriptor}'s 24-byte record, for the decoder
 * owner to add as one new {@code EventType}, {@code HOST_SPLIT}:
 * <pre>
 *   ts      = the same ts as the record it follows (an interval's end), or the sample time
 *   type    = HOST_SPLIT
 *   cpu     = the lane
 *   peer    = -1
 *   fn      = code of the EventType whose interval it splits (SPIN_WAIT, INTERRUPTION,
 *             NOISE, FLUSH_WAIT...), written right after that record on the same ring;
 *             0 for a steady StealSampler sample, whose window runs from the lane's previous
 *             fn=0 HOST_SPLIT to ts
 *   aux     = pause in µs (int: up to 35 min; sub-µs pause is below the 2 µs noise anyway)
 *   payload = steal in ns
 * </pre>
 * kernel = the interval's length − steal − pause is derived, so a split costs one extra
 * record only for intervals whose window saw a switch (the cheap pcount check says when
 * steal and pause are exactly 0: then no record is written at all). The engine and trace
 * packages never import JavaFX; this one imports nothing from ui, cli or scenario.
 */
package io.qpwscope.engine.host;
