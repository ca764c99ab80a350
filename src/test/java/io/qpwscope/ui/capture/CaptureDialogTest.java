package io.qpwscope.ui.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.ftrace.capture.Capture;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.SyntheticRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** "Capture on this machine…" against stand-in machines: refusal, a capture that succeeds, and Cancel. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureDialogTest {
    @TempDir Path dir;
    private CaptureDialog dialog;

    /** A machine that refuses or captures a synthetic recording; counts what the dialog asked of it. */
    private static final class FakeMachine implements Capturer {
        final String refusal;
        final boolean waitForCancel;
        final AtomicInteger captures = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean loopEnded, restored;

        FakeMachine(String refusal, boolean waitForCancel) {
            this.refusal = refusal;
            this.waitForCancel = waitForCancel;
        }

        @Override
        public String unavailable(int cpu) {
            return refusal;
        }

        @Override
        public Captured capture(Capture.Options o, Capture.Progress progress) throws Exception {
            captures.incrementAndGet();
            progress.step("FIFO loop on CPU " + o.cpu(), 0.5);
            started.countDown();
            try {
                if (waitForCancel) {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!progress.isCancelled() && System.nanoTime() < end) Thread.sleep(10);
                    loopEnded = true;
                    if (progress.isCancelled()) throw new Capture.CancelledException();
                }
                Recording rec = SyntheticRecording.build(new SyntheticRecording.Config(4, 1L << o.cpu(), 20_000_000, 5_000, 2_000_000, 10_000_000, 0));
                return new Captured(rec, "CPU " + o.cpu() + ": fake");
            } finally {
                restored = true;
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        if (dialog != null) FxSupport.onFx(() -> dialog.stage().hide());
    }

    private CaptureDialog open(FakeMachine m, AtomicReference<LoadedRecording> opened, Path out) throws Exception {
        FxSupport.start();
        return FxSupport.onFx(() -> {
            CaptureDialog d = new CaptureDialog(null, m, 4, (f, r) -> opened.set(r));
            d.outField().setText(out.toString());
            d.show();
            return d;
        });
    }

    @Test
    void withoutRootItShowsTheRefusalAndCapturesNothing() throws Exception {
        String why = "/sys/kernel/tracing is not writable (run as root)";
        FakeMachine m = new FakeMachine(why, false);
        AtomicReference<LoadedRecording> opened = new AtomicReference<>();
        dialog = open(m, opened, dir.resolve("r.qpwrec"));
        await("refusal at open", () -> why.equals(dialog.message().getText()));
        assertTrue(FxSupport.onFx(() -> dialog.start()), "the fields are good; the machine is asked off the FX thread");
        await("refusal after Capture", () -> !dialog.isRunning() && why.equals(dialog.message().getText()));
        assertEquals(0, m.captures.get(), "a refused machine runs no capture");
        FxSupport.onFx(() -> {
            FxSupport.save(dialog.stage().getScene().snapshot(null), "capture-dialog-refusal.png");
            return null;
        });
        assertTrue(FxSupport.onFx(() -> !dialog.startButton().isDisabled() && dialog.stage().isShowing()));
        assertFalse(Files.exists(dir.resolve("r.qpwrec")));
        assertEquals(null, opened.get());
    }

    @Test
    void badFieldsAreRefusedBeforeTheMachineIsAsked() throws Exception {
        FakeMachine m = new FakeMachine(null, false);
        dialog = open(m, new AtomicReference<>(), dir.resolve("r.qpwrec"));
        boolean started = FxSupport.onFx(() -> {
            dialog.cpuField().setText("9");
            return dialog.start();
        });
        assertFalse(started);
        assertEquals("CPU 9 is outside 0..3", FxSupport.onFx(() -> dialog.message().getText()));
        assertEquals(0, m.captures.get());
    }

    @Test
    void aCaptureIsWrittenAndOpenedForReview() throws Exception {
        FakeMachine m = new FakeMachine(null, false);
        AtomicReference<LoadedRecording> opened = new AtomicReference<>();
        Path out = dir.resolve("cap.qpwrec");
        dialog = open(m, opened, out);
        assertTrue(FxSupport.onFx(() -> {
            dialog.cpuField().setText("2");
            return dialog.start();
        }));
        await("opened in review", () -> opened.get() != null);
        assertEquals(1, m.captures.get());
        assertTrue(Files.size(out) > 0);
        LoadedRecording r = opened.get();
        assertTrue(r.complete());
        assertEquals(4, r.recording().cpus());
        assertTrue(r.events() > 0);
        assertEquals(1L << 2, r.recording().meta().isolatedMask());
        assertFalse(FxSupport.onFx(() -> dialog.stage().isShowing()), "the dialog closes once review opens");
    }

    @Test
    void cancelStopsTheCaptureAndOpensNothing() throws Exception {
        FakeMachine m = new FakeMachine(null, true);
        AtomicReference<LoadedRecording> opened = new AtomicReference<>();
        dialog = open(m, opened, dir.resolve("c.qpwrec"));
        assertTrue(FxSupport.onFx(() -> dialog.start()));
        assertTrue(m.started.await(20, TimeUnit.SECONDS));
        assertTrue(FxSupport.onFx(() -> dialog.isRunning() && dialog.progressBar().isVisible()
                && "Cancel".equals(dialog.cancelButton().getText())));
        FxSupport.onFx(() -> {
            FxSupport.save(dialog.stage().getScene().snapshot(null), "capture-dialog-running.png");
            dialog.cancelButton().fire();
            return null;
        });
        await("cancelled", () -> !dialog.isRunning());
        assertTrue(m.loopEnded && m.restored, "the capture saw the cancel and ended");
        assertEquals("Cancelled; tracing is back as it was", FxSupport.onFx(() -> dialog.message().getText()));
        assertEquals(null, opened.get());
        assertFalse(Files.exists(dir.resolve("c.qpwrec")));
        assertNotNull(FxSupport.onFx(() -> dialog.stage().isShowing() ? dialog : null), "the dialog stays open after a cancel");
    }

    @Test
    void onThisMachineItCapturesTheRealKernelAndOpensTheRecording() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("qpwscope.realCapture"),
                "a real-kernel capture: set -Dqpwscope.realCapture=true");
        String why = Capturer.THIS_MACHINE.unavailable(1);
        org.junit.jupiter.api.Assumptions.assumeTrue(why == null, () -> "capture cannot run here: " + why);
        AtomicReference<LoadedRecording> opened = new AtomicReference<>();
        Path out = dir.resolve("real.qpwrec");
        FxSupport.start();
        dialog = FxSupport.onFx(() -> {
            CaptureDialog d = new CaptureDialog(null, Capturer.THIS_MACHINE, Runtime.getRuntime().availableProcessors(), (f, r) -> opened.set(r));
            d.outField().setText(out.toString());
            d.secondsField().setText("1");
            d.show();
            return d;
        });
        assertTrue(FxSupport.onFx(() -> dialog.start()));
        await("the real capture opened", () -> opened.get() != null || (!dialog.isRunning() && dialog.message().getText().contains("failed")));
        assertNotNull(opened.get(), () -> "capture failed: " + dialog.message().getText());
        assertTrue(opened.get().recording().meta().isolated(1), "the loop's CPU is the isolated CPU under study");
        assertTrue(opened.get().recording().meta().scenarioName().startsWith(Capture.SCENARIO_PREFIX));
        assertTrue(opened.get().events() > 0);
    }

    private static void await(String what, Callable<Boolean> cond) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(FxSupport.onFx(cond))) return;
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
