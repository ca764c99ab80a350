package io.qpwscope.ui.clip;

import io.qpwscope.ui.timeline.index.Landmarks;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which frames a clip has: the resolved range (the asked one; else the last drain with some
 * context around it; else the whole recording), the speed (the asked one, else one that makes
 * the range last about {@link #AUTO_SECONDS}), the recording time of every timeline frame and
 * how long each is shown. The frame count is bounded by {@link #MAX_FRAMES}: past it, frames
 * are shown longer (a lower frame rate) so the speed stays what was asked, and
 * {@link #notes()} says so.
 *
 * @param frameMs how long each timeline frame is shown, in ms of clip
 */
public record ClipPlan(long fromNs, long toNs, double speed, double[] times, double frameMs, String rangeSource,
                       List<String> notes) {
    public static final int MAX_FRAMES = 600;
    public static final int MIN_FRAMES = 10;
    public static final double AUTO_SECONDS = 8;
    /** The title card's time on screen, and the hold on the last frame. */
    public static final int TITLE_MS = 2500;
    public static final int HOLD_MS = 1500;

    public ClipPlan {
        times = times.clone();
        notes = List.copyOf(notes);
    }

    public int frames() { return times.length; }

    /** The clip's length without the title card and the final hold, in seconds. */
    public double seconds() { return times.length * frameMs / 1000; }

    public static ClipPlan of(ClipSettings s, TimelineIndex index) {
        long end = index.endTs();
        long start = Math.max(0, index.startTs());
        List<String> notes = new ArrayList<>();
        long from, to;
        String source;
        if (s.fromNs() >= 0 || s.toNs() >= 0) {
            from = s.fromNs() >= 0 ? s.fromNs() : start;
            to = s.toNs() >= 0 ? s.toNs() : end;
            if (from >= end) {
                throw new IllegalArgumentException("--from " + ms(from) + " is past the recording's end (" + ms(end) + ")");
            }
            if (to > end) {
                notes.add("--to " + ms(to) + " is past the recording's end: the clip stops at " + ms(end));
                to = end;
            }
            if (to <= from) throw new IllegalArgumentException("--to must be after --from");
            source = "the range asked for";
        } else {
            long[] drain = Landmarks.lastDrain(index);
            if (drain != null && drain[1] > drain[0]) {
                long len = drain[1] - drain[0];
                long pad = Math.max(len / 3, 20_000);
                from = Math.max(start, drain[0] - pad);
                to = Math.min(end, drain[1] + pad);
                source = "the last drain";
            } else {
                from = start;
                to = end;
                source = "the whole recording";
            }
            if (to <= from) throw new IllegalArgumentException("the recording is empty: nothing to show");
        }
        double span = to - from;
        double speed = s.speed() > 0 ? s.speed() : autoSpeed(span);
        double clipMs = span / (speed * 1e6);
        double frameMs = 1000.0 / s.fps();
        int n = (int) Math.ceil(clipMs / frameMs);
        if (n > MAX_FRAMES) {
            n = MAX_FRAMES;
            frameMs = clipMs / n;
            notes.add(String.format(Locale.ROOT, "capped at %d frames: each frame is shown %.0f ms (%.1f fps) to keep %s speed",
                    MAX_FRAMES, frameMs, 1000 / frameMs, ClipSettings.speedLabel(speed)));
        } else if (n < MIN_FRAMES) {
            n = MIN_FRAMES;
            speed = span / 1e6 / (n * frameMs);
            notes.add("the range lasts under " + MIN_FRAMES + " frames at the speed asked: slowed to "
                    + ClipSettings.speedLabel(speed) + " so the clip has " + MIN_FRAMES + " frames");
        }
        double[] times = new double[n];
        for (int i = 0; i < n; i++) times[i] = from + span * (i + 1) / n;
        return new ClipPlan(from, to, speed, times, frameMs, source, notes);
    }

    /** A round speed (1, 2 or 5 × a power of ten: 1/1000, 1/2000, 1/5000…) that shows {@code spanNs} in about {@link #AUTO_SECONDS}. */
    static double autoSpeed(double spanNs) {
        double ideal = spanNs / 1e9 / AUTO_SECONDS;
        double best = 1;
        for (int k = -9; k <= 1; k++) {
            for (int m : new int[] {1, 2, 5}) {
                double cand = m * Math.pow(10, k);
                if (Math.abs(Math.log(cand / ideal)) < Math.abs(Math.log(best / ideal))) best = cand;
            }
        }
        return Math.min(ClipSettings.MAX_SPEED, Math.max(ClipSettings.MIN_SPEED, best));
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }
}
