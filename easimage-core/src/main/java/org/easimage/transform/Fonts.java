package org.easimage.transform;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The DejaVu Sans fonts, loaded once from the class path (the command line ships them, in
 * {@code net.sf.jasperreports:jasperreports-fonts}): text drawn on frames, titles and charts then looks the same on
 * every machine, headless ones included, whatever fonts the system has. Without that jar, the JDK's logical
 * sans-serif font, so easimage-core needs no font dependency.
 */
public final class Fonts {

    private static final String DIR = "/net/sf/jasperreports/fonts/dejavu/";
    private static final Font SANS = load("DejaVuSans.ttf", Font.PLAIN);
    private static final Font SANS_BOLD = load("DejaVuSans-Bold.ttf", Font.BOLD);

    private Fonts() {
    }

    /** DejaVu Sans at {@code size} pixels. */
    public static Font sans(float size) {
        return SANS.deriveFont(size);
    }

    /** DejaVu Sans Bold at {@code size} pixels. */
    public static Font sansBold(float size) {
        return SANS_BOLD.deriveFont(size);
    }

    private static Font load(String name, int fallbackStyle) {
        String res = DIR + name;
        try (InputStream in = Fonts.class.getResourceAsStream(res)) {
            if (in == null) {
                return new Font(Font.SANS_SERIF, fallbackStyle, 16);
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled font " + res, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font " + res + " is not a valid TrueType font", e);
        }
    }
}
