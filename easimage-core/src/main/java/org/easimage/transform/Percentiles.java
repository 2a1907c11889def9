package org.easimage.transform;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.SampleType;

/**
 * Low and high percentiles of the samples of one frame ({@link #of}) or of the union of several ({@link Pool}):
 * alpha excluded, colour channels pooled, NaN ignored. A percentile p is the smallest value v with at least p% of
 * the samples <= v (nearest rank, no interpolation). Exact for 8 and 16-bit samples (a histogram); float samples
 * are sorted, all of them for one frame and a bounded random subset of each frame for a pool.
 */
public final class Percentiles {

    /** Float samples a pool keeps in all (16 MB), shared between its frames. */
    static final int POOLED_FLOATS = 1 << 22;

    private Percentiles() {
    }

    /** {low, high} percentiles (each in 0..100) of the frame; {0, 0} for an all-NaN float frame. */
    public static double[] of(Frame frame, double lowPercent, double highPercent) {
        Pool p = new Pool(frame.spec(), Integer.MAX_VALUE);
        p.add(frame);
        return p.percentiles(lowPercent, highPercent);
    }

    /**
     * The samples of several frames of one layout, pooled. Integer samples are counted exactly; of float frames at
     * most {@code floatsPerFrame} samples each are kept, picked at random with a fixed seed (the same frames
     * always give the same answer; a regular stride could alias with the image's rows). Not thread-safe.
     */
    public static final class Pool {
        private final FrameSpec spec;
        private final int floatsPerFrame;
        private final long[] histogram;
        private long count;
        private float[] floats;
        private final SplittableRandom random = new SplittableRandom(0x5EED);

        /** A pool for frames of {@code spec}'s layout. */
        public Pool(FrameSpec spec, int floatsPerFrame) {
            this.spec = spec;
            this.floatsPerFrame = Math.max(1, floatsPerFrame);
            boolean integer = spec.sampleType() != SampleType.F32;
            this.histogram = integer ? new long[spec.sampleType() == SampleType.U8 ? 256 : 65536] : null;
            this.floats = integer ? null : new float[0];
        }

        /** Adds the frame's samples. */
        public void add(Frame frame) {
            if (!frame.spec().sameLayout(spec)) {
                throw new IllegalArgumentException("percentiles: frame " + frame.spec() + " is not of the pool's layout "
                        + spec);
            }
            boolean alpha = frame.channels() == 4;
            switch (spec.sampleType()) {
                case U8 -> {
                    byte[] px = Frames.toBytes(frame);
                    for (int i = 0; i < px.length; i++) {
                        if (!alpha || i % 4 != 3) {
                            histogram[px[i] & 0xFF]++;
                            count++;
                        }
                    }
                }
                case U16 -> {
                    short[] px = Frames.toShorts(frame);
                    for (int i = 0; i < px.length; i++) {
                        if (!alpha || i % 4 != 3) {
                            histogram[px[i] & 0xFFFF]++;
                            count++;
                        }
                    }
                }
                case F32 -> addFloats(Frames.toFloats(frame), frame.channels(), alpha);
            }
        }

        private void addFloats(float[] px, int channels, boolean alpha) {
            int colour = alpha ? 3 : channels;
            long samples = (long) px.length / channels * colour;
            int keep = (int) Math.min(samples, floatsPerFrame);
            int n = (int) count;
            if (floats.length < n + keep) {
                long grown = Math.min(Integer.MAX_VALUE - 8L, 2L * floats.length);
                floats = Arrays.copyOf(floats, (int) Math.max(n + (long) keep, grown));
            }
            if (keep == samples) {
                for (int i = 0; i < px.length; i++) {
                    if ((!alpha || i % 4 != 3) && !Float.isNaN(px[i])) {
                        floats[n++] = px[i];
                    }
                }
            } else {
                int pixels = px.length / channels;
                for (int k = 0; k < keep; k++) {
                    float v = px[random.nextInt(pixels) * channels + random.nextInt(colour)];
                    if (!Float.isNaN(v)) {
                        floats[n++] = v;
                    }
                }
            }
            count = n;
        }

        /** {low, high} percentiles (each in 0..100) of everything added; {0, 0} when no sample counts. */
        public double[] percentiles(double lowPercent, double highPercent) {
            if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent <= highPercent)) {
                throw new IllegalArgumentException("percentiles must satisfy 0 <= low <= high <= 100, got "
                        + lowPercent + ", " + highPercent);
            }
            if (count == 0) {
                return new double[] {0, 0};
            }
            if (histogram != null) {
                return new double[] {rank(histogram, count, lowPercent), rank(histogram, count, highPercent)};
            }
            int n = (int) count;
            Arrays.sort(floats, 0, n);
            return new double[] {floats[(int) index(n, lowPercent)], floats[(int) index(n, highPercent)]};
        }
    }

    /** Zero-based position of the p-th percentile among n sorted samples (nearest rank). */
    private static long index(long n, double p) {
        long k = (long) Math.ceil(p / 100.0 * n) - 1;
        return Math.max(0, Math.min(n - 1, k));
    }

    private static double rank(long[] hist, long n, double p) {
        long k = index(n, p) + 1; // samples needed at or below the value
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
