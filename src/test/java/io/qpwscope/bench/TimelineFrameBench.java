package io.qpwscope.bench;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.timeline.render.FrameState;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.SyntheticRecording;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.render.TimelineRenderer;
import io.qpwscope.ui.timeline.render.Viewport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to draw one timeline frame (1600 x 900 canvas, 4 CPU lanes) on recordings of 100 k,
 * 1 M and 10 M events, zoomed fully out and zoomed in on one drain; and while a writer
 * thread streams 1 M events/s into a live recording that the frame indexes and follows.
 *
 * <p>{@code frame} is the FX-thread work (index catch-up + building the canvas commands);
 * {@code frameRasterized} adds the software pipeline's rasterization of those commands
 * (a snapshot on the FX thread), i.e. what a frame costs end to end with -Dprism.order=sw.
 *
 * <pre>
 * mvn -q test-compile exec:exec@jmh -Djmh.args="TimelineFrameBench -prof gc"
 * </pre>
 *
 * <p>{@code indexPerEvent} is the cost of indexing (prefix sums, spans, work links) per event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dglass.platform=Headless", "-Dprism.order=sw",
        "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED"})
public class TimelineFrameBench {
    static final int WIDTH = 1600;
    static final int HEIGHT = 900;
    /** Events in SyntheticRecording.Config.forEvents(10_000_000). */
    static final int INDEX_EVENTS = 9_942_359;

    static void startFx() throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        try {
            Platform.startup(l::countDown);
        } catch (IllegalStateException running) {
            l.countDown();
        }
        l.await(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
    }

    static void onFx(Runnable r) {
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                l.countDown();
            }
        });
        try {
            if (!l.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("FX thread stuck");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fully indexed recording and a renderer. */
    @State(Scope.Benchmark)
    public static class Loaded {
        @Param({"100000", "1000000", "10000000"})
        long events;
        @Param({"out", "in"})
        String zoom;

        TimelineIndex index;
        final TimelineRenderer renderer = new TimelineRenderer();
        final Viewport viewport = new Viewport();
        final FrameState frame = new FrameState();
        Canvas canvas;
        WritableImage image;

        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            startFx();
            Recording rec = SyntheticRecording.build(SyntheticRecording.Config.forEvents(events));
            index = new TimelineIndex(new RecordingTimelineSource(rec));
            while (index.catchUp(1 << 20) > 0) { }
            onFx(() -> {
                canvas = new Canvas(WIDTH, HEIGHT);
                image = new WritableImage(WIDTH, HEIGHT);
            });
            renderer.layout(index, viewport, WIDTH, HEIGHT);
            frame.dataEnd = index.endTs();
            if ("out".equals(zoom)) {
                viewport.fit(index.startTs(), index.endTs());
            } else {
                long drain = index.lane(0).spans().start(0);
                for (int k = 0; k < index.triggerCount(); k++) {
                    long ref = index.trigger(k);
                    if (k == index.triggerCount() / 2) drain = index.lane((int) (ref >>> 32)).spans().start((int) ref);
                }
                viewport.fit(drain - 2_000, drain + 14_000);
            }
        }
    }

    /** A 10 M-event recording for the indexing benchmark. */
    @State(Scope.Benchmark)
    public static class Unindexed {
        Recording rec;

        @Setup(Level.Trial)
        public void setup() {
            rec = SyntheticRecording.build(SyntheticRecording.Config.forEvents(10_000_000));
            if (rec.eventCount() != INDEX_EVENTS) throw new IllegalStateException("OperationsPerInvocation is stale: " + rec.eventCount());
        }
    }

    /** Indexing a whole recording from scratch (what loading a file or catching up costs), per event. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @org.openjdk.jmh.annotations.OperationsPerInvocation(INDEX_EVENTS)
    public Object indexPerEvent(Unindexed u) {
        TimelineIndex idx = new TimelineIndex(new RecordingTimelineSource(u.rec));
        while (idx.catchUp(1 << 20) > 0) { }
        return idx;
    }

    @Benchmark
    public Object frame(Loaded s) {
        s.renderer.render(s.canvas.getGraphicsContext2D(), s.index, s.viewport, s.frame, WIDTH, HEIGHT);
        return s.renderer;
    }

    @Benchmark
    public Object frameRasterized(Loaded s) {
        onFx(() -> {
            s.renderer.render(s.canvas.getGraphicsContext2D(), s.index, s.viewport, s.frame, WIDTH, HEIGHT);
            s.canvas.snapshot(null, s.image);
        });
        return s.image;
    }

    /**
     * A writer thread appends a pre-generated 4-lane recording at 1 M events/s (paced by
     * the clock, in batches of 1 ms) into a live Recording; each frame indexes what arrived
     * and draws the last second, following the live edge.
     */
    @State(Scope.Benchmark)
    public static class Streaming {
        final TimelineRenderer renderer = new TimelineRenderer();
        final Viewport viewport = new Viewport();
        final FrameState frame = new FrameState();
        final AtomicBoolean stop = new AtomicBoolean();
        TimelineIndex index;
        Canvas canvas;
        Thread writer;
        volatile long written;

        @Setup(Level.Trial)
        public void setup() throws InterruptedException {
            startFx();
            // about 1 M events per second of trace time, so that trace time runs at wall speed
            SyntheticRecording.Config cfg = new SyntheticRecording.Config(4, 1L << 3, 25_000_000_000L, 6_000,
                    50_000_000, 12_000_000_000L, 0);
            SyntheticRecording.Lane[] lanes = SyntheticRecording.lanes(cfg);
            Recording live = new Recording(SyntheticRecording.meta(cfg));
            index = new TimelineIndex(new RecordingTimelineSource(live));
            onFx(() -> canvas = new Canvas(WIDTH, HEIGHT));
            renderer.layout(index, viewport, WIDTH, HEIGHT);
            viewport.set(0, 1e9 / viewport.widthPx());
            writer = Thread.ofPlatform().name("writer").start(() -> stream(lanes, live));
        }

        /** Appends events in ts order per lane at 1 M/s overall. */
        private void stream(SyntheticRecording.Lane[] lanes, Recording live) {
            int[] pos = new int[lanes.length];
            long total = 0;
            for (SyntheticRecording.Lane l : lanes) total += l.n;
            long start = System.nanoTime();
            while (!stop.get() && written < total) {
                long due = (System.nanoTime() - start) / 1_000;
                while (written < due && written < total) {
                    long bestTs = Long.MAX_VALUE;
                    int best = -1;
                    for (int c = 0; c < lanes.length; c++) {
                        if (pos[c] < lanes[c].n && lanes[c].ts[pos[c]] < bestTs) {
                            bestTs = lanes[c].ts[pos[c]];
                            best = c;
                        }
                    }
                    SyntheticRecording.Lane l = lanes[best];
                    live.append(l.ts[pos[best]], l.meta[pos[best]], l.payload[pos[best]]);
                    pos[best]++;
                    written++;
                }
                LockSupport.parkNanos(1_000_000);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            stop.set(true);
            writer.join();
        }
    }

    @Benchmark
    public Object frameWhileStreaming1MPerSecond(Streaming s) {
        while (s.index.catchUp(1 << 16) > 0) { }
        double edge = s.index.frontier();
        s.viewport.alignRight(edge);
        s.frame.dataEnd = edge;
        s.renderer.render(s.canvas.getGraphicsContext2D(), s.index, s.viewport, s.frame, WIDTH, HEIGHT);
        return s.renderer;
    }
}
