package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelineViewSnapshotTest {

    private static TimelineView view(Recording rec, double w, double h) throws Exception {
        return FxSupport.onFx(() -> {
            TimelineView v = new TimelineView();
            StackPane root = new StackPane(v);
            new Scene(root, w, h);
            root.applyCss();
            root.layout();
            v.setSource(new RecordingTimelineSource(rec));
            v.renderNow();
            return v;
        });
    }

    @Test
    void shouldDrawWholeRecordingAndOneDrainForAHumanToLookAt() throws Exception {
        Recording rec = SyntheticRecording.build(SyntheticRecording.Config.demo(12_000_000, 1_000));
        TimelineView v = view(rec, 1400, 520);
        WritableImage all = FxSupport.onFx(() -> {
            v.fitAll();
            v.renderNow();
            return v.snapshot(null, null);
        });
        FxSupport.save(all, "synthetic-all.png");
        WritableImage drain = FxSupport.onFx(() -> {
            v.jumpToLastDrain();
            v.renderNow();
            return v.snapshot(null, null);
        });
        FxSupport.save(drain, "synthetic-last-drain.png");
        WritableImage qpw0 = FxSupport.onFx(() -> {
            v.viewport().fit(1_000_000 - 2_000, 1_000_000 + 16_000);
            v.renderNow();
            return v.snapshot(null, null);
        });
        FxSupport.save(qpw0, "synthetic-qpw0-drain.png");
        assertNotNull(all);
    }
}
