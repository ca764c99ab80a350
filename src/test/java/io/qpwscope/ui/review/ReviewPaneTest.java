package io.qpwscope.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.recording.Annotation;
import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.render.Viewport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Review mode on recordings written by RecordingFiles.save: lanes, search, bookmarks, truncated files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReviewPaneTest {
    @TempDir Path dir;
    private Stage stage;
    private ReviewPane pane;
    private Preferences prefs;

    @BeforeEach
    void openWindow() throws Exception {
        FxSupport.start();
        prefs = Preferences.userRoot().node("io/qpwscope/test/review-" + System.nanoTime());
        FxSupport.onFx(() -> {
            stage = new Stage();
            pane = new ReviewPane(new RecentFiles(prefs));
            stage.setScene(ReviewWindows.scene(pane, 1280, 760));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxSupport.onFx(() -> stage.hide());
        prefs.removeNode();
    }

    private LoadedRecording openSaved(Recording r, String name) throws Exception {
        Path f = ReviewFx.saved(r, dir.resolve(name));
        assertTrue(FxSupport.onFx(() -> pane.open(f)));
        ReviewFx.await("loaded", () -> pane.loaded() != null && !pane.tasks().busyProperty().get(), 30);
        FxSupport.onFx(() -> pane.timeline().indexAll());
        return FxSupport.onFx(() -> pane.loaded());
    }

    @Test
    void shouldShowEveryLaneAndEventOfASavedRecordingFittedToItsLength() throws Exception {
        Recording r = ReviewFx.synthetic(20_000_000, 10_000_000);
        openSaved(r, "a.qpwrec");
        var idx = FxSupport.onFx(() -> pane.timeline().view().index());
        assertEquals(4, idx.cpus());
        assertTrue(idx.caughtUp());
        assertEquals(r.eventCount(), idx.indexedEvents(), "every saved event is in the view's index");
        assertTrue(idx.source().isolated(3) && !idx.source().isolated(0));
        assertTrue(idx.interruptions(3) > 0, "qpw=0 half interrupts the isolated CPU");
        Viewport vp = FxSupport.onFx(() -> pane.timeline().view().viewport());
        assertEquals(0, vp.startNs(), 1);
        assertEquals(r.endTs(), vp.endNs(), r.endTs() * 0.01, "fitted to the recording");
        assertTrue(FxSupport.onFx(() -> pane.header().title().getText()).contains("synthetic"));
        assertEquals("REVIEW", FxSupport.onFx(() -> pane.timeline().view().frame().badge), "review windows say REVIEW, not PAUSED");
        assertTrue(FxSupport.onFx(() -> pane.header().notices().getChildren().isEmpty()));
        assertEquals(List.of(dir.resolve("a.qpwrec").toAbsolutePath()), new RecentFiles(prefs).list());
        FxSupport.save(FxSupport.onFx(() -> pane.getScene().snapshot(null)), "review-pane.png");
    }

    @Test
    void shouldFindTheNthWorkQueuedAndMoveTheViewToIt() throws Exception {
        Recording r = ReviewFx.synthetic(20_000_000, 10_000_000);
        openSaved(r, "s.qpwrec");
        List<long[]> all = new ArrayList<>();
        for (int c = 0; c < r.cpus(); c++) {
            LaneEvents l = r.lane(c);
            for (int i = 0; i < l.size(); i++) {
                if (TraceDescriptor.type(l.meta(i)) == EventType.WORK_QUEUED.code) all.add(new long[] {l.ts(i), c, i});
            }
        }
        all.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]).thenComparingLong(a -> a[2]));
        assertTrue(all.size() > 10);
        int n = 6;
        var hit = new EventSearch(r).nth(new EventSearch.Query(EventType.WORK_QUEUED, -1, null), n).orElseThrow();
        assertEquals(all.get(n)[0], hit.ts());
        assertEquals(all.get(n)[1], hit.cpu());
        assertEquals(all.get(n)[2], hit.index());
        assertEquals(all.size(), new EventSearch(r).count(new EventSearch.Query(EventType.WORK_QUEUED, -1, null)));

        FxSupport.onFx(() -> pane.search().typePicker().setValue(EventType.WORK_QUEUED));
        for (int k = 0; k <= n; k++) FxSupport.onFx(() -> pane.search().next().orElseThrow());
        var cur = FxSupport.onFx(() -> pane.search().current());
        assertEquals(hit, cur);
        Viewport vp = FxSupport.onFx(() -> pane.timeline().view().viewport());
        assertTrue(vp.startNs() <= hit.ts() && hit.ts() <= vp.endNs(), "the hit is in view");
        assertTrue(vp.spanNs() <= ReviewTimeline.JUMP_SPAN_NS * 1.01, "zoomed in onto it");
        assertTrue(FxSupport.onFx(() -> pane.search().result().getText()).startsWith("#" + (n + 1) + " work-queued"));
        assertEquals(all.get(n - 1)[0], FxSupport.onFx(() -> pane.search().previous().orElseThrow()).ts());

        FxSupport.onFx(() -> pane.search().cpuPicker().setValue(3));
        assertTrue(FxSupport.onFx(() -> pane.search().next()).isEmpty(), "the isolated CPU queues no work");
    }

    @Test
    void shouldSaveABookmarkIntoTheFileAtomicallyAndLoadItBack() throws Exception {
        Recording r = ReviewFx.synthetic(8_000_000, 4_000_000);
        openSaved(r, "b.qpwrec");
        FxSupport.onFx(() -> {
            pane.timeline().view().selectRange(3_000_000, 3_500_000);
            pane.bookmarks().textField().setText("drain under qpw=0");
            pane.bookmarks().addAtCursor();
        });
        assertTrue(FxSupport.onFx(() -> pane.bookmarks().dirtyProperty().get()));
        long[] drawn = FxSupport.onFx(() -> pane.timeline().view().frame().bookmarkTs);
        assertTrue(drawn.length == 1 && drawn[0] == 3_000_000, "the new bookmark is on the timeline");
        assertEquals(Annotation.ALL_CPUS, (int) FxSupport.onFx(() -> pane.timeline().view().frame().bookmarkCpu[0]));
        assertTrue(FxSupport.onFx(() -> pane.saveBookmarks()));
        ReviewFx.await("saved", () -> !pane.tasks().busyProperty().get(), 30);
        assertFalse(FxSupport.onFx(() -> pane.bookmarks().dirtyProperty().get()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("b.qpwrec")), s.toList(), "no temp file left beside it");
        }
        LoadedRecording back = RecordingReader.load(dir.resolve("b.qpwrec"));
        assertEquals(List.of(new Annotation(3_000_000, Annotation.ALL_CPUS, "drain under qpw=0")), back.annotations());
        assertEquals(r.eventCount(), back.events());
        assertTrue(back.complete());
    }

    @Test
    void shouldOpenATruncatedRecordingAndShowItsNotice() throws Exception {
        Path f = ReviewFx.saved(ReviewFx.synthetic(8_000_000, 4_000_000), dir.resolve("t.qpwrec"));
        truncate(f, Files.size(f) - 40);
        assertTrue(FxSupport.onFx(() -> pane.open(f)));
        ReviewFx.await("loaded", () -> pane.loaded() != null && !pane.tasks().busyProperty().get(), 30);
        LoadedRecording lr = FxSupport.onFx(() -> pane.loaded());
        assertFalse(lr.complete());
        assertTrue(lr.notices().stream().anyMatch(n -> n.kind() == LoadNotice.Kind.TRUNCATED), lr.notices().toString());
        assertFalse(FxSupport.onFx(() -> pane.header().notices().getChildren().isEmpty()), "notice shown in the header");
    }

    @Test
    void shouldReportAFileThatIsNotARecordingWithoutReplacingTheShownOne() throws Exception {
        Path bad = dir.resolve("bad.qpwrec");
        Files.writeString(bad, "not a recording at all");
        assertTrue(FxSupport.onFx(() -> pane.open(bad)));
        ReviewFx.await("failed", () -> !pane.tasks().busyProperty().get(), 30);
        assertEquals(null, FxSupport.onFx(() -> pane.loaded()));
        String msg = FxSupport.onFx(() -> pane.tasks().outcome().getText());
        assertTrue(msg.contains("failed") && !msg.contains("\n"), msg);
    }

    private static void truncate(Path f, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
