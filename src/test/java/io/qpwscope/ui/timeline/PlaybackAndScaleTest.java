package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.render.Ticks;
import io.qpwscope.ui.timeline.render.TimeFormat;
import io.qpwscope.ui.timeline.render.Viewport;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaybackAndScaleTest {

    @Test
    void shouldAdvanceSlowMotionAtSpeedTimesWallTimeAndNeverPassTheLiveEdge() {
        PlaybackClock c = new PlaybackClock();
        c.advance(0, 5_000_000);
        assertEquals(5_000_000, c.cursor(), 0.0, "live: the cursor is the live edge");
        c.playFrom(1_000_000);
        c.setSpeed(1e-6);
        c.advance(2_000_000_000L, 9_000_000);
        assertEquals(1_002_000, c.cursor(), 1e-6, "2 s of wall time at 1/1,000,000 = 2 µs of trace");
        c.setSpeed(1);
        c.advance(2_000_000_000L, 9_000_000);
        assertEquals(9_000_000, c.cursor(), 0.0, "clamped at the live edge");
        c.pause();
        c.advance(2_000_000_000L, 20_000_000);
        assertEquals(9_000_000, c.cursor(), 0.0, "paused: stays");
    }

    @Test
    void shouldLeaveLiveForSlowMotionWhenSpeedDropsBelowOne() {
        PlaybackClock c = new PlaybackClock();
        c.setSpeed(0.001);
        assertEquals(PlaybackClock.Mode.PLAYING, c.mode());
        c.live();
        assertEquals(1.0, c.speed());
    }

    @Test
    void shouldLabelTicksInOneUnitWithTheDecimalsTheStepNeeds() {
        assertEquals("1.250 s", TimeFormat.tick(1_250_000_000L, 1_000_000, TimeFormat.unitFor(2e9)));
        assertEquals("1.000002 s", TimeFormat.tick(1_000_002_000L, 2_000, TimeFormat.unitFor(1.1e9)));
        assertEquals("12 ms", TimeFormat.tick(12_000_000L, 5_000_000, TimeFormat.unitFor(5e7)));
        assertEquals("350 ns", TimeFormat.tick(350, 50, TimeFormat.unitFor(500)));
        assertEquals("12.3 µs", TimeFormat.duration(12_345));
        assertEquals("850 ns", TimeFormat.duration(850));
        assertEquals("1.25 ms", TimeFormat.duration(1_250_000));
        assertEquals("1.234 567 890 s", TimeFormat.absolute(1_234_567_890L));
    }

    @Test
    void shouldPickOneTwoFiveStepsAtLeastTheMinimumSpacingApart() {
        assertEquals(1, Ticks.step(0.02, 10));
        assertEquals(50, Ticks.step(0.4, 110));
        assertEquals(200_000, Ticks.step(1_500, 110));
        assertEquals(1_000_000_000L, Ticks.step(9e6, 110));
        assertEquals(10, Ticks.minor(50));
        assertEquals(100_000, Ticks.minor(200_000));
    }

    @Test
    void shouldZoomBetweenNanosecondsAndMinutesAroundThePointer() {
        Viewport v = new Viewport();
        v.setWidth(1000);
        v.set(0, 1000);
        double t = v.tOf(250);
        v.zoomAt(250, 0.5);
        assertEquals(t, v.tOf(250), 1e-6, "the time under the pointer stays put");
        for (int i = 0; i < 200; i++) v.zoomAt(500, 0.5);
        assertEquals(Viewport.MIN_NS_PER_PX, v.nsPerPx(), 0.0);
        for (int i = 0; i < 200; i++) v.zoomAt(500, 2);
        assertEquals(Viewport.MAX_NS_PER_PX, v.nsPerPx(), 0.0);
    }
}
