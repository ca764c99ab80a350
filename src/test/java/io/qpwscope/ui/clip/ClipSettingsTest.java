package io.qpwscope.ui.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.recording.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipSettingsTest {
    private static String rejected(String from, String to, String speed, Integer width, Integer fps, ClipFormat f) {
        return assertThrows(IllegalArgumentException.class, () -> ClipSettings.parse(from, to, speed, width, fps, f)).getMessage();
    }

    @Test
    void shouldReadTimesInEveryUnitAndSpeedsAsFractions() {
        ClipSettings s = ClipSettings.parse("0.9s", "951.2ms", "1/1000", null, null, ClipFormat.GIF);
        assertEquals(900_000_000L, s.fromNs());
        assertEquals(951_200_000L, s.toNs());
        assertEquals(0.001, s.speed(), 1e-15);
        assertEquals(1280, s.width());
        assertEquals(25, s.fps());
        assertEquals(300_000L, ClipSettings.parseTime("--from", "300µs"));
        assertEquals(300_000L, ClipSettings.parseTime("--from", "300us"));
        assertEquals(1_500L, ClipSettings.parseTime("--from", "1500ns"));
        assertEquals(0.5, ClipSettings.parseSpeed("0.5"), 1e-15);
        assertEquals(0.0001, ClipSettings.parseSpeed("1/10000x"), 1e-18);
        assertEquals("1/1000", ClipSettings.speedLabel(0.001));
        assertEquals("2×", ClipSettings.speedLabel(2));
    }

    @Test
    void shouldLeaveTheRangeAndSpeedOpenWhenNotGiven() {
        ClipSettings s = ClipSettings.parse(null, " ", null, 640, 10, ClipFormat.MP4);
        assertEquals(-1, s.fromNs());
        assertEquals(-1, s.toNs());
        assertEquals(0, s.speed());
    }

    @Test
    void shouldRejectBadInputWithAMessageNamingTheOptionAndAnExample() {
        String noUnit = rejected("0.9", null, null, null, null, ClipFormat.GIF);
        assertTrue(noUnit.contains("--from") && noUnit.contains("unit") && noUnit.contains("950ms"), noUnit);
        String notTime = rejected(null, "soon s", null, null, null, ClipFormat.GIF);
        assertTrue(notTime.contains("--to") && notTime.contains("not a time"), notTime);
        String negative = rejected("-1ms", null, null, null, null, ClipFormat.GIF);
        assertTrue(negative.contains("from 0"), negative);
        String backwards = rejected("1s", "0.9s", null, null, null, ClipFormat.GIF);
        assertTrue(backwards.contains("--to") && backwards.contains("after --from"), backwards);
        String zero = rejected(null, null, "0", null, null, ClipFormat.GIF);
        assertTrue(zero.contains("--speed") && zero.contains("greater than 0"), zero);
        String divZero = rejected(null, null, "1/0", null, null, ClipFormat.GIF);
        assertTrue(divZero.contains("--speed"), divZero);
        String word = rejected(null, null, "slow", null, null, ClipFormat.GIF);
        assertTrue(word.contains("1/1000"), word);
        String narrow = rejected(null, null, null, 100, null, ClipFormat.GIF);
        assertTrue(narrow.contains("--width 100") && narrow.contains("320"), narrow);
        String fast = rejected(null, null, null, null, 60, ClipFormat.GIF);
        assertTrue(fast.contains("--fps 60") && fast.contains("gif"), fast);
        String none = rejected(null, null, null, null, 0, ClipFormat.MP4);
        assertTrue(none.contains("--fps 0"), none);
    }

    @Test
    void shouldShowTheLastCaptionReachedAndNothingBeforeTheFirst() {
        ClipCaptions c = new ClipCaptions(List.of(new ClipCaptions.Caption(2_000, "b"), new ClipCaptions.Caption(1_000, "a")));
        assertEquals("", c.at(999));
        assertEquals("a", c.at(1_000));
        assertEquals("b", c.at(5_000));
        ClipCaptions bookmarks = ClipCaptions.of(io.qpwscope.ui.timeline.SyntheticRecording.meta(
                io.qpwscope.ui.timeline.SyntheticRecording.Config.demo(1_000_000, 100)), List.of(new Annotation(500, 3, "kworker runs")));
        assertEquals("cpu3: kworker runs", bookmarks.at(600));
    }

    @Test
    void shouldPickARoundSpeedThatShowsTheRangeInAboutEightSeconds() {
        assertEquals(0.001, ClipPlan.autoSpeed(8_000_000), 1e-12);
        assertEquals(0.0002, ClipPlan.autoSpeed(1_600_000), 1e-12);
    }
}
