package org.easimage.transform;

import java.awt.Color;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.easimage.transform.colormap.ApplyColormap;
import org.easimage.transform.colormap.Colormap;

/** The transforms written in plain Java, always present: point operations, crop, text and colormaps. */
public final class CoreTransformProvider implements TransformProvider {

    private static final String RANGE_CLI = "'auto' (default) one range for the whole sequence, its 0.1..99.9 "
            + "percentiles sampled over up to 64 frames ('auto:LOW:HIGH', 'auto:frames=N'); 'frame' each frame's own "
            + "1..99 percentiles ('frame:LOW:HIGH'); 'bits' 0..2^bits-1 of the source's significant bits; or a fixed "
            + "range VMIN:VMAX";

    @Override
    public List<TransformDefinition> definitions() {
        return List.of(
                TransformDefinition.of("contrast", "gain, offset=[0]", "GAIN[:OFFSET]",
                        "multiply samples by GAIN then add OFFSET (sample units), saturated; e.g. 1.5 or 1.5:-20",
                        "1.5, -20",
                        a -> new ContrastBrightness(a.number(0, "gain", null), a.number(1, "offset", 0.0))),
                TransformDefinition.of("brightness", "offset", "OFFSET",
                        "add OFFSET (sample units, may be negative), saturated", "10",
                        a -> new ContrastBrightness(1, a.number(0, "offset", null))),
                TransformDefinition.of("gamma", "exponent", "EXP",
                        "gamma curve out = max*(in/max)^EXP; EXP < 1 brightens", "0.8",
                        a -> new Gamma(a.number(0, "exponent", null))),
                TransformDefinition.of("scurve", "slope=[4], inflexion=[0.5]", "SLOPE[:INFLEXION]",
                        "S-shaped contrast curve (erf), e.g. 4:0.5", "4, 0.5",
                        a -> new SCurve(a.number(0, "slope", 4.0), a.number(1, "inflexion", 0.5))),
                TransformDefinition.of("auto_levels", "low=[1], high=[low]", "LOW[:HIGH]",
                        "stretch so LOW % of samples clip to black and HIGH % (default LOW) to white", "1, 1",
                        a -> {
                            double low = a.number(0, "low", 1.0);
                            return new AutoLevels(low, a.number(1, "high", low));
                        }),
                TransformDefinition.of("to_8bit", "RANGE=[auto], nan=[0]; RANGE: auto, low=[0.1], high=[99.9], "
                                + "frames=[64] | frame, low=[1], high=[99] | bits | vmin, vmax",
                        "auto|frame|bits|VMIN:VMAX", "rescale to 8-bit: " + RANGE_CLI, "frame",
                        a -> new RescaleTo8Bit(DisplayRange.parse(a, 0), a.integer(-1, "nan", 0))),
                TransformDefinition.of("crop", "all | top, bottom, left, right | x=, y=, width=, height=",
                        "N|T:B:L:R", "remove N pixels from every side (or top:bottom:left:right)", "1, 2, 3, 4",
                        a -> {
                            if (a.has(-1, "x") || a.has(-1, "width")) {
                                return Crop.rectangle(a.integer(-1, "x", 0), a.integer(-1, "y", 0),
                                        a.integer(-1, "width", null), a.integer(-1, "height", null));
                            }
                            int top = a.integer(0, "top", null);
                            if (a.positionalCount() == 1) {
                                return Crop.margins(top, top, top, top);
                            }
                            return Crop.margins(top, a.integer(1, "bottom", null), a.integer(2, "left", null),
                                    a.integer(3, "right", null));
                        }),
                TransformDefinition.of("threshold", "value", "VALUE",
                        "samples above VALUE become full scale, others 0", "100",
                        a -> new Threshold(a.number(0, "value", null))),
                new TransformDefinition("annotate", "text, size=[16], color=[white], anchor=[top_left], x=[4], "
                        + "y=[4], style=[plain]|box|outline, background=[black], file=[\"\"], origin=[ISO instant]",
                        "TEXT", "draw TEXT at the top-left (DejaVu Sans when its font is on the class path, 16 px, "
                                + "white with black outline); {index}, {time} (ISO-8601 UTC, else seconds from the "
                                + "first frame), {elapsed} (seconds from the first frame), {file} (the input's name) are "
                                + "replaced; for more options use the chain syntax "
                                + "annotate(...)",
                        "\"frame {index}\", size=12", CoreTransformProvider::annotate,
                        v -> Args.quote(v) + ", style=outline"),
                TransformDefinition.of("colormap", "name, RANGE=[auto], reverse=[false], nan=[black], mask=[none]; "
                                + "name: gray viridis magma inferno plasma cividis turbo jet hot; RANGE as for to_8bit",
                        "NAME[:auto|frame|bits|VMIN:VMAX]",
                        "false colour for gray frames: gray|viridis|magma|inferno|plasma|cividis|turbo|jet|hot; range "
                                + "as for --to-8bit (default auto: one range for the whole sequence), e.g. "
                                + "viridis:frame or viridis:0:500", "viridis, frame",
                        a -> {
                            Colormap map = a.enumValue(0, "name", Colormap.class, Colormap.GRAY);
                            boolean reverse = a.bool(-1, "reverse", false);
                            Color nan = a.color(-1, "nan", Color.BLACK);
                            Color mask = a.color(-1, "mask", null);
                            return new ApplyColormap(map, DisplayRange.parse(a, 1), reverse, nan, mask);
                        }));
    }

    private static Annotate annotate(Args a) {
        String origin = a.string(-1, "origin", null);
        Instant o = null;
        if (origin != null) {
            try {
                o = Instant.parse(origin);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("annotate: argument 'origin' must be an ISO-8601 instant, got '"
                        + origin + "'");
            }
        }
        return new Annotate(a.requireString(0, "text"), (float) a.number(1, "size", 16.0),
                a.color(2, "color", Color.WHITE), a.color(-1, "background", Color.BLACK),
                a.enumValue(3, "anchor", Anchor.class, Anchor.TOP_LEFT), a.integer(-1, "x", 4),
                a.integer(-1, "y", 4), a.enumValue(-1, "style", Annotate.Style.class, Annotate.Style.PLAIN),
                a.string(-1, "file", ""), o);
    }
}
