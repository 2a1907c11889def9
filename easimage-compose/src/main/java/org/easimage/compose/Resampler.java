package org.easimage.compose;

/**
 * Resizes interleaved 8- and 16-bit images in pure Java, the way OpenCV's {@code INTER_AREA} does: when shrinking,
 * each output pixel is the mean of the source area it covers, every source pixel weighted by the fraction of it
 * that lies inside (no aliasing, no moiré on fine patterns); when enlarging, bilinear interpolation between the
 * four nearest pixel centres. The two axes are done one after the other (separable), with weights computed once
 * per pair of sizes in 14-bit fixed point, exact integer overlaps, and rounding to nearest at the end.
 *
 * <p>Pure Java so that composition needs no native library; it is the one resize of the mosaic and the contact
 * sheet, and tests compare their cells with it. An instance holds its weights and one work buffer and is not
 * thread-safe: use one per thread (the mosaic keeps one per cell).
 */
public final class Resampler {

    private static final int BITS = 14;
    private static final int ONE = 1 << BITS;
    /** 16-bit samples get finer weights (and long sums): 14 bits would be off by up to ~1/2^12 of full scale. */
    private static final int BITS16 = 24;
    /** The horizontal pass keeps 8 fractional bits (6 of the 14 are dropped, rounded) so 8-bit sums fit an int. */
    private static final int H_SHIFT = BITS - 8;

    private final int srcWidth;
    private final int srcHeight;
    private final int dstWidth;
    private final int dstHeight;
    private final Taps horizontal;
    private final Taps vertical;
    private int[] rows = new int[0];
    private long[] rows16 = new long[0];
    private int[] acc = new int[0];
    private long[] accLong = new long[0];

    /**
     * The weights of one axis: for output pixel d, {@code count} source indices and weights from d * count, in
     * 14-bit ({@code weight}) and 24-bit ({@code fine}) fixed point, each summing exactly to one.
     */
    private record Taps(int count, int[] index, int[] weight, int[] fine) {
    }

