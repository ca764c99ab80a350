package io.qpwscope.bench;

import io.qpwscope.trace.Recording;
import io.qpwscope.trace.lod.BucketSummary;
import io.qpwscope.trace.lod.LaneIntervals;
import io.qpwscope.trace.lod.RecordingIndex;
import io.qpwscope.trace.lod.SyntheticTrace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the timeline asks the LOD index per frame on a 10 M-event recording of 8 lanes
 * (engine-shaped generated lanes): 1600 buckets x 8 lanes fully zoomed out (computed from
 * scratch, and panned by 16 buckets with the summaries reused), the same zoomed in to a
 * thousandth of the recording, and the intervals of a zoomed-in window. Also the
 * cost of building the index from scratch (as after loading a file), per event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TraceSummarizeBench {
    static final int LANES = 8;
    static final int EVENTS_PER_LANE = 1_250_000;
    static final int WIDTH = 1600;

    private Recording rec;
    private RecordingIndex index;
    private final BucketSummary out = new BucketSummary();
    private final BucketSummary[] perLane = new BucketSummary[LANES];
    private int panStep;
    private final LaneIntervals intervals = new LaneIntervals();
    private long end;

    @Setup(Level.Trial)
    public void load() {
        rec = SyntheticTrace.generate(LANES, EVENTS_PER_LANE, 2026);
        index = new RecordingIndex(rec);
        index.catchUp();
        end = index.endTs();
        for (int c = 0; c < LANES; c++) perLane[c] = new BucketSummary();
        System.out.printf("%n%d events over %.3f s; index %.2f B/event, events %.2f B/event%n",
                rec.eventCount(), end / 1e9, (double) index.heapBytes() / rec.eventCount(),
                lanesBytes() / rec.eventCount());
    }

    private double lanesBytes() {
        long b = 0;
        for (int c = 0; c < LANES; c++) b += rec.lane(c).heapBytes();
        return b;
    }

    /** One frame fully zoomed out: every lane, full width. */
    @Benchmark
    public int summarizeFullWidth8Lanes() {
        final long bucket = end / WIDTH + 1;
        int d = 0;
        for (int c = 0; c < LANES; c++) {
            index.summarize(c, 0, bucket, WIDTH, out);
            d += out.dominant(WIDTH / 2);
        }
        return d;
    }

    /**
     * Full width again, panned by 16 buckets left or right each frame, one reusable summary
     * per lane: only the 16 new buckets per lane are computed.
     */
    @Benchmark
    public int summarizeFullWidthPanned8Lanes() {
        final long bucket = end / WIDTH + 1;
        final long t0 = ((panStep++ & 1) == 0 ? 16 : 0) * bucket;
        int d = 0;
        for (int c = 0; c < LANES; c++) {
            index.summarize(c, t0, bucket, WIDTH, perLane[c]);
            d += perLane[c].dominant(WIDTH / 2);
        }
        return d;
    }

    /** One frame zoomed in to 1/1000 of the recording, mid-way. */
    @Benchmark
    public int summarizeZoomed8Lanes() {
        final long window = end / 1000;
        final long bucket = window / WIDTH + 1;
        int d = 0;
        for (int c = 0; c < LANES; c++) {
            index.summarize(c, end / 2, bucket, WIDTH, out);
            d += out.dominant(WIDTH / 2);
        }
        return d;
    }

    /** Intervals to draw for the same zoomed-in window (about 1250 events per lane). */
    @Benchmark
    public long intervalsZoomed8Lanes() {
        final long window = end / 1000;
        long s = 0;
        for (int c = 0; c < LANES; c++) {
            index.intervals(c, end / 2, end / 2 + window, intervals);
            while (intervals.next()) s += intervals.end() - intervals.begin();
        }
        return s;
    }

    /** Builds the whole index again: divide by 10 M for the cost per event. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void buildIndex10M(Blackhole bh) {
        RecordingIndex fresh = new RecordingIndex(rec);
        fresh.catchUp();
        bh.consume(fresh.endTs());
    }
}
