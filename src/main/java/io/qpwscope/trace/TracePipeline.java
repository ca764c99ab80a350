package io.qpwscope.trace;

/**
 * The tracing of one run wired together: a {@link SpscTraceRing} and a {@link CpuTrace} per
 * emulated CPU, and the {@link TraceCollector} that drains them into the {@link Recording}.
 * The engine gives {@link #cpu(int)} to CPU thread n; readers (an index, a file writer)
 * register with {@link TraceCollector#addListener}.
 *
 * <pre>
 *   cpu/0 --CpuTrace--&gt; SpscTraceRing 0 --\
 *   cpu/1 --CpuTrace--&gt; SpscTraceRing 1 ---+--&gt; trace-collector --&gt; Recording lanes --&gt; listeners
 *   cpu/N --CpuTrace--&gt; SpscTraceRing N --/
 * </pre>
 */
public final class TracePipeline implements AutoCloseable {
    /** 64 Ki records (1.5 MiB) per CPU: ~65 ms of a CPU tracing at 1 M events/s. */
    public static final int DEFAULT_RING_RECORDS = 1 << 16;

    private final Recording recording;
    private final SpscTraceRing[] rings;
    private final CpuTrace[] cpus;
    private final TraceCollector collector;

    /**
     * @param originNanos the {@link System#nanoTime()} reading that is ts = 0
     */
    public TracePipeline(Recording recording, int ringRecords, long originNanos) {
        this.recording = recording;
        final int n = recording.cpus();
        this.rings = new SpscTraceRing[n];
        this.cpus = new CpuTrace[n];
        for (int c = 0; c < n; c++) {
            rings[c] = new SpscTraceRing(ringRecords);
            cpus[c] = new CpuTrace(c, rings[c], originNanos);
        }
        this.collector = new TraceCollector(recording, rings);
    }

    public Recording recording() {
        return recording;
    }

    /** @return CPU n's hot-path tracer: for CPU n's thread only. */
    public CpuTrace cpu(int cpu) {
        return cpus[cpu];
    }

    public TraceCollector collector() {
        return collector;
    }

    public void start() {
        collector.start();
    }

    /** After the CPU threads stopped: drains everything and stops the collector. */
    public void halt() {
        collector.halt();
    }

    @Override
    public void close() {
        halt();
    }
}
