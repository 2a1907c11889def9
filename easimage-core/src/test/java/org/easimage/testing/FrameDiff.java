package org.easimage.testing;

import org.easimage.frame.Frame;

/**
 * How far a frame read back is from the frame written, over a rectangle of the expected frame: PSNR, largest and
 * mean absolute sample error. The actual frame may be larger (a video writer pads sizes its codec cannot take) and
 * may have more channels (gray written, RGB read back: every channel is compared with the gray value).
 *
 * @param psnr  in dB against the expected frame's maximum sample value; {@link #IDENTICAL} when there is no error
 * @param maxAbs the largest absolute error of one sample
 * @param meanAbs the mean absolute error
 */
public record FrameDiff(double psnr, double maxAbs, double meanAbs) {

    /** The PSNR reported for identical samples. */
    public static final double IDENTICAL = 99;

    /** The difference over the whole expected frame. */
    public static FrameDiff of(Frame expected, Frame actual) {
        return of(expected, actual, 0, 0, expected.width(), expected.height());
    }

    /** The difference over the rectangle {@code (x0, y0, w, h)} of the expected frame. */
    public static FrameDiff of(Frame expected, Frame actual, int x0, int y0, int w, int h) {
        if (actual.width() < x0 + w || actual.height() < y0 + h) {
            throw new IllegalArgumentException(actual + " does not cover " + w + "x" + h + " at " + x0 + "," + y0);
        }
        int ce = expected.channels();
        int ca = actual.channels();
        if (ca != ce && ce != 1) {
            throw new IllegalArgumentException("cannot compare " + expected + " with " + actual);
        }
        double se = 0;
        double max = 0;
        double sum = 0;
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                for (int c = 0; c < ca; c++) {
                    double d = Math.abs(expected.sample(x, y, ce == 1 ? 0 : c) - actual.sample(x, y, c));
                    se += d * d;
                    sum += d;
                    max = Math.max(max, d);
                    n++;
                }
            }
        }
        double peak = expected.spec().maxSampleValue();
        double psnr = se == 0 ? IDENTICAL : Math.min(IDENTICAL, 10 * Math.log10(peak * peak / (se / n)));
        return new FrameDiff(psnr, max, n == 0 ? 0 : sum / n);
    }

    @Override
    public String toString() {
        return String.format("PSNR %.1f dB, max |error| %.0f, mean |error| %.2f", psnr, maxAbs, meanAbs);
    }
}
