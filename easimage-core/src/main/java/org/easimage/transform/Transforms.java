package org.easimage.transform;

import java.awt.Color;
import org.easimage.frame.FrameTransform;
import org.easimage.transform.colormap.ApplyColormap;
import org.easimage.transform.colormap.Colormap;

/**
 * Factory methods for the transforms written in plain Java, e.g. {@code Transforms.contrast(1.5, 0)
 * .andThen(Transforms.crop(10, 10, 10, 10))}; the OpenCV ones are in {@code org.easimage.opencv.CvTransforms}.
 * Chains can also be written as text (see {@link TransformChain}); every transform's text form and command-line
 * option come from its {@link TransformDefinition} in the {@link TransformCatalog}.
 */
public final class Transforms {

    /**
     * The largest frame side (pixels) a transform may ask for (pad widths, resize targets and factors): 2^20,
     * beyond any sensor or line-scan length. The frame's byte size is then checked by {@code FrameSpec} and its
     * memory by the converter.
     */
    public static final int MAX_SIDE = 1 << 20;

    private Transforms() {
    }

    public static FrameTransform contrast(double gain, double offset) {
        return new ContrastBrightness(gain, offset);
    }

    public static FrameTransform brightness(double offset) {
        return new ContrastBrightness(1, offset);
    }

    public static FrameTransform gamma(double exponent) {
        return new Gamma(exponent);
    }

    public static FrameTransform sCurve(double slope, double inflexion) {
        return new SCurve(slope, inflexion);
    }

    public static FrameTransform autoLevels(double lowPercent, double highPercent) {
        return new AutoLevels(lowPercent, highPercent);
    }

    public static FrameTransform to8Bit(double vmin, double vmax) {
        return RescaleTo8Bit.range(vmin, vmax, 0);
    }

    /** To 8-bit over a display range, e.g. {@code DisplayRange.auto()}, one range for the whole sequence. */
    public static FrameTransform to8Bit(DisplayRange range) {
        return new RescaleTo8Bit(range, 0);
    }

    /** Removes margins (pixels) from each side. */
    public static FrameTransform crop(int top, int bottom, int left, int right) {
        return Crop.margins(top, bottom, left, right);
    }

    /** Keeps a rectangle. */
    public static FrameTransform cropRect(int x, int y, int width, int height) {
        return Crop.rectangle(x, y, width, height);
    }

    public static FrameTransform threshold(double value) {
        return new Threshold(value);
    }

    /** White 16-pixel text at the top-left corner; see {@link Annotate} for every option. */
    public static FrameTransform annotate(String template) {
        return new Annotate(template, 16, Color.WHITE, Color.BLACK, Anchor.TOP_LEFT, 4, 4, Annotate.Style.OUTLINE,
                "", null);
    }

    public static FrameTransform colormap(Colormap map, double vmin, double vmax) {
        return ApplyColormap.range(map, vmin, vmax, false, Color.BLACK, null);
    }

    /** The default {@code auto} range (one for the whole sequence, see {@link DisplayRange}) through the colormap. */
    public static FrameTransform colormap(Colormap map) {
        return colormap(map, DisplayRange.auto());
    }

    public static FrameTransform colormap(Colormap map, DisplayRange range) {
        return new ApplyColormap(map, range, false, Color.BLACK, null);
    }
}
