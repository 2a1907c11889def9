package org.easimage.transform.colormap;

/**
 * Layer blend modes (as in GIMP and the blend_modes library), on colour values a (base) and b (layer) in 0..1.
 */
public enum BlendMode {
    /** b. */
    NORMAL,
    /** a b. */
    MULTIPLY,
    /** 1 - (1-a)(1-b). */
    SCREEN,
    /** 2ab if a < 0.5, else 1 - 2(1-a)(1-b). */
    OVERLAY,
    /** (1-a) a b + a screen(a, b) (GIMP). */
    SOFT_LIGHT,
    /** overlay with a and b swapped. */
    HARD_LIGHT,
    /** min(a, b). */
    DARKEN,
    /** max(a, b). */
    LIGHTEN,
    /** |a - b|. */
    DIFFERENCE,
    /** a + b, clipped. */
    ADDITION,
    /** a - b, clipped. */
    SUBTRACT,
    /** a / b (256/255 a / (1/255 + b)), clipped. */
    DIVIDE,
    /** a / (1 - b), clipped. */
    DODGE,
    /** a - b + 0.5, clipped. */
    GRAIN_EXTRACT,
    /** a + b - 0.5, clipped. */
    GRAIN_MERGE;

    /** The blended colour value, clipped to 0..1. */
    public double apply(double a, double b) {
        double v = switch (this) {
            case NORMAL -> b;
            case MULTIPLY -> a * b;
            case SCREEN -> 1 - (1 - a) * (1 - b);
            case OVERLAY -> a < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b);
            case SOFT_LIGHT -> (1 - a) * a * b + a * (1 - (1 - a) * (1 - b));
            case HARD_LIGHT -> b > 0.5 ? 1 - 2 * (1 - a) * (1 - b) : 2 * a * b;
            case DARKEN -> Math.min(a, b);
            case LIGHTEN -> Math.max(a, b);
            case DIFFERENCE -> Math.abs(a - b);
            case ADDITION -> a + b;
            case SUBTRACT -> a - b;
            case DIVIDE -> (256.0 / 255.0) * a / (1.0 / 255.0 + b);
            case DODGE -> b >= 1 ? 1 : a / (1 - b);
            case GRAIN_EXTRACT -> a - b + 0.5;
            case GRAIN_MERGE -> a + b - 0.5;
        };
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
