package org.easimage.testing;

import java.io.IOException;
import org.easimage.frame.Frame;
import org.easimage.io.SequenceReader;

/** Per-frame statistics for tests that compare a sequence with its transformed version. */
public final class FrameStats {

    private FrameStats() {
    }

    /** The mean of all samples (every channel) of each frame. */
    public static double[] means(SequenceReader r) throws IOException {
        double[] m = new double[r.frameCount()];
        for (int i = 0; i < m.length; i++) {
            Frame f = r.read(i);
            double s = 0;
            for (int y = 0; y < f.height(); y++) {
                for (int x = 0; x < f.width(); x++) {
                    for (int c = 0; c < f.channels(); c++) {
                        s += f.sample(x, y, c);
                    }
                }
            }
            m[i] = s / ((double) f.width() * f.height() * f.channels());
        }
        return m;
    }

    /** Pearson's correlation of two series of the same length. */
    public static double correlation(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("need two series of one length >= 2, got " + a.length + ", " + b.length);
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
