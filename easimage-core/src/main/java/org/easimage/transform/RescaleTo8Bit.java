package org.easimage.transform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.SampleType;

/**
 * Linear map of a {@link DisplayRange} [vmin, vmax] to [0, 255] with saturation, producing GRAY8 from gray and RGB24
 * from RGB(A) frames (alpha is dropped). The default range, {@code auto}, is one range for the whole sequence:
 * bind the transform to its source first ({@link #bind}; {@code SequenceReader.map} and the converter do).
 * NaN samples become {@code nanValue}.
 */
public final class RescaleTo8Bit implements FrameTransform {

    private final DisplayRange range;
    private final int nanValue;

    /** Maps {@code range} to 0..255; NaN samples become {@code nanValue} (0..255). */
    public RescaleTo8Bit(DisplayRange range, int nanValue) {
        if (nanValue < 0 || nanValue > 255) {
            throw new IllegalArgumentException("to_8bit: nan value must be 0..255, got " + nanValue);
        }
        this.range = Objects.requireNonNull(range, "range");
        this.nanValue = nanValue;
    }

    /** Fixed range: vmin maps to 0, vmax to 255 (vmax must be above vmin). */
    public static RescaleTo8Bit range(double vmin, double vmax, int nanValue) {
        try {
            return new RescaleTo8Bit(new DisplayRange.Fixed(vmin, vmax), nanValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("to_8bit: " + e.getMessage(), e);
        }
    }

    /** The range this transform maps: after {@link #bind}, an {@code auto} range is {@link DisplayRange.Measured}. */
    public DisplayRange displayRange() {
        return range;
    }

    @Override
    public RescaleTo8Bit bind(FrameSource source) throws IOException {
        DisplayRange bound = range.bind(source);
        return bound == range ? this : new RescaleTo8Bit(bound, nanValue);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        PixelType t = input.pixelType().isGray() ? PixelType.GRAY8 : PixelType.RGB24;
        return new FrameSpec(input.width(), input.height(), t);
    }

    @Override
    public Frame apply(Frame input) {
        double[] r = range.limits(input);
        double lo = r[0];
        double scale = r[1] > r[0] ? 255.0 / (r[1] - r[0]) : 0;
        FrameSpec outSpec = outputSpec(input.spec());
        Frame out = Frames.allocateLike(input, outSpec);
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
        return "to_8bit(" + range.describe() + (nanValue != 0 ? ", nan=" + nanValue : "") + ")";
    }
}
