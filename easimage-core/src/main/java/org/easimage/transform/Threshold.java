package org.easimage.transform;

import java.util.function.DoubleUnaryOperator;
import org.easimage.frame.Frame;

/**
 * Binarisation: samples strictly above {@code value} become full scale (255, 65535, 2^bits-1, or 1.0 for float),
 * the others 0 (same rule as OpenCV's THRESH_BINARY). NaN becomes 0.
 */
public final class Threshold extends PointTransform {

    private final double value;

    public Threshold(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("threshold: value must be a number");
        }
        this.value = value;
    }

    @Override
    protected DoubleUnaryOperator mapping(Frame input, double max) {
        return v -> v > value ? max : 0;
    }

    @Override
    public String describe() {
        return "threshold(" + Args.num(value) + ")";
    }
}
