package io.qpwscope.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingComparison;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.EventType;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.render.Viewport;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two recordings on one time axis, aligned at a chosen event, with the summary table. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComparePaneTest {
    @TempDir Path dir;

    @Test
    void shouldAlignBAtTheChosenEventAndMoveBothViewsTogether() throws Exception {
        FxSupport.start();
        LoadedRecording a = RecordingReader.load(ReviewFx.saved(ReviewFx.synthetic(20_000_000, 10_000_000), dir.resolve("a.qpwrec")));
        LoadedRecording b = RecordingReader.load(ReviewFx.saved(ReviewFx.synthetic(16_000_000, 5_000_000), dir.resolve("b.qpwrec")));
        long switchA = RecordingComparison.occurrenceTs(a.recording(), EventType.MODE_SWITCH, 0).orElseThrow();
        long switchB = RecordingComparison.occurrenceTs(b.recording(), EventType.MODE_SWITCH, 0).orElseThrow();
        assertTrue(switchA != switchB);
        Stage stage = FxSupport.onFx(() -> new Stage());
        try {
            ComparePane pane = FxSupport.onFx(() -> ReviewWindows.compare(stage, new ComparePane.Side(dir.resolve("a.qpwrec"), a),
                    new ComparePane.Side(dir.resolve("b.qpwrec"), b)));
            FxSupport.onFx(() -> {
                pane.alignment().setValue(ComparePane.Alignment.FIRST_MODE_SWITCH);
                pane.indexAll();
            });
            assertEquals(switchA - switchB, FxSupport.onFx(() -> pane.sync().offsetNs()));
            Viewport va = FxSupport.onFx(() -> pane.timelineA().view().viewport());
            Viewport vb = FxSupport.onFx(() -> pane.timelineB().view().viewport());
            assertEquals(va.startNs() - (switchA - switchB), FxSupport.onFx(vb::startNs), 1e-6);
            assertEquals(va.nsPerPx(), FxSupport.onFx(vb::nsPerPx), 1e-9);
            double xa = FxSupport.onFx(() -> va.xOf(switchA));
            assertEquals(xa, FxSupport.onFx(() -> vb.xOf(switchB)), 1e-6, "the two switches are drawn at the same x");

            FxSupport.onFx(() -> {
                vb.zoomAt(100, 0.25);
                pane.sync().sync();
            });
            assertEquals(FxSupport.onFx(vb::nsPerPx), FxSupport.onFx(va::nsPerPx), 1e-9, "zooming B moves A");
            assertEquals(FxSupport.onFx(vb::startNs) + (switchA - switchB), FxSupport.onFx(va::startNs), 1e-6);

            FxSupport.onFx(() -> pane.alignment().setValue(ComparePane.Alignment.START));
            assertEquals(0, FxSupport.onFx(() -> pane.sync().offsetNs()));

            var rows = FxSupport.onFx(() -> pane.table().getItems());
            var cmp = RecordingComparison.of(a.recording(), b.recording());
            var inter = rows.stream().filter(r -> r.metric().equals("interruptions, all CPUs")).findFirst().orElseThrow();
            assertEquals(cmp.a().all().interruptions(), (long) inter.a());
            assertEquals(cmp.b().all().interruptions(), (long) inter.b());
            assertEquals(inter.b() - inter.a(), inter.difference());
            FxSupport.save(FxSupport.onFx(() -> pane.getScene().snapshot(null)), "compare-pane.png");
        } finally {
            FxSupport.onFx(() -> stage.hide());
        }
    }
}
