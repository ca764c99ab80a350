package io.qpwscope;

import io.qpwscope.cli.QpwScopeCommand;

/**
 * Plain main class (not an Application subclass) so the shaded jar starts JavaFX from the
 * classpath. With no arguments it opens the GUI; otherwise it runs the command line.
 *
 * <p>With {@code -D}{@value #TRAINING} (the AOT cache's training run, see README) it runs the
 * given command line, if any, without exiting, then opens the GUI, which closes itself after
 * its first timeline frame ({@link io.qpwscope.ui.QpwScopeApp#EXIT_AFTER_FIRST_FRAME}); the JVM
 * then writes the cache named by {@code -XX:AOTCacheOutput}.
 */
public final class Launcher {
    /** System property: one training run covering the CLI and the GUI's first frame. */
    public static final String TRAINING = "qpwscope.training";

    private Launcher() {}

    public static void main(String[] args) {
        if (Boolean.getBoolean(TRAINING)) {
            train(args);
            return;
        }
        if (args.length == 0) {
            javafx.application.Application.launch(io.qpwscope.ui.QpwScopeApp.class, args);
            return;
        }
        if (args[0].equals(AB_OPTION)) {
            System.exit(ab(args));
            return;
        }
        // a lambda, not a method reference: the review window's classes load only if it opens
        io.qpwscope.cli.OpenCommand.setDefaultOpener(recordings -> io.qpwscope.ui.review.ReviewApp.launch(recordings));
        io.qpwscope.cli.ExportCommand.setClipMaker((r, out, err) -> new io.qpwscope.ui.clip.CliClipMaker().make(r.loaded(),
                new io.qpwscope.ui.clip.CliClipMaker.Options(r.format(), r.out(), r.from(), r.to(), r.speed(), r.width(), r.fps()), out, err));
        int code = QpwScopeCommand.commandLine().execute(args);
        System.exit(code);
    }

    /**
     * {@code qpwscope --ab [SCENARIO]}: the live A/B window (qpw=0 above, qpw=1 below) on a
     * scenario file, or on the bundled one that shows the difference on every trigger press.
     * A bad file is one line on stderr and exit 2, before any window.
     */
    public static final String AB_OPTION = "--ab";

    private static int ab(String[] args) {
        if (args.length > 2) {
            System.err.println("qpwscope: --ab takes at most one scenario file");
            return 2;
        }
        return io.qpwscope.ui.ab.AbApp.run(args.length == 2 ? java.nio.file.Path.of(args[1]) : null);
    }

    private static void train(String[] args) {
        int code = 0;
        if (args.length > 0) code = QpwScopeCommand.commandLine().execute(args);
        System.setProperty(io.qpwscope.ui.QpwScopeApp.EXIT_AFTER_FIRST_FRAME, "true");
        javafx.application.Application.launch(io.qpwscope.ui.QpwScopeApp.class);
        System.exit(code);
    }
}
