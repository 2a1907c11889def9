package org.easimage.transform;

import java.util.function.DoubleUnaryOperator;
import org.easimage.frame.Frame;

/**
 * {@code out = in * gain + offset}, saturated to the pixel type's range (never wrapped). The offset is in the
 * sample's own units (e.g. -20 on 8-bit, -5000 on 16-bit, -0.1 on float frames, which are not clipped).
 */
public final class ContrastBrightness extends PointTransform {

    private final double gain;
    private final double offset;

    /** @param gain contrast multiplier (1 = unchanged); @param offset brightness added after the gain */
    public ContrastBrightness(double gain, double offset) {
        if (!Double.isFinite(gain) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("contrast: gain and offset must be finite, got " + gain + ", " + offset);
        }
        this.gain = gain;
        this.offset = offset;
    }

    @Override
    protected DoubleUnaryOperator mapping(Frame input, double max) {
        return v -> v * gain + offset;
    }

    @Override
    public String describe() {
        return "contrast(" + Args.num(gain) + ", " + Args.num(offset) + ")";
    }
}
