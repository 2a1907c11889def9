package org.easimage.transform;

import java.util.function.DoubleUnaryOperator;
import org.easimage.frame.Frame;

/**
 * Gamma correction {@code out = max * (in/max)^gamma}: gamma below 1 brightens, above 1 darkens. The table covers
 * every value of the pixel type (256 or 65536 entries), so full-scale samples map to full scale; float samples
 * are clipped to [0, 1] first.
 */
public final class Gamma extends PointTransform {

    private final double gamma;

    public Gamma(double gamma) {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma: exponent must be a positive number, got " + gamma);
        }
        this.gamma = gamma;
    }

    @Override
    protected DoubleUnaryOperator mapping(Frame input, double max) {
        return v -> max * Math.pow(clamp(v / max, 0, 1), gamma);
    }

    @Override
    public String describe() {
        return "gamma(" + Args.num(gamma) + ")";
    }
}
