package org.easimage.transform;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.easimage.frame.FrameTransform;
import org.easimage.transform.colormap.ApplyColormap;
import org.easimage.transform.colormap.Colormap;

/**
 * A text form for chains of transforms, shared by the converter, the command line and saved chain files:
 * transforms separated by {@code |} or new lines, each {@code name(arg, key=value, ...)} (parentheses optional
 * when there are no arguments), strings in double quotes with backslash escapes, {@code #} starting a comment
 * line. Example: {@code clahe(2.0, 8x8) | crop(10,10,10,10) | annotate("{time}", size=18, anchor=top_left)}.
 * {@link #format} writes each transform's {@code describe()}, which parses back to an equal transform.
 *
 * <p>Names and arguments (defaults in brackets):
 * <pre>
 * contrast(gain, offset=[0])          brightness(offset)           gamma(exponent)
 * scurve(slope=[4], inflexion=[0.5])  auto_levels(low=[1], high=[low])
 * to_8bit(RANGE, nan=[0])             RANGE ({@link DisplayRange}, [auto]): auto, low=[0.1], high=[99.9],
 *                                     frames=[64] | frame, low=[1], high=[99] | bits | vmin, vmax
 *                                     (low and high also by position: auto, 0.5, 99.5)
 * clahe(clip=[2], tiles=[8x8])        gaussian(sigma)              sharpen(amount=[0.7], radius=[1])
 * pad(all) | pad(top, bottom, left, right, mode=[constant]|replicate|reflect, value=[0])
 * crop(all) | crop(top, bottom, left, right) | crop(x=, y=, width=, height=)
 * rotate(degrees, expand=[false], interpolation=[linear], fill=[0])   flip(h|v|hv)
 * resize(factor | WxH, interpolation=[area], keep_aspect=[false])      threshold(value)
 * flatfield(sigma)                    gray()
 * annotate(text, size=[16], color=[white], anchor=[top_left], x=[4], y=[4], style=[plain]|box|outline,
 *          background=[black], file=[""], origin=[ISO instant])
 * colormap(name, RANGE, reverse=[false], nan=[black], mask=[none])     RANGE as for to_8bit
 *                                     name: gray viridis magma inferno plasma cividis turbo jet hot
 * </pre>
 */
public final class TransformChain {

    private static final Map<String, Function<Args, FrameTransform>> PARSERS = new TreeMap<>();

