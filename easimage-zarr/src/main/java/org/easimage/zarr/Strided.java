package org.easimage.zarr;

/**
 * Copies an n-dimensional box of samples between two byte arrays laid out with arbitrary byte strides (a chunk in
 * C order, a frame with interleaved channels). Dimensions of length 1 are dropped and dimensions contiguous in
 * both arrays are merged first, so a whole-frame chunk is one {@code arraycopy} and only planar/interleaved
 * conversions go sample by sample.
 */
final class Strided {

    private Strided() {
    }

    /**
     * Copies the box of {@code len} samples ({@code b} bytes each) from {@code src} at {@code srcBase} with
     * {@code srcStride} to {@code dst} at {@code dstBase} with {@code dstStride} (strides in bytes, per dimension).
     */
    static void copy(byte[] src, long srcBase, long[] srcStride, byte[] dst, long dstBase, long[] dstStride,
            int[] len, int b) {
        int[] n = new int[len.length];
        long[] ss = new long[len.length];
        long[] ds = new long[len.length];
        int r = simplify(len, srcStride, dstStride, b, n, ss, ds);
        if (r < 0) {
            return; // empty box
        }
        boolean runs = ss[r - 1] == b && ds[r - 1] == b;
        int[] idx = new int[r];
        long so = srcBase;
        long dOff = dstBase;
        while (true) {
            if (runs) {
                System.arraycopy(src, (int) so, dst, (int) dOff, n[r - 1] * b);
            } else {
                long s = so;
                long d = dOff;
                for (int i = 0; i < n[r - 1]; i++) {
                    System.arraycopy(src, (int) s, dst, (int) d, b);
                    s += ss[r - 1];
                    d += ds[r - 1];
                }
            }
            int k = r - 2;
            while (k >= 0 && ++idx[k] == n[k]) {
                so -= (long) (n[k] - 1) * ss[k];
                dOff -= (long) (n[k] - 1) * ds[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return;
            }
            so += ss[k];
            dOff += ds[k];
        }
    }

    /** Fills the box of {@code len} samples at {@code base} with {@code stride} in {@code dst} with {@code sample}. */
    static void fill(byte[] dst, long base, long[] stride, int[] len, byte[] sample) {
        int b = sample.length;
        byte[] src = sample;
        long[] zero = new long[len.length];
        // copy from a one-sample source whose strides are all 0: every sample gets the fill
        int[] n = new int[len.length];
        long[] ss = new long[len.length];
        long[] ds = new long[len.length];
        int r = simplify(len, zero, stride, -1, n, ss, ds);
        if (r < 0) {
            return;
        }
        int[] idx = new int[r];
        long d0 = base;
        while (true) {
            long d = d0;
            for (int i = 0; i < n[r - 1]; i++) {
                System.arraycopy(src, 0, dst, (int) d, b);
                d += ds[r - 1];
            }
            int k = r - 2;
            while (k >= 0 && ++idx[k] == n[k]) {
                d0 -= (long) (n[k] - 1) * ds[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return;
            }
            d0 += ds[k];
        }
    }

    /**
     * Drops length-1 dimensions and merges neighbours contiguous in both arrays; returns the new rank (at least 1),
     * or -1 for an empty box. {@code b} &lt; 0 disables merging (a zero-stride source).
     */
    private static int simplify(int[] len, long[] s, long[] d, int b, int[] n, long[] ss, long[] ds) {
        int r = 0;
        for (int i = 0; i < len.length; i++) {
            if (len[i] == 0) {
                return -1;
            }
            if (len[i] == 1) {
                continue;
            }
            n[r] = len[i];
            ss[r] = s[i];
            ds[r] = d[i];
            r++;
        }
        if (r == 0) {
            n[0] = 1;
            ss[0] = b > 0 ? b : 0;
            ds[0] = b > 0 ? b : 0;
            return 1;
        }
        if (b > 0) {
            // merge from the innermost outwards: dimension k-1 folds into k when it steps exactly over k's extent
            int w = r - 1;
            for (int k = r - 2; k >= 0; k--) {
                if (ss[k] == n[w] * ss[w] && ds[k] == n[w] * ds[w]) {
                    n[w] *= n[k];
                } else {
                    w--;
                    n[w] = n[k];
                    ss[w] = ss[k];
                    ds[w] = ds[k];
                }
            }
            int newRank = r - w;
            System.arraycopy(n, w, n, 0, newRank);
            System.arraycopy(ss, w, ss, 0, newRank);
            System.arraycopy(ds, w, ds, 0, newRank);
            r = newRank;
        }
        return r;
    }
}
