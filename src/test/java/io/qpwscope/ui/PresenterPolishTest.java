package io.qpwscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.ui.lab.ScenarioEdits;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * What a presenter sees: the qpw switch's label names the mode in force and follows the
 * switch (also with CONFIG_QPW=n, where only qpw=0 exists), and presentation mode on a
 * 1280x720 projector leaves the lanes most of the height.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenterPolishTest {
    private static FxSupport.Lab lab;
    private static QpwScopeApp app;
    private static Stage stage;
    private static MainWindow w;

    @BeforeAll
    static void startLab() throws Exception {
        lab = FxSupport.startLab(1280, 720);
        app = lab.app();
        stage = lab.stage();
        w = app.window();
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) lab.close();
    }

    @Test
    @Order(1)
    void shouldNameTheCurrentModeBesideTheSwitchAndFollowIt() throws Exception {
        ToggleSwitch sw = FxSupport.onFx(() -> (ToggleSwitch) w.scene().lookup("#qpw-switch"));
        assertEquals(1, FxSupport.onFx(() -> app.model().qpwProperty().get()), "nohz_full= turns qpw=1 on at boot");
        assertEquals("qpw=1: per-CPU spinlocks", FxSupport.onFx(() -> w.controls().modeText()));
        await("switch enabled", () -> !sw.isDisabled(), 30);
        FxSupport.onFx(() -> sw.setSelected(false));
        assertEquals("qpw=0: local locks + kworker", FxSupport.onFx(() -> w.controls().modeText()), "flipped off: qpw=0 named at once");
        await("engine switched to qpw=0", () -> app.model().qpwProperty().get() == 0, 60);
        assertEquals("qpw=0: local locks + kworker", FxSupport.onFx(() -> w.controls().modeText()), "and still once the engine follows");

        Scenario s = FxSupport.onFx(() -> app.model().scenario());
        Scenario.Kernel k = s.kernel();
        FxSupport.onFx(() -> app.model().reboot(ScenarioEdits.with(s, new Scenario.Kernel(false, false, k.CONFIG_PREEMPT_RT(), k.boot()))));
        await("rebooted with CONFIG_QPW=n", () -> app.model().bootProperty().get() != null && !app.model().bootProperty().get().configQpw()
                && app.model().runningProperty().get(), 60);
        assertEquals("qpw=0: local locks + kworker (CONFIG_QPW=n)", FxSupport.onFx(() -> w.controls().modeText()));
        await("switch enabled", () -> !sw.isDisabled(), 30);
        FxSupport.onFx(() -> sw.setSelected(true));
        await("the refused switch springs back", () -> !sw.isSelected(), 30);
        assertEquals("qpw=0: local locks + kworker (CONFIG_QPW=n)", FxSupport.onFx(() -> w.controls().modeText()),
                "a kernel without QPW stays at qpw=0, and the label says why");
        FxSupport.onFx(() -> app.model().reboot(s));
        await("rebooted with CONFIG_QPW=y", () -> app.model().bootProperty().get().configQpw() && app.model().qpwProperty().get() == 1, 60);
        assertEquals("qpw=1: per-CPU spinlocks", FxSupport.onFx(() -> w.controls().modeText()));
    }

    @Test
    @Order(2)
    void shouldGiveTheLanesMostOfA1280x720ProjectorInPresentationMode() throws Exception {
        FxSupport.onFx(() -> {
            w.controls().presentationProperty().set(true);
            w.timeline().pause();
            w.caption().showAt(longestStepAtNs(), true);
            w.scene().getRoot().applyCss();
            w.scene().getRoot().layout();
            return null;
        });
        await("laid out", () -> w.timeline().getHeight() > 0, 10);
        Thread.sleep(300);
        double sceneH = FxSupport.onFx(() -> w.scene().getHeight());
        double laneH = FxSupport.onFx(() -> w.timeline().getHeight());
        Bounds bar = FxSupport.onFx(() -> w.controls().getLayoutBounds());
        double rowH = FxSupport.onFx(() -> {
            Node first = w.controls().getChildren().getFirst();
            return first.getLayoutBounds().getHeight();
        });
        System.out.printf("presentation 1280x720: scene %.0f, timeline %.0f (%.0f %%), controls %.0f, strip %.0f, playback %.0f, caption %.0f, legend %.0f, status %.0f%n",
                sceneH, laneH, 100 * laneH / sceneH, bar.getHeight(),
                FxSupport.onFx(() -> w.presentationStrip().getHeight()), FxSupport.onFx(() -> w.playback().getHeight()),
                FxSupport.onFx(() -> w.caption().getHeight()), FxSupport.onFx(() -> ((javafx.scene.layout.Region) w.scene().lookup(".legend-bar")).getHeight()),
                FxSupport.onFx(() -> w.status().getHeight()));
        assertTrue(FxSupport.onFx(() -> w.caption().text()).length() > 150, "measured under the scenario's longest caption");
        assertTrue(laneH >= 0.6 * sceneH, "the lanes take " + laneH + " of " + sceneH + " px");
        assertTrue(bar.getHeight() < 2 * rowH, "the controls fit one row: " + bar.getHeight() + " px for rows of " + rowH);
        assertFalse(FxSupport.onFx(() -> w.dashboard().getScene() != null), "the dashboard is folded away");
        assertTrue(FxSupport.onFx(() -> w.presentationStrip().getText()).contains("on isolated CPUs"), "its kernel figures stay, on one line");
        assertTrue(FxSupport.onFx(() -> w.scene().getRoot().getStyleClass().contains("presentation")), "big fonts");
        FxSupport.onFx(() -> {
            w.controls().presentationProperty().set(false);
            w.timeline().followLive();
        });
        assertTrue(FxSupport.onFx(() -> w.dashboard().getScene() != null), "leaving presentation brings the dashboard back");
    }

    @Test
    @Order(3)
    void shouldOpenLiveAbFromTheMenuOnTheLabsScenarioLeavingTheCoresToIt() throws Exception {
        var menu = FxSupport.onFx(() -> (io.qpwscope.ui.ab.AbMenuButton) w.scene().lookup("#ab-menu"));
        assertEquals(io.qpwscope.ui.ab.AbMenuButton.ITEM_TEXT, FxSupport.onFx(() -> menu.item().getText()));
        FxSupport.onFx(() -> menu.item().fire());
        await("the lab's own run stopped", () -> !app.model().runningProperty().get(), 60);
        Stage ab = FxSupport.onFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(x -> x instanceof Stage st && st.getTitle() != null && st.getTitle().startsWith(io.qpwscope.ui.ab.AbWindow.TITLE))
                .map(x -> (Stage) x).findFirst().orElseThrow());
        assertTrue(FxSupport.onFx(ab::getTitle).endsWith(app.model().scenario().name()), "on the lab's scenario");
        var pane = FxSupport.onFx(() -> (io.qpwscope.ui.ab.AbPane) ab.getScene().getRoot());
        await("both machines running", () -> pane.session().pair() != null && pane.session().pair().a().running()
                && pane.session().pair().b().running(), 60);
        var pair = pane.session().pair();
        FxSupport.onFx(() -> {
            ab.hide();
            return null;
        }, 60);
        assertFalse(pair.a().running() || pair.b().running(), "closing the A/B window stops both machines");
    }

    /** When the open scenario's longest narration step starts (ns). */
    private static double longestStepAtNs() {
        Scenario.NarrationStep longest = null;
        for (Scenario.NarrationStep n : app.model().scenario().narration()) {
            if (longest == null || n.text().length() > longest.text().length()) longest = n;
        }
        return longest.atMs() * 1e6 + 1;
    }

    private static void await(String what, Callable<Boolean> c, long seconds) throws Exception {
        FxSupport.await(what, c, seconds);
    }
}
