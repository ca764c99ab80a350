package io.qpwscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Saves a node (the timeline) as a PNG: the snapshot is taken on the FX thread, encoded and
 * written on a background {@link Task} to a temporary file next to the target, then moved
 * into place atomically, so a failed export never leaves half a file.
 */
public final class PngExport {
    private PngExport() {}

    public static Task<Path> save(Node node, Path target) {
        WritableImage img = node.snapshot(null, null);
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws IOException {
                Path dir = target.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
                try {
                    if (!ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", tmp.toFile())) {
                        throw new IOException("no PNG writer available");
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return target;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        };
        Thread t = new Thread(task, "png-export");
        t.setDaemon(true);
        t.start();
        return task;
    }
}
