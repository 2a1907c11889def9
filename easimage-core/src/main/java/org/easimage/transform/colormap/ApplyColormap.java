package org.easimage.transform.colormap;

import java.awt.Color;
import java.io.IOException;
import java.util.Objects;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.SampleType;
import org.easimage.transform.Args;
import org.easimage.transform.DisplayRange;

/**
 * False colour: a gray frame (8, 16-bit or float) becomes RGB24 through a {@link Colormap}. Values are mapped
 * linearly from a {@link DisplayRange} [vmin, vmax] to the 256 entries of the map
 * ({@code index = round((v - vmin) * 255 / (vmax - vmin))}), reversed on request. The default range, {@code auto},
 * is one range for the whole sequence: bind the transform to its source first ({@link #bind};
 * {@code SequenceReader.map} and the converter do). NaN samples get the NaN colour. Values outside [vmin, vmax]
 * are clipped to the end colours, or get the mask colour when one is given.
 */
public final class ApplyColormap implements FrameTransform {

    private final Colormap map;
    private final DisplayRange range;
    private final boolean reverse;
    private final Color nanColor;
    private final Color maskColor;

    /** {@code maskColor} null means out-of-range values are clipped. */
    public ApplyColormap(Colormap map, DisplayRange range, boolean reverse, Color nanColor, Color maskColor) {
        this.map = Objects.requireNonNull(map, "map");
        this.range = Objects.requireNonNull(range, "range");
        this.reverse = reverse;
        this.nanColor = Objects.requireNonNull(nanColor, "nanColor");
        this.maskColor = maskColor;
    }

    /** Fixed range; {@code maskColor} null means out-of-range values are clipped. */
    public static ApplyColormap range(Colormap map, double vmin, double vmax, boolean reverse, Color nanColor,
                                      Color maskColor) {
        try {
            return new ApplyColormap(map, new DisplayRange.Fixed(vmin, vmax), reverse, nanColor, maskColor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("colormap: " + e.getMessage(), e);
        }
    }

    /** The range this transform maps: after {@link #bind}, an {@code auto} range is {@link DisplayRange.Measured}. */
    public DisplayRange displayRange() {
        return range;
    }

    @Override
    public ApplyColormap bind(FrameSource source) throws IOException {
        DisplayRange bound = range.bind(source);
        return bound == range ? this : new ApplyColormap(map, bound, reverse, nanColor, maskColor);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        if (!input.pixelType().isGray()) {
            throw new IllegalArgumentException("colormap needs gray frames, not " + input + " (use gray() first)");
        }
        return new FrameSpec(input.width(), input.height(), PixelType.RGB24);
    }

    @Override
    public Frame apply(Frame input) {
        FrameSpec outSpec = outputSpec(input.spec());
        double[] limits = range.limits(input);
        double lo = limits[0];
        double hi = limits[1];
        double scale = hi > lo ? 255.0 / (hi - lo) : 0;
        byte[] table = map.rgbTable();
        int n = input.width() * input.height();
        byte[] dst = new byte[n * 3];
        byte[] nan = rgb(nanColor);
        byte[] mask = maskColor == null ? null : rgb(maskColor);
        SampleType st = input.spec().sampleType();
        if (st == SampleType.F32) {
            float[] src = Frames.toFloats(input);
            for (int i = 0; i < n; i++) {
                float v = src[i];
                byte[] c = Float.isNaN(v) ? nan : (mask != null && (v < lo || v > hi)) ? mask : null;
                put(dst, i, table, c, index(v, lo, scale));
            }
        } else {
            // one colour index per possible sample value; -1 = mask colour
            int size = st == SampleType.U8 ? 256 : 65536;
            int[] lut = new int[size];
            for (int v = 0; v < size; v++) {
                lut[v] = mask != null && (v < lo || v > hi) ? -1 : index(v, lo, scale);
            }
            if (st == SampleType.U8) {
                byte[] src = Frames.toBytes(input);
                for (int i = 0; i < n; i++) {
                    int k = lut[src[i] & 0xFF];
                    put(dst, i, table, k < 0 ? mask : null, k);
                }
            } else {
                short[] src = Frames.toShorts(input);
                for (int i = 0; i < n; i++) {
                    int k = lut[src[i] & 0xFFFF];
                    put(dst, i, table, k < 0 ? mask : null, k);
                }
            }
        }
        Frame out = Frames.allocate(outSpec).withPositionOf(input);
        out.buffer().put(dst);
        return out;
    }

    private int index(double v, double lo, double scale) {
        int k = Frames.saturate((v - lo) * scale, 255);
        return reverse ? 255 - k : k;
    }

    private static void put(byte[] dst, int i, byte[] table, byte[] fixed, int k) {
        if (fixed != null) {
            dst[3 * i] = fixed[0];
            dst[3 * i + 1] = fixed[1];
            dst[3 * i + 2] = fixed[2];
        } else {
            dst[3 * i] = table[3 * k];
            dst[3 * i + 1] = table[3 * k + 1];
            dst[3 * i + 2] = table[3 * k + 2];
        }
    }

    static byte[] rgb(Color c) {
        return new byte[] {(byte) c.getRed(), (byte) c.getGreen(), (byte) c.getBlue()};
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("colormap(").append(map.name().toLowerCase());
        s.append(", ").append(range.describe());
        if (reverse) {
            s.append(", reverse=true");
        }
        if (nanColor.getRGB() != Color.BLACK.getRGB()) {
            s.append(", nan=").append(Args.color(nanColor));
        }
        if (maskColor != null) {
            s.append(", mask=").append(Args.color(maskColor));
        }
        return s.append(')').toString();
    }
}
