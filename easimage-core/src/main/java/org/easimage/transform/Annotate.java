package org.easimage.transform;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.IntoTransform;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;

/**
 * Draws a line of text on each frame with DejaVu Sans ({@link Fonts}; so output is the same on every machine,
 * headless included). The text is a template: {@code {index}} is the frame index, {@code {time}} the frame's
 * acquisition timestamp as ISO-8601 UTC, or, for a frame without one, its time from the first frame in seconds
 * ({@code 1.234 s}), or {@code no timestamp} when it has neither (never a made-up date); {@code {elapsed}} the
 * seconds since {@code origin} (needs a timestamp), or without an origin the seconds since the first frame (3
 * decimals; empty when unknown); {@code {file}} the file name given at construction, else the name of the source it is
 * {@linkplain #bind bound} to (the input file's name in a conversion).
 *
 * <p>The text is rendered anti-aliased ({@link TextPainter}) into a small ARGB strip and blended into a copy of the frame
 * at the colour's value in the frame's own range (so 16-bit frames get 16-bit text, gray frames the colour's
 * luma). {@link Style#BOX} draws a filled background box, {@link Style#OUTLINE} a 1/12-size outline in the
 * background colour, {@link Style#PLAIN} the text alone.
 */
public final class Annotate implements IntoTransform {

    /** How the text stands out from the picture. */
    public enum Style { PLAIN, BOX, OUTLINE }

    private final String template;
    private final float size;
    private final Color color;
    private final Color background;
    private final Anchor anchor;
    private final int dx;
    private final int dy;
    private final Style style;
    private final String file;
    private final Instant origin;
    /** Draws the text; keeps the characters it drew, so one per instance (a chain's threads share it). */
    private final TextPainter painter;

    /**
     * @param template   text with {index}, {time}, {elapsed}, {file} placeholders
     * @param size       font size in pixels
     * @param color      text colour
     * @param background box or outline colour
     * @param anchor     corner, edge or centre the text is placed at
     * @param dx         horizontal offset from the anchor, inwards (pixels)
     * @param dy         vertical offset from the anchor, inwards (pixels)
     * @param style      plain, box or outline
     * @param file       value of {file} (may be empty)
     * @param origin     reference instant of {elapsed}, or null to count from the first frame
     */
    public Annotate(String template, float size, Color color, Color background, Anchor anchor, int dx, int dy,
                    Style style, String file, Instant origin) {
        this.template = Objects.requireNonNull(template, "template");
        if (!(size >= 1 && size <= 2000)) {
            throw new IllegalArgumentException("annotate: size must be 1..2000 pixels, got " + size);
        }
        this.size = size;
        this.color = Objects.requireNonNull(color, "color");
        this.background = Objects.requireNonNull(background, "background");
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.dx = dx;
        this.dy = dy;
        this.style = Objects.requireNonNull(style, "style");
        this.file = file == null ? "" : file;
        this.origin = origin;
        this.painter = new TextPainter(size, color, background, style);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        return input;
    }

    /** Fills {@code {file}} with the source's name when no file was given. */
    @Override
    public FrameTransform bind(FrameSource source) {
        if (!file.isEmpty() || !template.contains("{file}") || source.name().isEmpty()) {
            return this;
        }
        return new Annotate(template, size, color, background, anchor, dx, dy, style, source.name(), origin);
    }

    /** The template with this frame's values filled in. */
    public String text(Frame frame) {
        String t = template;
        if (t.contains("{index}")) {
            t = t.replace("{index}", Integer.toString(frame.index()));
        }
        if (t.contains("{time}")) {
            t = t.replace("{time}", frame.timestamp().map(DateTimeFormatter.ISO_INSTANT::format)
                    .or(() -> frame.time().map(d -> seconds(d) + " s")).orElse("no timestamp"));
        }
        if (t.contains("{elapsed}")) {
            Optional<Duration> d = origin == null ? frame.time()
                    : frame.timestamp().map(ts -> Duration.between(origin, ts));
            t = t.replace("{elapsed}", d.map(Annotate::seconds).orElse(""));
        }
        return t.replace("{file}", file);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.getSeconds() + d.getNano() / 1e9);
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        if (!output.spec().sameLayout(input.spec())) {
            throw new IllegalArgumentException(describe() + ": output frame " + output.spec() + " should be "
                    + input.spec());
        }
        Frame out = output.withSpec(input.spec()).withPositionOf(input);
        out.buffer().put(input.buffer());
        String text = text(input);
        if (text.isEmpty()) {
            return out;
        }
        TextPainter.Strip strip = painter.paint(text);
        int w = strip.width();
        int h = strip.height();
        int fw = input.width();
        int fh = input.height();
        int ox = switch (anchor.horizontal()) {
            case -1 -> dx;
            case 0 -> (fw - w) / 2 + dx;
            default -> fw - w - dx;
        };
        int oy = switch (anchor.vertical()) {
            case -1 -> dy;
            case 0 -> (fh - h) / 2 + dy;
            default -> fh - h - dy;
        };
        composite(out, strip, ox, oy);
        return out;
    }

    /** Blends the ARGB strip into the frame at (ox, oy), clipped to the frame; alpha of RGBA frames is kept. */
    private static void composite(Frame out, TextPainter.Strip strip, int ox, int oy) {
        int channels = out.channels();
        int colour = Math.min(channels, 3);
        double max = out.spec().maxSampleValue();
        int w = strip.width();
        for (int y = 0; y < strip.height(); y++) {
            int fy = oy + y;
            if (fy < 0 || fy >= out.height()) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int fx = ox + x;
                int argb = strip.argb()[y * w + x];
                int a = argb >>> 24;
                if (fx < 0 || fx >= out.width() || a == 0) {
                    continue;
                }
                double alpha = a / 255.0;
                double r = ((argb >> 16) & 0xFF) / 255.0;
                double gr = ((argb >> 8) & 0xFF) / 255.0;
                double bl = (argb & 0xFF) / 255.0;
                for (int c = 0; c < colour; c++) {
                    double v = colour == 1 ? 0.299 * r + 0.587 * gr + 0.114 * bl : (c == 0 ? r : c == 1 ? gr : bl);
                    double old = out.sample(fx, fy, c);
                    out.setSample(fx, fy, c, old * (1 - alpha) + v * max * alpha);
                }
            }
        }
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("annotate(").append(Args.quote(template))
                .append(", size=").append(Args.num(size))
                .append(", color=").append(Args.color(color))
                .append(", anchor=").append(anchor.name().toLowerCase());
        s.append(", x=").append(dx).append(", y=").append(dy);
        if (style != Style.PLAIN) {
            s.append(", style=").append(style.name().toLowerCase())
                    .append(", background=").append(Args.color(background));
        }
        if (!file.isEmpty()) {
            s.append(", file=").append(Args.quote(file));
        }
        if (origin != null) {
            s.append(", origin=").append(Args.quote(origin.toString()));
        }
        return s.append(')').toString();
    }
}