    static {
        PARSERS.put("contrast", a -> new ContrastBrightness(a.number(0, "gain", null), a.number(1, "offset", 0.0)));
        PARSERS.put("brightness", a -> new ContrastBrightness(1, a.number(0, "offset", null)));
        PARSERS.put("gamma", a -> new Gamma(a.number(0, "exponent", null)));
        PARSERS.put("scurve", a -> new SCurve(a.number(0, "slope", 4.0), a.number(1, "inflexion", 0.5)));
        PARSERS.put("auto_levels", a -> {
            double low = a.number(0, "low", 1.0);
            return new AutoLevels(low, a.number(1, "high", low));
        });
        PARSERS.put("to_8bit", a -> new RescaleTo8Bit(DisplayRange.parse(a, 0), a.integer(-1, "nan", 0)));
        PARSERS.put("clahe", a -> {
            int[] t = a.size(1, "tiles", new int[] {8, 8});
            return new Clahe(a.number(0, "clip", 2.0), t[0], t[1]);
        });
        PARSERS.put("gaussian", a -> new GaussianBlur(a.number(0, "sigma", null)));
        PARSERS.put("sharpen", a -> new Sharpen(a.number(0, "amount", 0.7), a.number(1, "radius", 1.0)));
        PARSERS.put("pad", a -> {
            int top = a.integer(0, "top", null);
            boolean one = a.positionalCount() == 1 && !a.has(-1, "bottom");
            int bottom = one ? top : a.integer(1, "bottom", null);
            int left = one ? top : a.integer(2, "left", null);
            int right = one ? top : a.integer(3, "right", null);
            return new Pad(top, bottom, left, right, a.enumValue(-1, "mode", Pad.Mode.class, Pad.Mode.CONSTANT),
                    a.number(-1, "value", 0.0));
        });
        PARSERS.put("crop", a -> {
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
        });
        PARSERS.put("rotate", a -> new Rotate(a.number(0, "degrees", null), a.bool(1, "expand", false),
                a.enumValue(2, "interpolation", Interpolation.class, Interpolation.LINEAR), a.number(3, "fill", 0.0)));
        PARSERS.put("flip", a -> {
            String v = a.string(0, "axis", "h").toLowerCase(Locale.ROOT);
            return new Flip(switch (v) {
                case "h", "horizontal" -> Flip.Axis.HORIZONTAL;
                case "v", "vertical" -> Flip.Axis.VERTICAL;
                case "hv", "vh", "both" -> Flip.Axis.BOTH;
                default -> throw new IllegalArgumentException("flip: argument 'axis' must be h, v or hv, got '" + v + "'");
            });
        });
        PARSERS.put("resize", a -> {
            String v = a.requireString(0, "size");
            Interpolation in = a.enumValue(1, "interpolation", Interpolation.class, Interpolation.AREA);
            boolean keep = a.bool(2, "keep_aspect", false);
            if (v.toLowerCase(Locale.ROOT).contains("x")) {
                int[] s = a.size(0, "size", null);
                return Resize.to(s[0], s[1], keep, in);
            }
            return Resize.scale(a.number(0, "size", null), in);
        });
        PARSERS.put("threshold", a -> new Threshold(a.number(0, "value", null)));
        PARSERS.put("flatfield", a -> FlatField.selfBlur(a.number(0, "sigma", 50.0)));
        PARSERS.put("gray", a -> new ToGray());
        PARSERS.put("annotate", a -> {
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
        });
        PARSERS.put("colormap", a -> {
            Colormap map = a.enumValue(0, "name", Colormap.class, Colormap.GRAY);
            boolean reverse = a.bool(-1, "reverse", false);
            Color nan = a.color(-1, "nan", Color.BLACK);
            Color mask = a.color(-1, "mask", null);
            return new ApplyColormap(map, DisplayRange.parse(a, 1), reverse, nan, mask);
        });
    }

    private TransformChain() {
    }

    /** The transform names this parser knows. */
    public static List<String> names() {
        return List.copyOf(PARSERS.keySet());
    }

    /** Parses a chain into its transforms, in order (empty for a blank text). */
    public static List<FrameTransform> parseList(String text) {
        List<FrameTransform> out = new ArrayList<>();
        for (Item item : split(text)) {
            out.add(parseOne(item.text()));
        }
        return out;
    }

    /** Parses a chain into one transform (the identity for a blank text). */
    public static FrameTransform parse(String text) {
        return compose(parseList(text));
    }

    /** One transform applying {@code transforms} in order (the identity for none). */
    private static FrameTransform compose(List<FrameTransform> transforms) {
        FrameTransform t = null;
        for (FrameTransform f : transforms) {
            t = t == null ? f : t.andThen(f);
        }
        return t == null ? FrameTransform.identity() : t;
    }

