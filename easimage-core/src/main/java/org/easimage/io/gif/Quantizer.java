package org.easimage.io.gif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a palette of at most 256 colours for one RGB frame and maps pixels to it.
 *
 * <p>A frame with 256 colours or fewer gets exactly those colours (lossless). Otherwise median cut over a
 * 5-bit-per-channel histogram: the box with the most pixels along its widest channel is split at its median
 * until there are 256 boxes; each box's pixel-weighted mean is a palette entry; each pixel maps to the nearest
 * entry (cached per histogram cell). No dithering: banding is preferred over noise for scientific frames.
 */
final class Quantizer {

    private Quantizer() {
    }

    /** Palette (packed 0xRRGGBB, up to 256 entries) and the index of every pixel. */
    record Result(int[] palette, byte[] indices) {
    }

    static Result quantize(byte[] rgb, int pixels) {
        Map<Integer, Integer> exact = new HashMap<>();
        byte[] idx = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
            int c = ((rgb[3 * i] & 0xFF) << 16) | ((rgb[3 * i + 1] & 0xFF) << 8) | (rgb[3 * i + 2] & 0xFF);
            Integer k = exact.get(c);
            if (k == null) {
                if (exact.size() == 256) {
                    return medianCut(rgb, pixels);
                }
                k = exact.size();
                exact.put(c, k);
            }
            idx[i] = (byte) (int) k;
        }
        int[] pal = new int[exact.size()];
        exact.forEach((c, k) -> pal[k] = c);
        return new Result(pal, idx);
    }

    private static int cell(byte[] rgb, int i) {
        return ((rgb[3 * i] & 0xF8) << 7) | ((rgb[3 * i + 1] & 0xF8) << 2) | ((rgb[3 * i + 2] & 0xFF) >> 3);
    }

    private static Result medianCut(byte[] rgb, int pixels) {
        int[] hist = new int[1 << 15];
        for (int i = 0; i < pixels; i++) {
            hist[cell(rgb, i)]++;
        }
        List<int[]> cells = new ArrayList<>();
        for (int c = 0; c < hist.length; c++) {
            if (hist[c] > 0) {
                cells.add(new int[] {c >> 10, (c >> 5) & 31, c & 31, hist[c]});
            }
        }
        List<List<int[]>> boxes = new ArrayList<>();
        boxes.add(cells);
        while (boxes.size() < 256) {
            int best = -1;
            long bestScore = 0;
            int bestAxis = 0;
            for (int b = 0; b < boxes.size(); b++) {
                List<int[]> box = boxes.get(b);
                if (box.size() < 2) {
                    continue;
                }
                int[] lo = {31, 31, 31};
                int[] hi = {0, 0, 0};
                long n = 0;
                for (int[] e : box) {
                    for (int a = 0; a < 3; a++) {
                        lo[a] = Math.min(lo[a], e[a]);
                        hi[a] = Math.max(hi[a], e[a]);
                    }
                    n += e[3];
                }
                int axis = 0;
                for (int a = 1; a < 3; a++) {
                    if (hi[a] - lo[a] > hi[axis] - lo[axis]) {
                        axis = a;
                    }
                }
                long score = n * (hi[axis] - lo[axis]);
                if (score > bestScore) {
                    bestScore = score;
                    best = b;
                    bestAxis = axis;
                }
            }
            if (best < 0) {
                break;
            }
            List<int[]> box = boxes.remove(best);
            int axis = bestAxis;
            box.sort(Comparator.comparingInt(e -> e[axis]));
            long total = 0;
            for (int[] e : box) {
                total += e[3];
            }
            long acc = 0;
            int split = 1;
            for (int i = 0; i < box.size() - 1; i++) {
                acc += box.get(i)[3];
                if (acc >= total / 2) {
                    split = i + 1;
                    break;
                }
                split = i + 1;
            }
            boxes.add(new ArrayList<>(box.subList(0, split)));
            boxes.add(new ArrayList<>(box.subList(split, box.size())));
        }
        // palette entries: pixel-weighted means in full 8-bit precision
        long[][] sum = new long[boxes.size()][4];
        int[] boxOfCell = new int[1 << 15];
        for (int b = 0; b < boxes.size(); b++) {
            for (int[] e : boxes.get(b)) {
                boxOfCell[(e[0] << 10) | (e[1] << 5) | e[2]] = b;
            }
        }
        for (int i = 0; i < pixels; i++) {
            long[] s = sum[boxOfCell[cell(rgb, i)]];
            s[0] += rgb[3 * i] & 0xFF;
            s[1] += rgb[3 * i + 1] & 0xFF;
            s[2] += rgb[3 * i + 2] & 0xFF;
            s[3]++;
        }
        int[] pal = new int[boxes.size()];
        for (int b = 0; b < pal.length; b++) {
            long n = Math.max(1, sum[b][3]);
            pal[b] = (int) ((sum[b][0] + n / 2) / n << 16 | (sum[b][1] + n / 2) / n << 8 | (sum[b][2] + n / 2) / n);
        }
        int[] nearest = new int[1 << 15];
        java.util.Arrays.fill(nearest, -1);
        byte[] idx = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
            int c = cell(rgb, i);
            if (nearest[c] < 0) {
                int r = ((c >> 10) << 3) + 4;
                int g = (((c >> 5) & 31) << 3) + 4;
                int bl = ((c & 31) << 3) + 4;
                int best = 0;
                int bestD = Integer.MAX_VALUE;
                for (int k = 0; k < pal.length; k++) {
                    int dr = (pal[k] >> 16) - r;
                    int dg = ((pal[k] >> 8) & 0xFF) - g;
                    int db = (pal[k] & 0xFF) - bl;
                    int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
                nearest[c] = best;
            }
            idx[i] = (byte) nearest[c];
        }
        return new Result(pal, idx);
    }
}
