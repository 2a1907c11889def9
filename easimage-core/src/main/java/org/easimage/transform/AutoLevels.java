package org.easimage.transform;

import java.util.function.DoubleUnaryOperator;
import org.easimage.frame.Frame;

/**
 * Automatic levels: the frame's {@code lowPercent} and {@code (100 - highPercent)} percentiles are stretched
 * linearly to 0 and full scale, values beyond them saturate. Computed per frame (the mapping follows the content).
 * A flat frame (both percentiles equal) is returned unchanged.
 */
public final class AutoLevels extends PointTransform {

    private final double lowPercent;
    private final double highPercent;

    /** @param lowPercent share of samples clipped to black; @param highPercent share clipped to white */
    public AutoLevels(double lowPercent, double highPercent) {
        if (!(lowPercent >= 0 && highPercent >= 0 && lowPercent + highPercent < 100)) {
            throw new IllegalArgumentException("auto-levels: percents must be >= 0 and sum below 100, got "
                    + lowPercent + ", " + highPercent);
        }
        this.lowPercent = lowPercent;
        this.highPercent = highPercent;
    }

    @Override
    protected boolean constantMapping() {
        return false;
    }

    @Override
    protected DoubleUnaryOperator mapping(Frame input, double max) {
        double[] p = Percentiles.of(input, lowPercent, 100 - highPercent);
        double lo = p[0];
        double hi = p[1];
        if (hi <= lo) {
            return v -> v;
        }
        double full = input.spec().sampleType().isInteger() ? max : 1.0;
        return v -> (v - lo) * full / (hi - lo);
    }

    @Override
    public String describe() {
        return "auto_levels(" + Args.num(lowPercent) + ", " + Args.num(highPercent) + ")";
    }
}
