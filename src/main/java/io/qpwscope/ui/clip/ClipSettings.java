package io.qpwscope.ui.clip;

import java.util.Locale;

/**
 * What a clip was asked for, parsed and checked: the range (ns since the recording's origin;
 * -1 = not given), the slow-motion speed (recording seconds per clip second; 0 = chosen to
 * fit), the width in pixels, frames per second and format. Every parse failure is an
 * {@link IllegalArgumentException} whose message says what was wrong and what would do.
 */
public record ClipSettings(long fromNs, long toNs, double speed, int width, int fps, ClipFormat format) {
    public static final int MIN_WIDTH = 320;
    public static final int MAX_WIDTH = 3840;
    /** A GIF delay is counted in 1/100 s and players slow down anything under 2/100 s. */
    public static final int MAX_GIF_FPS = 50;
    public static final int MAX_FPS = 60;
    /** Slowest and fastest speeds accepted (1/10^9: one ns lasts a second; 100×). */
    public static final double MIN_SPEED = 1e-9;
    public static final double MAX_SPEED = 100;

    public ClipSettings {
        if (fromNs >= 0 && toNs >= 0 && toNs <= fromNs) {
            throw new IllegalArgumentException("--to (" + label(toNs) + ") must be after --from (" + label(fromNs) + ")");
        }
        if (width < MIN_WIDTH || width > MAX_WIDTH) {
            throw new IllegalArgumentException("--width " + width + " is out of range (" + MIN_WIDTH + " to " + MAX_WIDTH + " pixels)");
        }
        int maxFps = format == ClipFormat.GIF ? MAX_GIF_FPS : MAX_FPS;
        if (fps < 1 || fps > maxFps) {
            throw new IllegalArgumentException("--fps " + fps + " is out of range (1 to " + maxFps + " for " + format.extension + ")");
        }
        if (speed != 0 && (speed < MIN_SPEED || speed > MAX_SPEED)) {
            throw new IllegalArgumentException("--speed " + speedLabel(speed) + " is out of range (1/1000000000 to 100)");
        }
    }

    /**
     * Parses the command line's or the dialog's text fields; null or blank means "not given".
     *
     * @throws IllegalArgumentException with a message naming the bad field
     */
    public static ClipSettings parse(String from, String to, String speed, Integer width, Integer fps, ClipFormat format) {
        long f = blank(from) ? -1 : parseTime("--from", from);
        long t = blank(to) ? -1 : parseTime("--to", to);
        double s = blank(speed) ? 0 : parseSpeed(speed);
        int w = width == null ? 1280 : width;
        int r = fps == null ? format.defaultFps : fps;
        return new ClipSettings(f, t, s, w, r, format);
    }

    /** "0.9s", "951.2ms", "300us" (or µs), "1500ns" → ns. A bare number is refused: its unit would be a guess. */
    public static long parseTime(String option, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT).replace('µ', 'u').replace(" ", "");
        double mult;
        String num;
        if (v.endsWith("ns")) { mult = 1; num = cut(v, 2); }
        else if (v.endsWith("us")) { mult = 1e3; num = cut(v, 2); }
        else if (v.endsWith("ms")) { mult = 1e6; num = cut(v, 2); }
        else if (v.endsWith("s")) { mult = 1e9; num = cut(v, 1); }
        else {
            throw new IllegalArgumentException(option + " '" + text + "' needs a unit: e.g. 0.9s, 950ms, 300us, 1500ns");
        }
        double d;
        try {
            d = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a time (e.g. 0.9s, 950ms, 300us)");
        }
        if (!(d >= 0) || Double.isInfinite(d) || d * mult > 3.6e12) {
            throw new IllegalArgumentException(option + " '" + text + "' must be a time from 0 to 1 hour into the recording");
        }
        return Math.round(d * mult);
    }

    /** "1/1000", "0.001", "2", "1/1000x": recording time per clip time. */
    public static double parseSpeed(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (v.endsWith("x") || v.endsWith("×")) v = cut(v, 1);
        double s;
        try {
            int slash = v.indexOf('/');
            s = slash < 0 ? Double.parseDouble(v)
                    : Double.parseDouble(v.substring(0, slash)) / Double.parseDouble(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed '" + text + "' is not a speed: write 1/1000 (one ms of recording "
                    + "per second of clip), 1/100, 0.5 or 1");
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("--speed '" + text + "' must be greater than 0 (e.g. 1/1000)");
        }
        if (s < MIN_SPEED || s > MAX_SPEED) {
            throw new IllegalArgumentException("--speed '" + text + "' is out of range (1/1000000000 to 100)");
        }
        return s;
    }

    /** "1/1000 speed", "1/2.5 speed", "2× speed". */
    public static String speedLabel(double speed) {
        if (speed >= 1) return trim(speed) + "×";
        return "1/" + trim(1 / speed);
    }

    private static String trim(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-6 * Math.max(1, v)) return String.format(Locale.ROOT, "%d", Math.round(v));
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String label(long ns) {
        return String.format(Locale.ROOT, "%.6g ms", ns / 1e6);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String cut(String v, int n) {
        return v.substring(0, v.length() - n);
    }
}
