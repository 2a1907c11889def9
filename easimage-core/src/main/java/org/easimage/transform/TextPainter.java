package org.easimage.transform;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Draws one line of text, anti-aliased in DejaVu Sans, into an ARGB strip (not premultiplied) in the look
 * {@link Annotate} documents: the text alone, on a box, or with an outline 1/12 of its size.
 *
 * <p>Text of Latin letters, digits and punctuation is put together from characters drawn once each (Java2D lays
 * such text out as the sum of the characters' advances: no kerning, no ligatures unless asked for). Stroking the
 * text's outline anew on every frame, as Java2D does, cost more CPU than the rest of the drawing and a second or
 * more of compilation on a chain of 2240 frames; the characters of a frame number repeat from frame to frame.
 * Each character lands on the whole pixel nearest to its pen position, as Java2D places the glyph images of
 * anti-aliased text, and all outlines go under all fills, as when the line is stroked and filled whole. Any other
 * text (other scripts, combining marks, characters the font lacks) is drawn whole by Java2D, every time.
 */
final class TextPainter {

    /** A drawn line: {@code width * height} ARGB pixels, row by row. */
    record Strip(int[] argb, int width, int height) {
    }

    /**
     * One character: its layout, advance and visual bounds from the pen (baseline origin), and its coverage drawn
     * at each of {@link #PHASES} horizontal sub-pixel positions of the pen, drawn when first needed, in a box whose
     * top-left corner is at ({@code x0}, {@code y0}) from the pen's whole pixel.
     */
    private record Glyph(TextLayout layout, float advance, Rectangle2D bounds, int x0, int y0, int w, int h,
            Coverage[] drawn) {
    }

    /** Fill and outline (null without one) coverage, 0-255, {@code w * h} row by row. */
    private record Coverage(byte[] fill, byte[] outline) {
    }

    /**
     * Sub-pixel positions of the pen: a character is drawn where its pen is, to within 1/16 pixel, as when the line
     * is drawn whole (Java2D rounds the position of each anti-aliased glyph image, from its exact pen, and strokes
     * outlines exactly; a character drawn at the pen's whole pixel instead came out up to a pixel off).
     */
    private static final int PHASES = 8;

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /**
     * The largest text, in pixels, put together from characters: each keeps up to {@link #PHASES} drawings of its
     * box (about 0.3 MB per character at this size), and larger text is rare enough to be drawn whole.
     */
    static final float MAX_COMPOSED_SIZE = 128;

    /** The most characters one painter keeps; a text with yet another one is drawn whole. */
    static final int MAX_GLYPHS = 256;

    private final float size;
    private final Color color;
    private final Color background;
    private final Annotate.Style style;
    private final Map<Character, Glyph> glyphs = new ConcurrentHashMap<>();
    private volatile TextLayout metrics;

    TextPainter(float size, Color color, Color background, Annotate.Style style) {
        this.size = size;
        this.color = color;
        this.background = background;
        this.style = style;
    }

    private int pad() {
        return style == Annotate.Style.PLAIN ? 1 : Math.max(2, Math.round(size / 6));
    }

    private float strokeWidth() {
        return Math.max(1f, size / 12f);
    }

    /** {@code text} (not empty) drawn into a strip just large enough, plus the style's padding. */
    Strip paint(String text) {
        if (size > MAX_COMPOSED_SIZE) {
            return paintWhole(text);
        }
        Glyph[] line = new Glyph[text.length()];
        float[] pen = new float[text.length()];
        Rectangle2D bounds = null;
        float x = 0;
        for (int i = 0; i < line.length; i++) {
            char c = text.charAt(i);
            line[i] = glyphs.get(c);
            if (line[i] == null) {
                if (!simple(c) || glyphs.size() >= MAX_GLYPHS) {
                    return paintWhole(text);
                }
                line[i] = glyphs.computeIfAbsent(c, this::draw);
            }
            pen[i] = x;
            Rectangle2D b = line[i].bounds();
            if (!b.isEmpty()) {
                Rectangle2D at = new Rectangle2D.Double(b.getX() + x, b.getY(), b.getWidth(), b.getHeight());
                bounds = bounds == null ? at : bounds.createUnion(at);
            }
            x += line[i].advance();
        }
        if (bounds == null) { // only spaces: whatever Java2D makes of them
            return paintWhole(text);
        }
        TextLayout metrics = metrics();
        int pad = pad();
        int w = (int) Math.ceil(bounds.getWidth()) + 2 * pad;
        int h = (int) Math.ceil(metrics.getAscent() + metrics.getDescent()) + 2 * pad;
        double originX = pad - bounds.getX();
        float y = pad + metrics.getAscent();
        int baseline = Math.round(y);
        byte[] outline = style == Annotate.Style.OUTLINE ? new byte[w * h] : null;
        byte[] fill = new byte[w * h];
        for (int i = 0; i < line.length; i++) {
            Glyph g = line[i];
            double at = originX + pen[i];
            int gx = (int) Math.floor(at + 0.5) + g.x0();
            int gy = baseline + g.y0();
            int phase = Math.min(PHASES - 1, (int) ((at + 0.5 - Math.floor(at + 0.5)) * PHASES));
            Coverage c = coverage(g, phase, y - baseline);
            if (outline != null) {
                over(outline, w, h, c.outline(), g.w(), g.h(), gx, gy);
            }
            over(fill, w, h, c.fill(), g.w(), g.h(), gx, gy);
        }
        int[] argb = new int[w * h];
        if (style == Annotate.Style.BOX) {
            java.util.Arrays.fill(argb, background.getRGB());
        }
        if (outline != null) {
            paintOver(argb, outline, background);
        }
        paintOver(argb, fill, color);
        return new Strip(argb, w, h);
    }

    /** {@code text} drawn whole by Java2D. */
    Strip paintWhole(String text) {
        TextLayout layout = new TextLayout(text, Fonts.sans(size), FRC);
        Rectangle2D b = layout.getBounds();
        int pad = pad();
        int w = (int) Math.ceil(b.getWidth()) + 2 * pad;
        int h = (int) Math.ceil(layout.getAscent() + layout.getDescent()) + 2 * pad;
        float x = (float) (pad - b.getX());
        float y = pad + layout.getAscent();
        BufferedImage strip = render(w, h, g -> {
            if (style == Annotate.Style.BOX) {
                g.setColor(background);
                g.fillRect(0, 0, w, h);
            } else if (style == Annotate.Style.OUTLINE) {
                g.setColor(background);
                stroke(g, layout, x, y);
            }
            g.setColor(color);
            layout.draw(g, x, y);
        });
        return new Strip(strip.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /**
     * Latin letters, digits, punctuation and symbols the font has, and the space: laid out as the sum of their
     * advances. Not control characters, other spaces, combining marks or other scripts.
     */
    private boolean simple(char c) {
        boolean latin = c == ' ' || c > 0x20 && c < 0x250 && (c < 0x7F || c > 0xA0);
        return latin && Fonts.sans(size).canDisplay(c);
    }

    /** A layout of one digit, for the line's ascent and descent (the font's: the same for every text). */
    private TextLayout metrics() {
        TextLayout m = metrics;
        if (m == null) {
            m = new TextLayout("0", Fonts.sans(size), FRC);
            metrics = m;
        }
        return m;
    }

    private Glyph draw(char c) {
        TextLayout layout = new TextLayout(String.valueOf(c), Fonts.sans(size), FRC);
        Rectangle2D b = layout.getBounds();
        int margin = (int) Math.ceil(strokeWidth() / 2) + 2;
        int x0 = (int) Math.floor(b.getX()) - margin;
        int y0 = (int) Math.floor(b.getY()) - margin;
        int w = (int) Math.ceil(b.getMaxX()) + margin - x0;
        int h = (int) Math.ceil(b.getMaxY()) + margin - y0;
        return new Glyph(layout, layout.getAdvance(), b, x0, y0, w, h, new Coverage[PHASES]);
    }

    /**
     * {@code g} drawn with its pen ({@code phase} + 1/2) / {@link #PHASES} - 1/2 of a pixel right of the pen's whole
     * pixel, and {@code dy} below the whole-pixel baseline (the same for every character of a painter).
     */
    private Coverage coverage(Glyph g, int phase, float dy) {
        Coverage c = g.drawn()[phase];
        if (c == null) {
            float x = -g.x0() + (phase + 0.5f) / PHASES - 0.5f;
            float y = -g.y0() + dy;
            byte[] fill = alpha(render(g.w(), g.h(), gr -> {
                gr.setColor(Color.WHITE);
                g.layout().draw(gr, x, y);
            }));
            byte[] outline = style != Annotate.Style.OUTLINE ? null : alpha(render(g.w(), g.h(), gr -> {
                gr.setColor(Color.WHITE);
                stroke(gr, g.layout(), x, y);
            }));
            c = new Coverage(fill, outline);
            g.drawn()[phase] = c; // a race draws it twice, the same
        }
        return c;
    }

    private void stroke(Graphics2D g, TextLayout layout, float x, float y) {
        g.setStroke(new BasicStroke(strokeWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.translate(x, y);
        g.draw(layout.getOutline(null));
        g.translate(-x, -y);
    }

    private static BufferedImage render(int w, int h, Consumer<Graphics2D> drawing) {
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            drawing.accept(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static byte[] alpha(BufferedImage img) {
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        byte[] a = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            a[i] = (byte) (px[i] >>> 24);
        }
        return a;
    }

    /** Coverage {@code src} (w x h at gx, gy) over coverage {@code dst}, clipped: a + b - ab. */
    private static void over(byte[] dst, int dw, int dh, byte[] src, int w, int h, int gx, int gy) {
        for (int y = Math.max(0, -gy); y < h && gy + y < dh; y++) {
            for (int x = Math.max(0, -gx); x < w && gx + x < dw; x++) {
                int s = src[y * w + x] & 0xFF;
                if (s != 0) {
                    int i = (gy + y) * dw + gx + x;
                    int d = dst[i] & 0xFF;
                    dst[i] = (byte) (s + d - (s * d + 127) / 255);
                }
            }
        }
    }

    /** {@code colour} at {@code coverage} over the ARGB pixels (source-over, not premultiplied). */
    private static void paintOver(int[] argb, byte[] coverage, Color colour) {
        int rgb = colour.getRGB();
        double ca = colour.getAlpha() / 255.0;
        for (int i = 0; i < argb.length; i++) {
            int c = coverage[i] & 0xFF;
            if (c == 0) {
                continue;
            }
            double sa = c / 255.0 * ca;
            int d = argb[i];
            double da = (d >>> 24) / 255.0;
            double oa = sa + da * (1 - sa);
            int o = (int) Math.round(oa * 255) << 24;
            for (int shift = 16; shift >= 0; shift -= 8) {
                double sc = (rgb >> shift) & 0xFF;
                double dc = (d >> shift) & 0xFF;
                o |= (int) Math.round((sc * sa + dc * da * (1 - sa)) / oa) << shift;
            }
            argb[i] = o;
        }
    }
}
