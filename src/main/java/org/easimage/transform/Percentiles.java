package org.easimage.transform;

import java.util.Arrays;
import org.easimage.frame.Frame;
import org.easimage.frame.Frames;

/**
 * Low and high percentiles of a frame's samples (alpha excluded, NaN ignored), by histogram for integer samples
 * and by sorting for floats. A percentile p is the smallest value v with at least p% of the samples <= v
 * (nearest rank, no interpolation).
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** {low, high} percentiles (each in 0..100) of the frame; {0, 0} for an all-NaN float frame. */
    public static double[] of(Frame frame, double lowPercent, double highPercent) {
        if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent <= highPercent)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low <= high <= 100, got "
                    + lowPercent + ", " + highPercent);
        }
        int channels = frame.channels();
        boolean alpha = channels == 4;
        switch (frame.spec().sampleType()) {
            case U8, U16 -> {
                long[] hist = new long[65536];
                long n = 0;
                if (frame.spec().sampleType() == org.easimage.frame.SampleType.U8) {
                    byte[] px = Frames.toBytes(frame);
                    for (int i = 0; i < px.length; i++) {
                        if (!alpha || i % 4 != 3) {
                            hist[px[i] & 0xFF]++;
                            n++;
                        }
                    }
                } else {
                    short[] px = Frames.toShorts(frame);
                    for (int i = 0; i < px.length; i++) {
                        if (!alpha || i % 4 != 3) {
                            hist[px[i] & 0xFFFF]++;
                            n++;
                        }
                    }
                }
                return new double[] {rank(hist, n, lowPercent), rank(hist, n, highPercent)};
            }
            default -> {
                float[] px = Frames.toFloats(frame);
                float[] finite = new float[px.length];
                int n = 0;
                for (float v : px) {
                    if (!Float.isNaN(v)) {
                        finite[n++] = v;
                    }
                }
                if (n == 0) {
                    return new double[] {0, 0};
                }
                Arrays.sort(finite, 0, n);
                return new double[] {finite[index(n, lowPercent)], finite[index(n, highPercent)]};
            }
        }
    }

    private static int index(long n, double p) {
        long k = (long) Math.ceil(p / 100.0 * n) - 1;
        return (int) Math.max(0, Math.min(n - 1, k));
    }

    private static double rank(long[] hist, long n, double p) {
        long k = index(n, p) + 1L; // samples needed at or below the value
        long seen = 0;
        for (int v = 0; v < hist.length; v++) {
            seen += hist[v];
            if (seen >= k) {
                return v;
            }
        }
        return hist.length - 1;
    }
}
