package org.easimage.transform;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
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
 * <p>The text is rendered anti-aliased with Java2D into a small ARGB strip and blended into a copy of the frame
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
        Font font = Fonts.sans(size);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        TextLayout layout = new TextLayout(text, font, frc);
        Rectangle2D b = layout.getBounds();
        int pad = style == Style.PLAIN ? 1 : Math.max(2, Math.round(size / 6));
        int w = (int) Math.ceil(b.getWidth()) + 2 * pad;
        int h = (int) Math.ceil(layout.getAscent() + layout.getDescent()) + 2 * pad;
        BufferedImage strip = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = strip.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            float x = (float) (pad - b.getX());
            float y = pad + layout.getAscent();
            if (style == Style.BOX) {
                g.setColor(background);
                g.fillRect(0, 0, w, h);
            } else if (style == Style.OUTLINE) {
                g.setColor(background);
                g.setStroke(new java.awt.BasicStroke(Math.max(1f, size / 12f), java.awt.BasicStroke.CAP_ROUND,
                        java.awt.BasicStroke.JOIN_ROUND));
                g.translate(x, y);
                g.draw(layout.getOutline(null));
                g.translate(-x, -y);
            }
            g.setColor(color);
            layout.draw(g, x, y);
        } finally {
            g.dispose();
        }
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
    private static void composite(Frame out, BufferedImage strip, int ox, int oy) {
        int channels = out.channels();
        int colour = Math.min(channels, 3);
        double max = out.spec().maxSampleValue();
        int w = strip.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < strip.getHeight(); y++) {
            int fy = oy + y;
            if (fy < 0 || fy >= out.height()) {
                continue;
            }
            strip.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int fx = ox + x;
                int argb = row[x];
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
