package io.qpwscope.ui;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineFailure;
import io.qpwscope.engine.FailureInjection;
import io.qpwscope.trace.RecordingWindow;
import io.qpwscope.ui.lab.LabModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failure banner appears as soon as the live engine fails, naming the CPU and the cause. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailureBannerTest {

    @Test
    void shouldShowTheBannerWhenTheRunningEngineFails() throws Exception {
        FxSupport.start();
        LabModel model = FxSupport.onFx(LabModel::new);
        try {
            FailureBanner banner = FxSupport.onFx(() -> new FailureBanner(model, p -> { }, () -> null));
            assertFalse(FxSupport.onFx(banner::isVisible), "hidden while nothing failed");
            FxSupport.onFx(() -> {
                model.openDefault();
                model.run();
            });
            Engine e = awaitEngine(model);
            FailureInjection.failingWork(e, 0, 3);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!FxSupport.onFx(banner::isVisible) && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(20);
            assertTrue(FxSupport.onFx(banner::isVisible), "the banner shows the failure");
            String title = FxSupport.onFx(banner::titleText);
            assertTrue(title.startsWith("CPU 3 failed: LockdepException"), title);
            assertTrue(title.endsWith("in work fn lru_add_drain_per_cpu"), title);
            assertFalse(e.running(), "the engine is not running (the status line says FAILED, not running)");
        } finally {
            FxSupport.onFx(model::close);
        }
    }

    @Test
    void shouldNameTheCpuAndTheRollingWindowInWords() {
        EngineFailure f = new EngineFailure("cpu/2", 2, new IllegalStateException("boom"));
        assertTrue(FailureBanner.headline(f).startsWith("CPU 2 failed: IllegalStateException: boom"), FailureBanner.headline(f));
        EngineFailure c = new EngineFailure("trace-collector", -1, new IllegalStateException("x"));
        assertTrue(FailureBanner.headline(c).startsWith("trace-collector failed: IllegalStateException: x"));
        assertEquals("", RollingWindowText.of(new RecordingWindow(0, 5_000_000_000L, 0)));
        String w = RollingWindowText.of(new RecordingWindow(10_000_000_000L, 262_000_000_000L, 1_234_567));
        assertTrue(w.startsWith(" · window: last 4 min 12 s ("), w);
    }

    private static Engine awaitEngine(LabModel model) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Engine e = FxSupport.onFx(model::engine);
            if (e != null && e.running()) return e;
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no engine running");
    }
}
