package org.easimage.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java resize against a double-precision reference of the same definition (area coverage down,
 * bilinear up, separable) over the space of sizes: 1..67, primes, tiny to large, every channel count.
 */
class ResamplerTest {

    /** Weights of one axis in double precision: the definition, written independently of Resampler's. */
    private static double[][] weights(int src, int dst) {
        double[][] w = new double[dst][src];
        for (int d = 0; d < dst; d++) {
            if (dst == src) {
                w[d][d] = 1;
            } else if (dst < src) {
                double lo = (double) d * src / dst;
                double hi = (double) (d + 1) * src / dst;
                for (int s = 0; s < src; s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    if (overlap > 0) {
                        w[d][s] = overlap / ((double) src / dst);
                    }
                }
            } else {
                double x = Math.max(0, (d + 0.5) * src / dst - 0.5);
                int s0 = Math.min((int) Math.floor(x), src - 1);
                double f = s0 >= src - 1 ? 0 : x - s0;
                w[d][s0] += 1 - f;
                w[d][Math.min(s0 + 1, src - 1)] += f;
            }
        }
        return w;
    }

    private static double[] reference(int[] src, int sw, int sh, int c, int dw, int dh) {
        double[][] wx = weights(sw, dw);
        double[][] wy = weights(sh, dh);
        double[] out = new double[dw * dh * c];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double v = 0;
                    for (int sy = 0; sy < sh; sy++) {
                        if (wy[y][sy] == 0) {
                            continue;
                        }
                        for (int sx = 0; sx < sw; sx++) {
                            v += wy[y][sy] * wx[x][sx] * src[(sy * sw + sx) * c + ch];
                        }
                    }
                    out[(y * dw + x) * c + ch] = v;
                }
            }
        }
        return out;
    }

    @Test
    void matchesTheDefinitionOverManySizes() {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] sizes = {1, 2, 3, 5, 7, 13, 31, 64, 67};
        for (int sw : sizes) {
            for (int dw : sizes) {
                int sh = sizes[rnd.nextInt(sizes.length)];
                int dh = sizes[rnd.nextInt(sizes.length)];
                int c = rnd.nextBoolean() ? 1 : 3;
                int[] px = new int[sw * sh * c];
                byte[] b = new byte[px.length];
                short[] s = new short[px.length];
                for (int i = 0; i < px.length; i++) {
                    px[i] = rnd.nextInt(256);
                    b[i] = (byte) px[i];
                }
                double[] want = reference(px, sw, sh, c, dw, dh);
                byte[] got = new byte[dw * dh * c];
                Resampler r = new Resampler(sw, sh, dw, dh);
                r.resize8(b, 0, c, c, got);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(want[i], got[i] & 0xFF, 1.0, // 14-bit weights, 8 fractional bits between passes
                             sw + "x" + sh + " -> " + dw + "x" + dh + " x" + c
                            + " at " + i);
                }
                int[] px16 = new int[px.length];
                for (int i = 0; i < px.length; i++) {
                    px16[i] = rnd.nextInt(65536);
                    s[i] = (short) px16[i];
                }
                double[] want16 = reference(px16, sw, sh, c, dw, dh);
                short[] got16 = new short[dw * dh * c];
                r.resize16(s, c, c, got16);
                for (int i = 0; i < got16.length; i++) {
                    assertEquals(want16[i], got16[i] & 0xFFFF, 1.0, "16-bit " + sw + "x" + sh + " -> " + dw + "x" + dh);
                }
            }
        }
    }

    @Test
    void halvingAveragesBlocksExactlyAndConstantsStayConstant() {
        byte[] src = {10, 20, 30, 40, 50, 60, 70, (byte) 200, 1, 3, 5, 7, 0, 0, (byte) 255, (byte) 255};
        byte[] out = new byte[4];
        new Resampler(4, 4, 2, 2).resize8(src, 0, 1, 1, out);
        // (10+20+50+60)/4 = 35, (30+40+70+200)/4 = 85, (1+3+0+0)/4 = 1, (5+7+255+255)/4 = 130.5 rounded up
        assertArrayEquals(new byte[] {35, 85, 1, (byte) 131}, out);
        for (int[] d : new int[][] {{1, 1}, {3, 7}, {200, 1}, {5, 301}}) {
            byte[] flat = new byte[17 * 11 * 3];
            java.util.Arrays.fill(flat, (byte) 173);
            byte[] r = new byte[d[0] * d[1] * 3];
            new Resampler(17, 11, d[0], d[1]).resize8(flat, 0, 3, 3, r);
            for (byte v : r) {
                assertEquals(173, v & 0xFF);
            }
        }
    }

    @Test
    void alphaIsDroppedAndOffsetsRespected() {
        byte[] rgba = {0, 0, 0, 0, 1, 2, 3, 99, 4, 5, 6, 99, 7, 8, 9, 99};
        byte[] rgb = new byte[3];
        new Resampler(1, 1, 1, 1).resize8(rgba, 4, 4, 3, rgb);
        assertArrayEquals(new byte[] {1, 2, 3}, rgb);
        byte[] two = new byte[6];
        new Resampler(3, 1, 2, 1).resize8(rgba, 4, 4, 3, two);
        assertTrue((two[0] & 0xFF) <= 4 && (two[5] & 0xFF) >= 6, java.util.Arrays.toString(two));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 1, 1, 1));
    }
}