    /** Parses one transform, {@code name(args)}. */
    public static FrameTransform parseOne(String item) {
        String s = item.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT).replace('-', '_');
        String inner = "";
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException(name + ": missing ')' in '" + s + "'");
            }
            inner = s.substring(open + 1, s.length() - 1);
        }
        Function<Args, FrameTransform> p = PARSERS.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown transform '" + name + "' (known: " + PARSERS.keySet() + ")");
        }
        Args args = Args.parse(name, inner);
        FrameTransform t = p.apply(args);
        args.done();
        return t;
    }

    /** Chain files are a few lines of text; a larger file is not one, and is not read into memory. */
    static final long MAX_FILE_BYTES = 1 << 20;

    /**
     * Reads a chain file: the text form, one transform per line or joined with |, # comment lines allowed. Its
     * errors name the file, the line and what is wrong, never the file's content: a path given by mistake (a
     * password or key file) must not end up on a terminal or in a log.
     */
    public static List<FrameTransform> load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes, too large for a chain file (at most "
                    + MAX_FILE_BYTES + ")");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not a UTF-8 text file", e);
        }
        List<Item> items;
        try {
            items = split(text);
        } catch (UnterminatedQuote e) {
            throw new IllegalArgumentException("chain file " + file + ", line " + lineOf(text, e.offset)
                    + ": unterminated quoted string");
        }
        List<FrameTransform> out = new ArrayList<>();
        for (Item item : items) {
            try {
                out.add(parseOne(item.text()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chain file " + file + ", line " + lineOf(text, item.start())
                        + ": " + problemWithoutContent(item.text()));
            }
        }
        return out;
    }

    /** What is wrong with an item that does not parse, in words that quote nothing from it but known names. */
    private static String problemWithoutContent(String item) {
        String s = item.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!PARSERS.containsKey(name)) {
            return "not a transform (known: " + String.join(", ", PARSERS.keySet()) + ")";
        }
        if (open >= 0 && !s.endsWith(")")) {
            return name + ": missing ')'";
        }
        return "invalid arguments for " + name + " (give the line to --transforms \"...\" to see why)";
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Saves transforms one per line in the text form, which {@link #load} reads back to equal transforms. */
    public static void save(Path file, List<? extends FrameTransform> transforms) throws IOException {
        Files.writeString(file, transforms.stream().map(FrameTransform::describe)
                .collect(Collectors.joining("\n", "# easimage transform chain\n", "\n")));
    }

    /** A chain given as text, or as the path of a chain file (a value without parentheses naming a file). */
    public static FrameTransform parseOrLoad(String textOrFile) {
        if (textOrFile.indexOf('(') < 0) {
            try {
                Path p = Path.of(textOrFile.strip());
                if (Files.isRegularFile(p)) {
                    return compose(load(p));
                }
            } catch (InvalidPathException e) {
                // not a path: parse it as text below
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read chain file " + textOrFile + ": " + e.getMessage(), e);
            }
        }
        return parse(textOrFile);
    }

    /** The text form of these transforms, joined with " | ". */
    public static String format(List<? extends FrameTransform> transforms) {
        return transforms.stream().map(FrameTransform::describe).collect(Collectors.joining(" | "));
    }

    /** One transform's text in a chain, and where it starts. */
    record Item(String text, int start) {
    }

    /** A quoted string runs to the end of the chain; {@code offset} is where it opens. */
    private static final class UnterminatedQuote extends IllegalArgumentException {
        final int offset;

        UnterminatedQuote(int offset) {
            super("unterminated quoted string in the transform chain (from character " + (offset + 1) + ")");
            this.offset = offset;
        }
    }

    /** Splits on | and new lines outside quotes and parentheses; drops blank items and # comment lines. */
    static List<Item> split(String text) {
        List<Item> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int start = 0;
        int quoteAt = -1;
        boolean quoted = false;
        int depth = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                if (c == '\n') {
                    comment = false;
                    start = i + 1;
                }
                continue;
            }
            if (quoted && c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
                quoteAt = i;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '#' && cur.toString().isBlank()) {
                comment = true;
                continue;
            }
            if (!quoted && depth == 0 && (c == '|' || c == '\n')) {
                items.add(new Item(cur.toString(), start));
                cur.setLength(0);
                start = i + 1;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new UnterminatedQuote(quoteAt);
        }
        items.add(new Item(cur.toString(), start));
        items.removeIf(item -> item.text().isBlank());
        return items;
    }
}
