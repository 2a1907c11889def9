package org.easimage.opencv;

import java.util.List;
import java.util.Locale;
import org.easimage.transform.Interpolation;
import org.easimage.transform.TransformDefinition;
import org.easimage.transform.TransformProvider;

/** The transforms that call OpenCV, added to the catalogue when this module is on the class path. */
public final class CvTransformProvider implements TransformProvider {

    @Override
    public List<TransformDefinition> definitions() {
        return List.of(
                TransformDefinition.of("clahe", "clip=[2], tiles=[8x8]", "CLIP[:TxT]",
                        "adaptive histogram equalisation, e.g. 2.0:8x8 (colour: on Lab lightness)", "2, 8x8",
                        a -> {
                            int[] t = a.size(1, "tiles", new int[] {8, 8});
                            return new Clahe(a.number(0, "clip", 2.0), t[0], t[1]);
                        }),
                TransformDefinition.of("gaussian", "sigma", "SIGMA", "gaussian blur of SIGMA pixels", "1.5",
                        a -> new GaussianBlur(a.number(0, "sigma", null))),
                TransformDefinition.of("sharpen", "amount=[0.7], radius=[1]", "AMOUNT[:RADIUS]",
                        "unsharp mask, e.g. 0.7:2", "0.7, 2",
                        a -> new Sharpen(a.number(0, "amount", 0.7), a.number(1, "radius", 1.0))),
                TransformDefinition.of("pad", "all | top, bottom, left, right, mode=[constant]|replicate|reflect, "
                                + "value=[0]", "N|T:B:L:R",
                        "add a black border of N pixels (or per side top:bottom:left:right)", "1, 2, 3, 4",
                        a -> {
                            int top = a.integer(0, "top", null);
                            boolean one = a.positionalCount() == 1 && !a.has(-1, "bottom");
                            int bottom = one ? top : a.integer(1, "bottom", null);
                            int left = one ? top : a.integer(2, "left", null);
                            int right = one ? top : a.integer(3, "right", null);
                            return new Pad(top, bottom, left, right,
                                    a.enumValue(-1, "mode", Pad.Mode.class, Pad.Mode.CONSTANT),
                                    a.number(-1, "value", 0.0));
                        }),
                TransformDefinition.of("rotate", "degrees, expand=[false], interpolation=[linear], fill=[0]",
                        "DEGREES[:expand]", "rotate counter-clockwise; multiples of 90 are lossless; 'expand' grows "
                                + "the canvas for other angles", "30, true",
                        a -> new Rotate(a.number(0, "degrees", null), a.bool(1, "expand", false),
                                a.enumValue(2, "interpolation", Interpolation.class, Interpolation.LINEAR),
                                a.number(3, "fill", 0.0))),
                TransformDefinition.of("flip", "h|v|hv", "h|v|hv", "mirror horizontally, vertically or both", "hv",
                        a -> {
                            String v = a.string(0, "axis", "h").toLowerCase(Locale.ROOT);
                            return new Flip(switch (v) {
                                case "h", "horizontal" -> Flip.Axis.HORIZONTAL;
                                case "v", "vertical" -> Flip.Axis.VERTICAL;
                                case "hv", "vh", "both" -> Flip.Axis.BOTH;
                                default -> throw new IllegalArgumentException(
                                        "flip: argument 'axis' must be h, v or hv, got '" + v + "'");
                            });
                        }),
                new TransformDefinition("resize", "factor | WxH, interpolation=[area], keep_aspect=[false]",
                        "FACTOR|WxH[:INTERP]", "resize by a factor (0.5) or to WxH (0 keeps aspect, e.g. 512x0); "
                                + "INTERP nearest|linear|area|cubic|lanczos (default area)", "0.5",
                        a -> {
                            String v = a.requireString(0, "size");
                            Interpolation in = a.enumValue(1, "interpolation", Interpolation.class, Interpolation.AREA);
                            boolean keep = a.bool(2, "keep_aspect", false);
                            if (v.toLowerCase(Locale.ROOT).contains("x")) {
                                int[] s = a.size(0, "size", null);
                                return Resize.to(s[0], s[1], keep, in);
                            }
                            return Resize.scale(a.number(0, "size", null), in);
                        }, v -> v.replace(':', ',')),
                TransformDefinition.of("flatfield", "sigma=[50]", "SIGMA",
                        "divide by a gaussian blur of SIGMA pixels of the frame (illumination correction)", "20",
                        a -> FlatField.selfBlur(a.number(0, "sigma", 50.0))),
                TransformDefinition.of("gray", "", "", "convert colour to gray (Rec. 601 luma), same sample type",
                        "", a -> new ToGray()));
    }
}
