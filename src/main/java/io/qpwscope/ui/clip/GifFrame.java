package io.qpwscope.ui.clip;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One GIF frame as written: the smallest rectangle holding every pixel that differs from the
 * previous frame (the whole image for the first), as an 8-bit indexed image whose palette is
 * the rectangle's own colours. Unchanged pixels inside it are the transparent index, so the
 * previous frame shows through and LZW packs them into long runs. The timeline's colours are
 * flat: the 255 most used are kept exact (backgrounds, states, text), rarer ones (anti-aliased
 * edges, hatch blends) take the closest of those.
 *
 * @param transparent the transparent index, or -1 (first frame)
 */
record GifFrame(BufferedImage image, int x, int y, int transparent) {
    static GifFrame of(int[] cur, int[] prev, int w, int h) {
        int x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1;
        if (prev != null) {
            x0 = w;
            y0 = h;
            x1 = -1;
            y1 = -1;
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    if (((cur[row + x] ^ prev[row + x]) & 0xFFFFFF) != 0) {
                        if (x < x0) x0 = x;
                        if (x > x1) x1 = x;
                        if (y < y0) y0 = y;
                        y1 = y;
                    }
                }
            }
            if (x1 < 0) {
                x0 = x1 = y0 = y1 = 0;
            }
        }
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
        int reserved = prev == null ? 0 : 1;
        Map<Integer, int[]> counts = new HashMap<>();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int p = y * w + x;
                if (prev != null && ((cur[p] ^ prev[p]) & 0xFFFFFF) == 0) continue;
                counts.computeIfAbsent(cur[p] & 0xFFFFFF, k -> new int[1])[0]++;
            }
        }
        List<Integer> colours = new ArrayList<>(counts.keySet());
        colours.sort(Comparator.comparingInt((Integer c) -> counts.get(c)[0]).reversed().thenComparingInt(c -> c));
        int keep = Math.min(colours.size(), 256 - reserved);
        Map<Integer, Integer> index = new HashMap<>(colours.size() * 2);
        int size = Math.max(2, keep + reserved);
        byte[] r = new byte[size], g = new byte[size], b = new byte[size];
        for (int i = 0; i < keep; i++) {
            int c = colours.get(i), at = i + reserved;
            index.put(c, at);
            r[at] = (byte) (c >> 16);
            g[at] = (byte) (c >> 8);
            b[at] = (byte) c;
        }
        for (int i = keep; i < colours.size(); i++) index.put(colours.get(i), nearest(colours.get(i), r, g, b, reserved, keep));
        return build(cur, prev, w, x0, y0, bw, bh, r, g, b, index, reserved);
    }

    private static GifFrame build(int[] cur, int[] prev, int w, int x0, int y0, int bw, int bh, byte[] r, byte[] g, byte[] b,
                                  Map<Integer, Integer> index, int reserved) {
        int transparent = reserved == 1 ? 0 : -1;
        IndexColorModel cm = transparent >= 0 ? new IndexColorModel(8, r.length, r, g, b, transparent)
                : new IndexColorModel(8, r.length, r, g, b);
        BufferedImage img = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_INDEXED, cm);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int p = (y0 + y) * w + x0 + x;
                boolean same = prev != null && ((cur[p] ^ prev[p]) & 0xFFFFFF) == 0;
                px[y * bw + x] = same ? 0 : (byte) (int) index.get(cur[p] & 0xFFFFFF);
            }
        }
        return new GifFrame(img, x0, y0, transparent);
    }

    /** The closest palette entry (squared RGB distance) for a colour that did not get its own. */
    private static int nearest(int rgb, byte[] r, byte[] g, byte[] b, int from, int count) {
        int best = from, bestD = Integer.MAX_VALUE;
        int cr = rgb >> 16 & 0xFF, cg = rgb >> 8 & 0xFF, cb = rgb & 0xFF;
        for (int i = from; i < from + count; i++) {
            int dr = cr - (r[i] & 0xFF), dg = cg - (g[i] & 0xFF), db = cb - (b[i] & 0xFF);
            int d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
