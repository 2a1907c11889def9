package org.easimage.transform;

import java.nio.ByteBuffer;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.SampleType;

/**
 * Linear map of [vmin, vmax] to [0, 255] with saturation, producing GRAY8 from gray and RGB24 from RGB(A)
 * frames (alpha is dropped). The range is fixed, or the frame's low/high percentiles (per frame) when built with
 * {@link #percentiles}. NaN samples become {@code nanValue}.
 */
public final class RescaleTo8Bit implements FrameTransform {

    private final double vmin;
    private final double vmax;
    private final double lowPercent;
    private final double highPercent;
    private final boolean auto;
    private final int nanValue;

    private RescaleTo8Bit(double vmin, double vmax, double lowPercent, double highPercent, boolean auto,
                          int nanValue) {
        if (nanValue < 0 || nanValue > 255) {
            throw new IllegalArgumentException("to_8bit: nan value must be 0..255, got " + nanValue);
        }
        this.vmin = vmin;
        this.vmax = vmax;
        this.lowPercent = lowPercent;
        this.highPercent = highPercent;
        this.auto = auto;
        this.nanValue = nanValue;
    }

    /** Fixed range: vmin maps to 0, vmax to 255 (vmax must be above vmin). */
    public static RescaleTo8Bit range(double vmin, double vmax, int nanValue) {
        if (!(vmax > vmin) || !Double.isFinite(vmin) || !Double.isFinite(vmax)) {
            throw new IllegalArgumentException("to_8bit: need vmin < vmax, got " + vmin + ", " + vmax);
        }
        return new RescaleTo8Bit(vmin, vmax, 0, 0, false, nanValue);
    }

    /** Range from each frame's percentiles (e.g. 1 and 99). */
    public static RescaleTo8Bit percentiles(double lowPercent, double highPercent, int nanValue) {
        if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent < highPercent)) {
            throw new IllegalArgumentException("to_8bit: need 0 <= low < high <= 100, got "
                    + lowPercent + ", " + highPercent);
        }
        return new RescaleTo8Bit(0, 0, lowPercent, highPercent, true, nanValue);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        PixelType t = input.pixelType().isGray() ? PixelType.GRAY8 : PixelType.RGB24;
        return new FrameSpec(input.width(), input.height(), t);
    }

    /** The (vmin, vmax) used for this frame. */
    double[] rangeFor(Frame input) {
        if (!auto) {
            return new double[] {vmin, vmax};
        }
        return Percentiles.of(input, lowPercent, highPercent);
    }

    @Override
    public Frame apply(Frame input) {
        double[] r = rangeFor(input);
        double lo = r[0];
        double scale = r[1] > r[0] ? 255.0 / (r[1] - r[0]) : 0;
        FrameSpec outSpec = outputSpec(input.spec());
        Frame out = CvFrames.allocateLike(input, outSpec);
        int inCh = input.channels();
        int outCh = outSpec.channels();
        int pixels = input.width() * input.height();
        byte[] dst = new byte[outSpec.frameBytes()];
        SampleType st = input.spec().sampleType();
        if (st == SampleType.F32) {
            float[] src = Frames.toFloats(input);
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < outCh; c++) {
                    float v = src[p * inCh + c];
                    dst[p * outCh + c] = (byte) (Float.isNaN(v) ? nanValue : Frames.saturate((v - lo) * scale, 255));
                }
            }
        } else {
            int size = st == SampleType.U8 ? 256 : 65536;
            byte[] lut = new byte[size];
            for (int v = 0; v < size; v++) {
                lut[v] = (byte) Frames.saturate((v - lo) * scale, 255);
            }
            if (st == SampleType.U8) {
                byte[] src = Frames.toBytes(input);
                for (int p = 0; p < pixels; p++) {
                    for (int c = 0; c < outCh; c++) {
                        dst[p * outCh + c] = lut[src[p * inCh + c] & 0xFF];
                    }
                }
            } else {
                short[] src = Frames.toShorts(input);
                for (int p = 0; p < pixels; p++) {
                    for (int c = 0; c < outCh; c++) {
                        dst[p * outCh + c] = lut[src[p * inCh + c] & 0xFFFF];
                    }
                }
            }
        }
        ByteBuffer b = out.buffer();
        b.put(dst);
        return out;
    }

    @Override
    public String describe() {
        String nan = nanValue != 0 ? ", nan=" + nanValue : "";
        return auto ? "to_8bit(auto, low=" + Args.num(lowPercent) + ", high=" + Args.num(highPercent) + nan + ")"
                : "to_8bit(" + Args.num(vmin) + ", " + Args.num(vmax) + nan + ")";
    }
}
