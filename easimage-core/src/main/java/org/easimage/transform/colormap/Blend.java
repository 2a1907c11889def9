package org.easimage.transform.colormap;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.SampleType;

/**
 * Blends a layer frame over a base frame. Both must have the same size and 8 or 16-bit samples, with 3 (RGB,
 * fully opaque) or 4 (RGBA) channels, or 1 (gray, opaque). Per pixel, with alphas in 0..1:
 * {@code r = min(aBase, aLayer) * opacity / (aBase + (1 - aBase) * min(aBase, aLayer) * opacity)} (0 when the
 * denominator is 0), {@code out = mode(base, layer) * r + base * (1 - r)}; the base alpha is kept. NORMAL
 * instead does standard "over" compositing: {@code aOut = aL + aB (1 - aL)} with {@code aL = aLayer * opacity}.
 * The result has the base's pixel type; an RGB base stays opaque.
 */
public final class Blend {

    private Blend() {
    }

    public static Frame blend(Frame base, Frame layer, BlendMode mode, double opacity) {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("blend: opacity must be in [0, 1], got " + opacity);
        }
        FrameSpec bs = base.spec();
        FrameSpec ls = layer.spec();
        if (bs.width() != ls.width() || bs.height() != ls.height()) {
            throw new IllegalArgumentException("blend: layer " + ls + " and base " + bs + " differ in size");
        }
        if (bs.sampleType() == SampleType.F32 || ls.sampleType() == SampleType.F32) {
            throw new IllegalArgumentException("blend: float frames are not supported (" + bs + ", " + ls + ")");
        }
        int bc = bs.channels();
        int lc = ls.channels();
        double bmax = bs.sampleType().maxValue();
        double lmax = ls.sampleType().maxValue();
        Frame out = Frames.allocate(bs).withPositionOf(base);
        int colour = Math.min(bc, 3);
        double[] b = new double[3];
        double[] l = new double[3];
        for (int y = 0; y < bs.height(); y++) {
            for (int x = 0; x < bs.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    b[c] = base.sample(x, y, Math.min(c, Math.min(bc, 3) - 1)) / bmax;
                    l[c] = layer.sample(x, y, Math.min(c, Math.min(lc, 3) - 1)) / lmax;
                }
                double ab = bc == 4 ? base.sample(x, y, 3) / bmax : 1;
                double al = lc == 4 ? layer.sample(x, y, 3) / lmax : 1;
                double aOut = ab;
                double[] res = new double[3];
                if (mode == BlendMode.NORMAL) {
                    double a = al * opacity;
                    aOut = a + ab * (1 - a);
                    for (int c = 0; c < 3; c++) {
                        res[c] = aOut > 0 ? (l[c] * a + b[c] * ab * (1 - a)) / aOut : 0;
                    }
                } else {
                    double m = Math.min(ab, al) * opacity;
                    double den = ab + (1 - ab) * m;
                    double r = den > 0 ? m / den : 0;
                    for (int c = 0; c < 3; c++) {
                        res[c] = mode.apply(b[c], l[c]) * r + b[c] * (1 - r);
                    }
                }
                if (colour == 1) {
                    out.setSample(x, y, 0, (0.299 * res[0] + 0.587 * res[1] + 0.114 * res[2]) * bmax);
                } else {
                    for (int c = 0; c < 3; c++) {
                        out.setSample(x, y, c, res[c] * bmax);
                    }
                }
                if (bc == 4) {
                    out.setSample(x, y, 3, aOut * bmax);
                }
            }
        }
        return out;
    }
}
