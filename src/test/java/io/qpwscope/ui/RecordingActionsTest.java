package io.qpwscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.timeline.SyntheticRecording;
import io.qpwscope.ui.timeline.TimelineView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordingActionsTest {

    @Test
    void shouldOpenASavedRecordingForReviewFittedWholeWithItsName(@TempDir Path dir) throws Exception {
        Recording rec = SyntheticRecording.build(SyntheticRecording.Config.demo(8_000_000, 1_000));
        Path file = dir.resolve("demo.qpwrec");
        RecordingFiles.save(rec, file, List.of());
        assertTrue(Files.size(file) > 0);
        AtomicReference<String> reviewing = new AtomicReference<>("");
        LabModel model = FxSupport.onFx(LabModel::new);
        try {
            TimelineView view = FxSupport.onFx(() -> {
                TimelineView v = new TimelineView();
                StackPane root = new StackPane(v);
                new Scene(root, 1200, 500);
                root.applyCss();
                root.layout();
                new RecordingActions(model, v, new StatusBar(model), reviewing::set).open(file);
                return v;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reviewing.get().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals("demo.qpwrec", reviewing.get());
            long indexed = FxSupport.onFx(() -> {
                for (int i = 0; i < 100 && !view.index().caughtUp(); i++) view.renderNow();
                view.renderNow();
                return view.index().indexedEvents();
            });
            assertEquals(rec.eventCount(), indexed, "every saved record is back");
            assertTrue(!FxSupport.onFx(view::following), "a recording is reviewed, not followed");
            double[] span = FxSupport.onFx(() -> new double[] {view.viewport().startNs(), view.viewport().endNs(), view.frame().dataEnd});
            long end = rec.endTs();
            assertTrue(span[0] <= 1 && span[1] >= end && span[1] < end * 1.01, "fitted to the whole recording: " + span[0] + ".." + span[1]);
            assertEquals(end, span[2], 0.0, "everything is shown");
        } finally {
            FxSupport.onFx(() -> {
                model.close();
                return null;
            });
        }
    }
}
