package io.qpwscope.ui.clip;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit for the command line, which draws clip frames off screen. With no
 * display (no DISPLAY or WAYLAND_DISPLAY on Linux) it selects OpenJFX's built-in headless
 * platform with the software renderer, as the tests do, before the toolkit starts. Does
 * nothing if the toolkit already runs.
 */
public final class HeadlessFx {
    private static boolean started;

    private HeadlessFx() {}

    public static synchronized void start() throws InterruptedException {
        if (started) return;
        if (noDisplay()) {
            setIfAbsent("glass.platform", "Headless");
            setIfAbsent("prism.order", "sw");
            setIfAbsent("java.awt.headless", "true");
        }
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        if (!up.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("JavaFX did not start in 30 s");
        Platform.setImplicitExit(false);
        started = true;
    }

    static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) return false;
        return blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
