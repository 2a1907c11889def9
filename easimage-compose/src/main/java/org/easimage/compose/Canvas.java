package org.easimage.compose;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Java2D over easimage's RGB24 pixels: drawing text and shapes straight into a frame's bytes. */
final class Canvas {

    private Canvas() {
    }

    /** A Java2D image over {@code rgb} (width x height RGB24, no copy): what is drawn lands in the array. */
    static BufferedImage wrap(byte[] rgb, int width, int height) {
        DataBufferByte buffer = new DataBufferByte(rgb, width * height * 3);
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, width, height, 3,
                width * 3, new int[] {0, 1, 2});
        WritableRaster raster = Raster.createWritableRaster(sm, buffer, null);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    /** A graphics context with anti-aliased text and shapes. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /** Packed 0xRRGGBB pixels (TYPE_INT_RGB) to RGB24 bytes. */
    static void intRgbToBytes(int[] px, byte[] out) {
        for (int i = 0, o = 0; i < px.length; i++, o += 3) {
            int v = px[i];
            out[o] = (byte) (v >> 16);
            out[o + 1] = (byte) (v >> 8);
            out[o + 2] = (byte) v;
        }
    }

    /** Fills a rectangle of an RGB24 image with one colour. */
    static void fill(byte[] rgb, int width, int x, int y, int w, int h, Color c) {
        if (w <= 0 || h <= 0) {
            return;
        }
        byte r = (byte) c.getRed();
        byte g = (byte) c.getGreen();
        byte b = (byte) c.getBlue();
        int first = (y * width + x) * 3;
        for (int i = 0; i < w; i++) {
            rgb[first + 3 * i] = r;
            rgb[first + 3 * i + 1] = g;
            rgb[first + 3 * i + 2] = b;
        }
        for (int row = 1; row < h; row++) {
            System.arraycopy(rgb, first, rgb, first + row * width * 3, w * 3);
        }
    }

    /** A colour that reads on {@code background}: white on dark, black on light. */
    static Color textOn(Color background) {
        double luma = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luma < 128 ? Color.WHITE : Color.BLACK;
    }

    /**
     * Draws {@code text} centred in the box (x, y, w, h), shortened with an ellipsis when it does not fit its
     * width, vertically centred on the font's ascent and descent.
     */
    static void centred(Graphics2D g, String text, Font font, int x, int y, int w, int h) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String s = fit(text, fm, w - 4);
        int tw = fm.stringWidth(s);
        int baseline = y + (h - fm.getAscent() - fm.getDescent()) / 2 + fm.getAscent();
        g.drawString(s, x + (w - tw) / 2, baseline);
    }

    /** {@code text}, or its start followed by an ellipsis, within {@code width} pixels. */
    static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String ellipsis = "\u2026";
        int n = text.length();
        while (n > 0 && fm.stringWidth(text.substring(0, n) + ellipsis) > width) {
            n--;
        }
        return n == 0 ? "" : text.substring(0, n) + ellipsis;
    }
}
