package org.easimage.transform;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.transform.colormap.ApplyColormap;
import org.easimage.transform.colormap.Colormap;

/**
 * Factory methods for every per-frame transform, e.g. {@code Transforms.clahe(2.0, 8, 8)
 * .andThen(Transforms.crop(10, 10, 10, 10))}, and the command-line options that build them
 * ({@link #cliOptions()}). Chains can also be written as text: see {@link TransformChain}.
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

    public static FrameTransform clahe(double clipLimit, int tilesX, int tilesY) {
        return new Clahe(clipLimit, tilesX, tilesY);
    }

    public static FrameTransform pad(int width) {
        return new Pad(width, width, width, width, Pad.Mode.CONSTANT, 0);
    }

    public static FrameTransform pad(int top, int bottom, int left, int right, Pad.Mode mode, double value) {
        return new Pad(top, bottom, left, right, mode, value);
    }

    /** Removes margins (pixels) from each side. */
    public static FrameTransform crop(int top, int bottom, int left, int right) {
        return Crop.margins(top, bottom, left, right);
    }

    /** Keeps a rectangle. */
    public static FrameTransform cropRect(int x, int y, int width, int height) {
        return Crop.rectangle(x, y, width, height);
    }

    public static FrameTransform gaussian(double sigma) {
        return new GaussianBlur(sigma);
    }

    public static FrameTransform sharpen(double amount, double radius) {
        return new Sharpen(amount, radius);
    }

    /** Counter-clockwise; multiples of 90 are lossless. */
    public static FrameTransform rotate(double degrees) {
        return new Rotate(degrees, false, Interpolation.LINEAR, 0);
    }

    public static FrameTransform rotate(double degrees, boolean expand, Interpolation interpolation, double fill) {
        return new Rotate(degrees, expand, interpolation, fill);
    }

    public static FrameTransform flip(Flip.Axis axis) {
        return new Flip(axis);
    }

    public static FrameTransform resize(double factor, Interpolation interpolation) {
        return Resize.scale(factor, interpolation);
    }

    public static FrameTransform resize(int width, int height, boolean keepAspect, Interpolation interpolation) {
        return Resize.to(width, height, keepAspect, interpolation);
    }

    public static FrameTransform threshold(double value) {
        return new Threshold(value);
    }

    public static FrameTransform flatField(Frame flat) {
        return FlatField.of(flat);
    }

    public static FrameTransform flatField(double sigma) {
        return FlatField.selfBlur(sigma);
    }

    public static FrameTransform toGray() {
        return new ToGray();
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

    /**
     * One option per transform for the command line; each value is turned into the chain syntax
     * ({@code :} separates arguments) and parsed by {@link TransformChain}.
     */
    public static List<TransformOption> cliOptions() {
        return List.of(
                opt("--contrast", "GAIN[:OFFSET]", "multiply samples by GAIN then add OFFSET (sample units), saturated; e.g. 1.5 or 1.5:-20", "contrast"),
                opt("--brightness", "OFFSET", "add OFFSET (sample units, may be negative), saturated", "brightness"),
                opt("--gamma", "EXP", "gamma curve out = max*(in/max)^EXP; EXP < 1 brightens", "gamma"),
                opt("--scurve", "SLOPE[:INFLEXION]", "S-shaped contrast curve (erf), e.g. 4:0.5", "scurve"),
                opt("--auto-levels", "LOW[:HIGH]", "stretch so LOW % of samples clip to black and HIGH % (default LOW) to white", "auto_levels"),
                opt("--to-8bit", "auto|frame|bits|VMIN:VMAX",
                        "rescale to 8-bit: 'auto' (default) one range for the whole sequence, its 0.1..99.9 "
                                + "percentiles sampled over up to 64 frames ('auto:LOW:HIGH', 'auto:frames=N'); "
                                + "'frame' each frame's own 1..99 percentiles ('frame:LOW:HIGH'); 'bits' "
                                + "0..2^bits-1 of the source's significant bits; or a fixed range VMIN:VMAX", "to_8bit"),
                opt("--clahe", "CLIP[:TxT]", "adaptive histogram equalisation, e.g. 2.0:8x8 (colour: on Lab lightness)", "clahe"),
                opt("--pad", "N|T,B,L,R", "add a black border of N pixels (or per side top,bottom,left,right)", "pad"),
                opt("--crop", "N|T,B,L,R", "remove N pixels from every side (or top,bottom,left,right)", "crop"),
                opt("--gaussian", "SIGMA", "gaussian blur of SIGMA pixels", "gaussian"),
                opt("--sharpen", "AMOUNT[:RADIUS]", "unsharp mask, e.g. 0.7:2", "sharpen"),
                opt("--rotate", "DEGREES[:expand]", "rotate counter-clockwise; multiples of 90 are lossless; 'expand' grows the canvas for other angles", "rotate"),
                opt("--flip", "h|v|hv", "mirror horizontally, vertically or both", "flip"),
                new TransformOption("--resize", "FACTOR|WxH[:INTERP]",
                        "resize by a factor (0.5) or to WxH (0 keeps aspect, e.g. 512x0); INTERP nearest|linear|area|cubic|lanczos (default area)",
                        v -> TransformChain.parseOne("resize(" + v.replace(':', ',') + ")")),
                opt("--threshold", "VALUE", "samples above VALUE become full scale, others 0", "threshold"),
                opt("--flatfield", "SIGMA", "divide by a gaussian blur of SIGMA pixels of the frame (illumination correction)", "flatfield"),
                new TransformOption("--gray", "", "convert colour to gray (Rec. 601 luma), same sample type; value ignored",
                        v -> new ToGray()),
                new TransformOption("--annotate", "TEXT",
                        "draw TEXT at the top-left (DejaVu Sans, 16 px, white with black outline); {index}, {time} (ISO-8601 UTC, else seconds from the first frame), {file} are replaced; "
                                + "for more options use the chain syntax annotate(...)",
                        Transforms::annotate),
                opt("--colormap", "NAME[:auto|frame|bits|VMIN:VMAX]",
                        "false colour for gray frames: gray|viridis|magma|inferno|plasma|cividis|turbo|jet|hot; range "
                                + "as for --to-8bit (default auto: one range for the whole sequence), e.g. viridis:frame "
                                + "or viridis:0:500", "colormap"),
                new TransformOption("--transforms", "CHAIN",
                        "a chain in the text syntax, e.g. \"clahe(2, 8x8) | gaussian(1.5)\", or a chain file saved "
                                + "with TransformChain.save (one transform per line)", TransformChain::parseOrLoad));
    }

    private static TransformOption opt(String name, String label, String description, String transform) {
        return new TransformOption(name, label, description,
                v -> TransformChain.parseOne(transform + "(" + v.replace(':', ',').toLowerCase(Locale.ROOT) + ")"));
    }
}
