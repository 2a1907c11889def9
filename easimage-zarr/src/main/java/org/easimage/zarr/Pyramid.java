package org.easimage.zarr;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.SampleType;

/**
 * The next level of a multiscale pyramid: half the width and height, rounded up, each pixel the mean of the (up
 * to) 2x2 pixels it covers, rounded to the nearest integer for integer samples. Odd edges average the pixels that
 * exist, so a level never invents dark borders.
 */
final class Pyramid {

    private Pyramid() {
    }

    /** The size of level {@code k} of a frame of {@code spec}. */
    static FrameSpec level(FrameSpec spec, int k) {
        int w = spec.width();
        int h = spec.height();
        for (int i = 0; i < k; i++) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
        }
        return spec.withSize(w, h);
    }

    static Frame down(Frame f) {
        FrameSpec s = f.spec();
        FrameSpec o = level(s, 1);
        Frame out = Frames.allocate(o, f.index());
        int ch = s.channels();
        SampleType t = s.sampleType();
        for (int y = 0; y < o.height(); y++) {
            int y0 = 2 * y;
            int y1 = Math.min(y0 + 1, s.height() - 1);
            for (int x = 0; x < o.width(); x++) {
                int x0 = 2 * x;
                int x1 = Math.min(x0 + 1, s.width() - 1);
                int n = (y1 - y0 + 1) * (x1 - x0 + 1);
                for (int c = 0; c < ch; c++) {
                    double sum = f.sample(x0, y0, c);
                    if (x1 != x0) {
                        sum += f.sample(x1, y0, c);
                    }
                    if (y1 != y0) {
                        sum += f.sample(x0, y1, c);
                        if (x1 != x0) {
                            sum += f.sample(x1, y1, c);
                        }
                    }
                    out.setSample(x, y, c, t.isInteger() ? Math.floor((sum + n / 2) / n) : sum / n);
                }
            }
        }
        return out.withPositionOf(f);
    }
}
