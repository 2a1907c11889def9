package org.easimage.transform;

import java.util.function.DoubleUnaryOperator;
import org.easimage.frame.Frame;

/**
 * A sigmoid contrast curve built from the error function: with x = in/max,
 * {@code f(x) = (erf(s(x-p)) - erf(-sp)) / (erf(s(1-p)) - erf(-sp))}, so 0 and full scale are kept and the
 * steepest point is at the inflexion p. Larger slopes give more contrast around p.
 */
public final class SCurve extends PointTransform {

    private final double slope;
    private final double inflexion;

    /** @param slope steepness, > 0 (4 is a moderate curve); @param inflexion centre in [0, 1] of full scale */
    public SCurve(double slope, double inflexion) {
        if (!(slope > 0) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("scurve: slope must be positive, got " + slope);
        }
        if (!(inflexion >= 0 && inflexion <= 1)) {
            throw new IllegalArgumentException("scurve: inflexion must be in [0, 1], got " + inflexion);
        }
        this.slope = slope;
        this.inflexion = inflexion;
    }

    @Override
    protected DoubleUnaryOperator mapping(Frame input, double max) {
        double lo = erf(-slope * inflexion);
        double hi = erf(slope * (1 - inflexion));
        return v -> max * (erf(slope * (clamp(v / max, 0, 1) - inflexion)) - lo) / (hi - lo);
    }

    /** Error function (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    @Override
    public String describe() {
        return "scurve(" + Args.num(slope) + ", " + Args.num(inflexion) + ")";
    }
}
