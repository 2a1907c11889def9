package org.easimage.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The line put together from characters drawn once looks like the line Java2D draws whole: same strip size, the
 * same pixels but at the edges of strokes (each character lands on the whole pixel nearest its pen position).
 */
class TextPainterTest {

    private static final String[] TEXTS = {"0", "1234567", "frame 12 of 3000", "2024-03-01T11:59:59.123Z",
        "x.seq  #41 (ÀÉîõü) 1.234 s", "AVAWAy Ty fi fl", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"};

    @ParameterizedTest
    @EnumSource(Annotate.Style.class)
    void theLineFromCharactersLooksLikeTheLineDrawnWhole(Annotate.Style style) throws Exception {
        for (float size : new float[] {9, 16, 24, 61}) {
            TextPainter p = new TextPainter(size, Color.WHITE, new Color(20, 40, 200), style);
            for (String text : TEXTS) {
                TextPainter.Strip fast = p.paint(text);
                TextPainter.Strip whole = p.paintWhole(text);
                String what = style + " " + size + " px '" + text + "'";
                assertEquals(whole.width(), fast.width(), what);
                assertEquals(whole.height(), fast.height(), what);
                double sum = 0;
                int far = 0;
                for (int i = 0; i < whole.argb().length; i++) {
                    int d = distance(whole.argb()[i], fast.argb()[i]);
                    sum += d;
                    far += d > 160 ? 1 : 0;
                }
                double mean = sum / whole.argb().length;
                save(style + "-" + (int) size + "-" + Math.abs(text.hashCode()), whole, fast);
                assertTrue(mean < 12, what + ": mean difference " + mean);
                assertTrue(far <= whole.argb().length / 50, what + ": " + far + " pixels far apart");
            }
        }
    }

    @Test
    void otherScriptsAndMarksAreDrawnWhole() {
        TextPainter p = new TextPainter(20, Color.WHITE, Color.BLACK, Annotate.Style.OUTLINE);
        for (String text : new String[] {"Ωμέγα", "e\u0301", "tab\there", "\u00A0nbsp", "中文"}) {
            TextPainter.Strip a = p.paint(text);
            TextPainter.Strip b = p.paintWhole(text);
            assertEquals(b.width(), a.width(), text);
            assertTrue(java.util.Arrays.equals(a.argb(), b.argb()), text + " drawn whole");
        }
        // large text is drawn whole too: a painter keeps several drawings of each character's box
        TextPainter big = new TextPainter(TextPainter.MAX_COMPOSED_SIZE + 1, Color.WHITE, Color.BLACK,
                Annotate.Style.OUTLINE);
        assertTrue(java.util.Arrays.equals(big.paint("12").argb(), big.paintWhole("12").argb()), "large text");
    }

    @Test
    void charactersAreDrawnOnce() throws Exception {
        TextPainter p = new TextPainter(20, Color.WHITE, Color.BLACK, Annotate.Style.OUTLINE);
        p.paint("0123456789");
        java.lang.reflect.Field f = TextPainter.class.getDeclaredField("glyphs");
        f.setAccessible(true);
        java.util.Map<?, ?> glyphs = (java.util.Map<?, ?>) f.get(p);
        assertEquals(10, glyphs.size());
        Object zero = glyphs.get('0');
        p.paint("9876543210 00");
        assertEquals(11, glyphs.size(), "the space is the one new character");
        assertSame(zero, glyphs.get('0'));
        // at most MAX_GLYPHS characters are kept; text with another one is drawn whole, and looks the same
        StringBuilder many = new StringBuilder();
        for (char c = 0x100; many.length() < TextPainter.MAX_GLYPHS; c++) {
            many.append(c);
        }
        p.paint(many.toString());
        assertEquals(TextPainter.MAX_GLYPHS, glyphs.size());
        TextPainter.Strip more = p.paint("0 \u00FF");
        assertTrue(java.util.Arrays.equals(more.argb(), p.paintWhole("0 \u00FF").argb()), "drawn whole");
        assertEquals(TextPainter.MAX_GLYPHS, glyphs.size());
    }

    /** Largest difference of the alpha-weighted colour components (0-255). */
    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int ca = ((a >> shift) & 0xFF) * (a >>> 24) / 255;
            int cb = ((b >> shift) & 0xFF) * (b >>> 24) / 255;
            d = Math.max(d, Math.abs(ca - cb));
        }
        return Math.max(d, Math.abs((a >>> 24) - (b >>> 24)));
    }

    /** Both strips one above the other, on gray, in target/text-painter (to look at). */
    private static void save(String name, TextPainter.Strip whole, TextPainter.Strip fast) throws Exception {
        Path dir = Path.of("target", "text-painter");
        Files.createDirectories(dir);
        int w = whole.width();
        int h = whole.height();
        BufferedImage img = new BufferedImage(w, 2 * h + 2, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, 2 * h + 2);
        BufferedImage a = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, w, h, whole.argb(), 0, w);
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        b.setRGB(0, 0, w, h, fast.argb(), 0, w);
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, 0, h + 2, null);
        g.dispose();
        int zoom = Math.max(1, 240 / Math.max(w, 2 * h));
        BufferedImage big = new BufferedImage(w * zoom, (2 * h + 2) * zoom, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D gb = big.createGraphics();
        gb.drawImage(img, 0, 0, w * zoom, (2 * h + 2) * zoom, null);
        gb.dispose();
        ImageIO.write(big, "png", dir.resolve(name + ".png").toFile());
    }
}
