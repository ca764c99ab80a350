package io.qpwscope.ui.clip;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.HashMap;
import java.util.Map;

/**
 * One GIF frame as written: the smallest rectangle holding every pixel that differs from the
 * previous frame (the whole image for the first), as an 8-bit indexed image whose palette is
 * the rectangle's own colours. Unchanged pixels inside it are the transparent index, so the
 * previous frame shows through and LZW packs them into long runs. The timeline's colours are
 * flat; when anti-aliased text brings more than 255, channels are rounded to fewer bits until
 * they fit.
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
        for (int bits = 8; ; bits--) {
            Map<Integer, Integer> index = new HashMap<>();
            int mask = quantMask(bits);
            boolean fits = true;
            outer:
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int p = y * w + x;
                    if (prev != null && ((cur[p] ^ prev[p]) & 0xFFFFFF) == 0) continue;
                    int c = round(cur[p], bits) & mask;
                    if (!index.containsKey(c)) {
                        if (index.size() + reserved >= 256) {
                            fits = false;
                            break outer;
                        }
                        index.put(c, index.size() + reserved);
                    }
                }
            }
            if (!fits && bits > 3) continue;
            return build(cur, prev, w, x0, y0, bw, bh, bits, mask, index, reserved);
        }
    }

    private static GifFrame build(int[] cur, int[] prev, int w, int x0, int y0, int bw, int bh, int bits, int mask,
                                  Map<Integer, Integer> index, int reserved) {
        int size = Math.max(2, index.size() + reserved);
        byte[] r = new byte[size], g = new byte[size], b = new byte[size];
        for (Map.Entry<Integer, Integer> e : index.entrySet()) {
            int c = e.getKey(), i = e.getValue();
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
        }
        int transparent = reserved == 1 ? 0 : -1;
        IndexColorModel cm = transparent >= 0 ? new IndexColorModel(8, size, r, g, b, transparent) : new IndexColorModel(8, size, r, g, b);
        BufferedImage img = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_INDEXED, cm);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int p = (y0 + y) * w + x0 + x;
                if (prev != null && ((cur[p] ^ prev[p]) & 0xFFFFFF) == 0) {
                    px[y * bw + x] = 0;
                } else {
                    Integer i = index.get(round(cur[p], bits) & mask);
                    px[y * bw + x] = (byte) (i == null ? nearest(cur[p], r, g, b, reserved, index.size()) : i);
                }
            }
        }
        return new GifFrame(img, x0, y0, transparent);
    }

    /** Rounds each channel to {@code bits} bits (to the nearest, not down). */
    private static int round(int rgb, int bits) {
        if (bits >= 8) return rgb & 0xFFFFFF;
        int half = 1 << (7 - bits);
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = Math.min(255, (rgb >> shift & 0xFF) + half);
            out |= c << shift;
        }
        return out;
    }

    private static int quantMask(int bits) {
        int m = (0xFF << (8 - bits)) & 0xFF;
        return m << 16 | m << 8 | m;
    }

    /** Only when even 3 bits a channel did not fit: the closest palette entry. */
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
