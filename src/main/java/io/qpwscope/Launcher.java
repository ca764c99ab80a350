package io.qpwscope;

import io.qpwscope.cli.QpwScopeCommand;

/**
 * Plain main class (not an Application subclass) so the shaded jar starts JavaFX from the
 * classpath. With no arguments it opens the GUI; otherwise it runs the command line.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            javafx.application.Application.launch(io.qpwscope.ui.QpwScopeApp.class, args);
            return;
        }
        io.qpwscope.cli.OpenCommand.setDefaultOpener(io.qpwscope.ui.review.ReviewApp::launch);
        int code = QpwScopeCommand.commandLine().execute(args);
        System.exit(code);
    }
}
