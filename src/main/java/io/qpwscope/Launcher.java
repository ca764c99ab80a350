package io.qpwscope;

/** Plain main class so the shaded jar starts JavaFX from the classpath. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("QPW Scope");
    }
}
