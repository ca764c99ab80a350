package io.qpwscope.soak;

import io.qpwscope.engine.Engine;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.trace.OffHeapBudget;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingWindow;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A long live run, headless, as the app's live view runs it: the engine on a scenario until
 * the time is up, printing every 30 s what memory holds (the rolling window), the events
 * collected, off-heap and direct memory, and any failure. Not a test (not run by CI):
 * <pre>
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat cp.txt) io.qpwscope.soak.LiveSoak scenarios/isolated-rt-flushbufs.json 15m
 * </pre>
 * Exits 1 if the engine failed or the window stopped moving.
 */
public final class LiveSoak {
    private LiveSoak() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "scenarios/isolated-rt-flushbufs.json");
        long minutes = args.length > 1 ? Long.parseLong(args[1].replace("m", "")) : 10;
        Scenario s = new ScenarioLoader().load(file);
        Engine e = new Engine(io.qpwscope.scenario.ScenarioResolver.resolve(s, null, null));
        Recording rec = e.recording();
        System.out.printf(Locale.ROOT, "soak %s for %d min: max heap %d MB, direct limit %d MB, live budget %d MB%n",
                file, minutes, Runtime.getRuntime().maxMemory() >> 20, OffHeapBudget.directLimit() >> 20,
                rec.offHeapBudget() >> 20);
        e.start();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        long lastCollected = -1, lastTo = -1, maxOffHeap = 0, maxDirect = 0;
        boolean stalled = false;
        while (System.nanoTime() < end && e.failure().isEmpty()) {
            for (int i = 0; i < 30 && e.failure().isEmpty(); i++) {
                TimeUnit.SECONDS.sleep(1);
                maxOffHeap = Math.max(maxOffHeap, rec.offHeapBytes());
                maxDirect = Math.max(maxDirect, OffHeapBudget.directUsed());
            }
            RecordingWindow w = rec.window();
            long collected = e.collector().collected();
            System.out.printf(Locale.ROOT, "t=%4ds collected=%,d held=%,d dropped=%,d window=%.1fs..%.1fs (%.1f s) "
                            + "offheap=%d MB direct=%d MB heap=%d MB overruns=%,d state=%s%n",
                    e.stats().elapsedNs() / 1_000_000_000L, collected, rec.eventCount() - w.droppedEvents(),
                    w.droppedEvents(), w.fromTs() / 1e9, w.toTs() / 1e9, w.spanNs() / 1e9, rec.offHeapBytes() >> 20,
                    OffHeapBudget.directUsed() >> 20,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    rec.overruns(), e.failure().map(f -> "FAILED " + f.describe()).orElse(e.running() ? "RUNNING" : "?"));
            if (collected <= lastCollected || w.toTs() <= lastTo) stalled = true;
            lastCollected = collected;
            lastTo = w.toTs();
        }
        e.stop();
        System.out.printf(Locale.ROOT, "end: max offheap %d MB (budget %d MB), max direct %d MB, failure %s, stalled %s%n",
                maxOffHeap >> 20, rec.offHeapBudget() >> 20, maxDirect >> 20,
                e.failure().map(Object::toString).orElse("none"), stalled);
        System.exit(e.failure().isPresent() || stalled ? 1 : 0);
    }
}