    /** A resampler from {@code srcWidth x srcHeight} to {@code dstWidth x dstHeight} (all at least 1). */
    public Resampler(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        if (srcWidth < 1 || srcHeight < 1 || dstWidth < 1 || dstHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + srcWidth + "x" + srcHeight + " to "
                    + dstWidth + "x" + dstHeight);
        }
        this.srcWidth = srcWidth;
        this.srcHeight = srcHeight;
        this.dstWidth = dstWidth;
        this.dstHeight = dstHeight;
        this.horizontal = taps(srcWidth, dstWidth);
        this.vertical = taps(srcHeight, dstHeight);
    }

    public int srcWidth() {
        return srcWidth;
    }

    public int srcHeight() {
        return srcHeight;
    }

    public int dstWidth() {
        return dstWidth;
    }

    public int dstHeight() {
        return dstHeight;
    }

    /** Weights of one axis: area coverage when shrinking, bilinear when enlarging, 1 when equal. */
    private static Taps taps(int src, int dst) {
        if (src == dst) {
            int[] index = new int[dst];
            int[] weight = new int[dst];
            int[] fine = new int[dst];
            for (int d = 0; d < dst; d++) {
                index[d] = d;
                weight[d] = ONE;
                fine[d] = 1 << BITS16;
            }
            return new Taps(1, index, weight, fine);
        }
        if (dst < src) {
            // output d covers source [d*src/dst, (d+1)*src/dst); in units of 1/dst pixel the overlap with source
            // pixel s is exact: min((d+1)*src, (s+1)*dst) - max(d*src, s*dst), out of src in all
            int count = 0;
            for (int d = 0; d < dst; d++) {
                long lo = (long) d * src;
                long hi = (long) (d + 1) * src;
                int s0 = (int) (lo / dst);
                int s1 = (int) ((hi - 1) / dst);
                count = Math.max(count, s1 - s0 + 1);
            }
            int[] index = new int[dst * count];
            int[] weight = new int[dst * count];
            int[] fine = new int[dst * count];
            double[] w = new double[count];
            for (int d = 0; d < dst; d++) {
                long lo = (long) d * src;
                long hi = (long) (d + 1) * src;
                int s0 = (int) (lo / dst);
                int s1 = (int) ((hi - 1) / dst);
                for (int t = 0; t < count; t++) {
                    int s = s0 + t;
                    if (s <= s1) {
                        long overlap = Math.min(hi, (long) (s + 1) * dst) - Math.max(lo, (long) s * dst);
                        w[t] = (double) overlap / src;
                    } else {
                        w[t] = 0;
                    }
                    index[d * count + t] = Math.min(s, src - 1);
                }
                quantise(w, weight, d * count, BITS);
                quantise(w, fine, d * count, BITS16);
            }
            return new Taps(count, index, weight, fine);
        }
        int[] index = new int[dst * 2];
        int[] weight = new int[dst * 2];
        int[] fine = new int[dst * 2];
        double[] w = new double[2];
        for (int d = 0; d < dst; d++) {
            // pixel centres line up: output centre d + 0.5 sits at source position (d + 0.5) * src / dst
            double x = (d + 0.5) * src / dst - 0.5;
            if (x < 0) {
                x = 0;
            }
            int s0 = (int) Math.floor(x);
            double f = x - s0;
            if (s0 >= src - 1) {
                s0 = src - 1;
                f = 0;
            }
            index[2 * d] = s0;
            index[2 * d + 1] = Math.min(s0 + 1, src - 1);
            w[0] = 1 - f;
            w[1] = f;
            quantise(w, weight, 2 * d, BITS);
            quantise(w, fine, 2 * d, BITS16);
        }
        return new Taps(2, index, weight, fine);
    }

    /** Weights summing to 1 as {@code bits}-bit fixed point summing exactly to one (the remainder to the largest). */
    private static void quantise(double[] w, int[] out, int at, int bits) {
        int one = 1 << bits;
        int sum = 0;
        int largest = 0;
        for (int t = 0; t < w.length; t++) {
            out[at + t] = (int) Math.round(w[t] * one);
            sum += out[at + t];
            if (w[t] > w[largest]) {
                largest = t;
            }
        }
        out[at + largest] += one - sum;
    }

    /**
     * Resizes 8-bit samples. {@code src} holds {@code srcWidth x srcHeight} pixels of {@code srcChannels}
     * interleaved samples from {@code srcOffset}; the first {@code channels} of them (e.g. 3 of RGBA) are resized
     * into {@code dst} ({@code dstWidth x dstHeight x channels}, from 0).
     */
    public void resize8(byte[] src, int srcOffset, int srcChannels, int channels, byte[] dst) {
        checkChannels(srcChannels, channels);
        if (srcWidth == dstWidth && srcHeight == dstHeight) {
            copy8(src, srcOffset, srcChannels, channels, dst);
            return;
        }
        int rowLen = dstWidth * channels;
        int[] h = rowBuffer(rowLen);
        int hc = horizontal.count;
        int[] hi = horizontal.index;
        int[] hw = horizontal.weight;
        for (int y = 0; y < srcHeight; y++) {
            int rowBase = srcOffset + y * srcWidth * srcChannels;
            int out = y * rowLen;
            for (int dx = 0; dx < dstWidth; dx++) {
                int base = dx * hc;
                if (channels == 1) {
                    int a = 0;
                    for (int t = 0; t < hc; t++) {
                        a += (src[rowBase + hi[base + t] * srcChannels] & 0xFF) * hw[base + t];
                    }
                    h[out + dx] = (a + (1 << (H_SHIFT - 1))) >> H_SHIFT;
                } else {
                    int a0 = 0;
                    int a1 = 0;
                    int a2 = 0;
                    for (int t = 0; t < hc; t++) {
                        int p = rowBase + hi[base + t] * srcChannels;
                        int w = hw[base + t];
                        a0 += (src[p] & 0xFF) * w;
                        a1 += (src[p + 1] & 0xFF) * w;
                        a2 += (src[p + 2] & 0xFF) * w;
                    }
                    int o = out + dx * 3;
                    h[o] = (a0 + (1 << (H_SHIFT - 1))) >> H_SHIFT;
                    h[o + 1] = (a1 + (1 << (H_SHIFT - 1))) >> H_SHIFT;
                    h[o + 2] = (a2 + (1 << (H_SHIFT - 1))) >> H_SHIFT;
                }
            }
        }
        int vc = vertical.count;
        int[] vi = vertical.index;
        int[] vw = vertical.weight;
        int[] sum = accBuffer(rowLen);
        int shift = BITS + 8;
        int round = 1 << (shift - 1);
        for (int dy = 0; dy < dstHeight; dy++) {
            java.util.Arrays.fill(sum, 0, rowLen, round);
            for (int t = 0; t < vc; t++) {
                int w = vw[dy * vc + t];
                if (w == 0) {
                    continue;
                }
                int from = vi[dy * vc + t] * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    sum[i] += h[from + i] * w;
                }
            }
            int out = dy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                dst[out + i] = (byte) (sum[i] >> shift);
            }
        }
    }

    /**
     * Resizes 16-bit (unsigned) samples, as {@link #resize8} does 8-bit ones; {@code src} and {@code dst} hold
     * samples, not bytes.
     */
    public void resize16(short[] src, int srcChannels, int channels, short[] dst) {
        checkChannels(srcChannels, channels);
        if (srcWidth == dstWidth && srcHeight == dstHeight) {
            int pixels = srcWidth * srcHeight;
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < channels; c++) {
                    dst[p * channels + c] = src[p * srcChannels + c];
                }
            }
            return;
        }
        // sums of 16-bit samples times 24-bit weights need 40 bits: longs; the first pass keeps 8 fractional bits
        int rowLen = dstWidth * channels;
        long[] h = rowBuffer16(rowLen);
        int hc = horizontal.count;
        int[] hi = horizontal.index;
        int[] hw = horizontal.fine;
        int hShift = BITS16 - 8;
        long hRound = 1L << (hShift - 1);
        for (int y = 0; y < srcHeight; y++) {
            int rowBase = y * srcWidth * srcChannels;
            int out = y * rowLen;
            for (int dx = 0; dx < dstWidth; dx++) {
                int base = dx * hc;
                for (int c = 0; c < channels; c++) {
                    long a = 0;
                    for (int t = 0; t < hc; t++) {
                        a += (long) (src[rowBase + hi[base + t] * srcChannels + c] & 0xFFFF) * hw[base + t];
                    }
                    h[out + dx * channels + c] = (a + hRound) >> hShift;
                }
            }
        }
        int vc = vertical.count;
        int[] vi = vertical.index;
        int[] vw = vertical.fine;
        long[] sum = accLongBuffer(rowLen);
        int shift = BITS16 + 8;
        long round = 1L << (shift - 1);
        for (int dy = 0; dy < dstHeight; dy++) {
            java.util.Arrays.fill(sum, 0, rowLen, round);
            for (int t = 0; t < vc; t++) {
                long w = vw[dy * vc + t];
                if (w == 0) {
                    continue;
                }
                int from = vi[dy * vc + t] * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    sum[i] += h[from + i] * w;
                }
            }
            int out = dy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                dst[out + i] = (short) (sum[i] >> shift);
            }
        }
    }

    private void copy8(byte[] src, int srcOffset, int srcChannels, int channels, byte[] dst) {
        int pixels = srcWidth * srcHeight;
        if (srcChannels == channels) {
            System.arraycopy(src, srcOffset, dst, 0, pixels * channels);
            return;
        }
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                dst[p * channels + c] = src[srcOffset + p * srcChannels + c];
            }
        }
    }

    private static void checkChannels(int srcChannels, int channels) {
        if (channels < 1 || channels > srcChannels || (channels != 1 && channels != 3 && channels != 4)) {
            throw new IllegalArgumentException("cannot resize " + channels + " of " + srcChannels + " channels");
        }
        if (channels == 4) {
            throw new IllegalArgumentException("resize 3 of 4 channels (alpha is not resized)");
        }
    }

    private int[] rowBuffer(int rowLen) {
        int n = srcHeight * rowLen;
        if (rows.length < n) {
            rows = new int[n];
        }
        return rows;
    }

    private long[] rowBuffer16(int rowLen) {
        int n = srcHeight * rowLen;
        if (rows16.length < n) {
            rows16 = new long[n];
        }
        return rows16;
    }

    private int[] accBuffer(int n) {
        if (acc.length < n) {
            acc = new int[n];
        }
        return acc;
    }

    private long[] accLongBuffer(int n) {
        if (accLong.length < n) {
            accLong = new long[n];
        }
        return accLong;
    }
}
