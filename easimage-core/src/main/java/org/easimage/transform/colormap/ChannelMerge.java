package org.easimage.transform.colormap;

import java.awt.Color;
import java.util.List;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.transform.Percentiles;

/**
 * Merges 1 to 4 gray frames (e.g. fluorescence channels) into one RGB24 frame: each is exposed to 0..1 (from
 * its 1st..99th percentiles, or a given range), multiplied by its colour and the results are added, saturating
 * at 255. Default palettes: 1 white; 2 lime, magenta; 3 red, lime, blue; 4 orangered, lime, blue, deeppink.
 * The result takes the first frame's index and timestamp.
 */
public final class ChannelMerge {

    private ChannelMerge() {
    }

    /** The default colours for {@code n} channels (1..4). */
    public static List<Color> defaultPalette(int n) {
        return switch (n) {
            case 1 -> List.of(Color.WHITE);
            case 2 -> List.of(new Color(0, 255, 0), new Color(255, 0, 255));
            case 3 -> List.of(new Color(255, 0, 0), new Color(0, 255, 0), new Color(0, 0, 255));
            case 4 -> List.of(new Color(255, 69, 0), new Color(0, 255, 0), new Color(0, 0, 255),
                    new Color(255, 20, 147));
            default -> throw new IllegalArgumentException("merge takes 1 to 4 gray frames, got " + n);
        };
    }

    /** Default palette, each channel auto-exposed from its 1st..99th percentiles. */
    public static Frame merge(List<Frame> grays) {
        return merge(grays, defaultPalette(grays.size()), null);
    }

    /**
     * @param grays   1..4 gray frames of the same size
     * @param colours one colour per frame
     * @param ranges  per frame {vmin, vmax}, or null (or a null entry) for the 1..99 percentiles
     */
    public static Frame merge(List<Frame> grays, List<Color> colours, List<double[]> ranges) {
        int n = grays.size();
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("merge takes 1 to 4 gray frames, got " + n);
        }
        if (colours.size() != n || (ranges != null && ranges.size() != n)) {
            throw new IllegalArgumentException("merge: " + n + " frames need " + n + " colours and ranges");
        }
        FrameSpec first = grays.get(0).spec();
        for (Frame f : grays) {
            if (!f.spec().pixelType().isGray() || f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("merge needs gray frames of one size, got " + f.spec()
                        + " with " + first);
            }
        }
        int pixels = first.width() * first.height();
        float[] acc = new float[pixels * 3];
        for (int k = 0; k < n; k++) {
            Frame f = grays.get(k);
            double[] r = ranges != null && ranges.get(k) != null ? ranges.get(k) : Percentiles.of(f, 1, 99);
            double scale = r[1] > r[0] ? 1.0 / (r[1] - r[0]) : 0;
            Color c = colours.get(k);
            float cr = c.getRed();
            float cg = c.getGreen();
            float cb = c.getBlue();
            for (int y = 0, i = 0; y < first.height(); y++) {
                for (int x = 0; x < first.width(); x++, i++) {
                    double v = f.sample(x, y, 0);
                    float e = Double.isNaN(v) ? 0f : (float) Math.max(0, Math.min(1, (v - r[0]) * scale));
                    acc[3 * i] += e * cr;
                    acc[3 * i + 1] += e * cg;
                    acc[3 * i + 2] += e * cb;
                }
            }
        }
        byte[] dst = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            dst[i] = (byte) Frames.saturate(acc[i], 255);
        }
        Frame out = Frames.allocate(new FrameSpec(first.width(), first.height(), PixelType.RGB24))
                .withPositionOf(grays.get(0));
        out.buffer().put(dst);
        return out;
    }
}
