package io.qpwscope.ui;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;

/**
 * Starts the JavaFX toolkit once per JVM through TestFX (headless platform, see surefire's argLine) and
 * runs code on the FX thread with a bounded wait.
 */
public final class FxSupport {
    private static volatile boolean started;

    private FxSupport() {}

    public static synchronized void start() throws InterruptedException {
        if (started) return;
        try {
            // TestFX's way in: robot clicks are delivered only to a toolkit it started itself.
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("FX toolkit did not start", e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code c} on the FX thread and returns its result; fails after {@code seconds}. */
    public static <T> T onFx(Callable<T> c, long seconds) throws Exception {
        start();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(c.call());
            } catch (Throwable t) {
                error.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(seconds, TimeUnit.SECONDS)) throw new IllegalStateException("FX task did not finish in " + seconds + " s");
        if (error.get() instanceof Exception e) throw e;
        if (error.get() instanceof Error e) throw e;
        return result.get();
    }

    public static <T> T onFx(Callable<T> c) throws Exception {
        return onFx(c, 60); // one FX round trip: 20 s ran out once on this host at load 8 with javac beside the suite
    }

    public static void onFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    /** Writes an image under target/ui-shots for a human to look at. */
    public static void save(Image img, String name) throws IOException {
        File dir = new File(System.getProperty("qpw.shots", "target/ui-shots"));
        if (!dir.isDirectory() && !dir.mkdirs()) throw new IOException("cannot create " + dir);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(dir, name));
    }

    /** Polls {@code cond} on the FX thread every 50 ms until it holds; fails after {@code seconds}. */
    public static void await(String what, Callable<Boolean> cond, long seconds) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (!Boolean.TRUE.equals(onFx(cond))) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }

    /**
     * Waits until {@code pulses} FX pulses have run (animation timers, then layout and render),
     * counted from the call; fails after {@code seconds}. Unlike a sleep, this holds however
     * slowly a loaded machine delivers pulses.
     */
    public static void awaitPulses(int pulses, long seconds) throws Exception {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                if (seen.incrementAndGet() >= pulses) done.countDown();
            }
        };
        onFx((Runnable) timer::start);
        try {
            if (!done.await(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(seen.get() + " of " + pulses + " FX pulses in " + seconds + " s");
            }
        } finally {
            onFx((Runnable) timer::stop);
        }
    }

    /** The lab window on the default scenario, started by {@link #startLab} and stopped by {@link #close}. */
    public record Lab(QpwScopeApp app, javafx.stage.Stage stage) {
        public MainWindow window() {
            return app.window();
        }

        /** Stops the engine and hides the window. */
        public void close() throws Exception {
            onFx(() -> {
                app.stop();
                stage.hide();
                return null;
            }, 30);
        }
    }

    /** Starts the app at (0, 0) in a {@code width} x {@code height} window and waits for its engine to run. */
    public static Lab startLab(double width, double height) throws Exception {
        start();
        Lab lab = onFx(() -> {
            javafx.stage.Stage stage = new javafx.stage.Stage();
            QpwScopeApp app = new QpwScopeApp();
            app.start(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            return new Lab(app, stage);
        }, 120);
        await("engine running", () -> lab.app().model().runningProperty().get() && lab.app().model().qpwProperty().get() >= 0, 60);
        return lab;
    }
}
