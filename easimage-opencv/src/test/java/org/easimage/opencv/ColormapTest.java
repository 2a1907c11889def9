package org.easimage.opencv;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.easimage.transform.Percentiles;
import org.easimage.transform.colormap.ApplyColormap;
import org.easimage.transform.colormap.Blend;
import org.easimage.transform.colormap.BlendMode;
import org.easimage.transform.colormap.ChannelMerge;
import org.easimage.transform.colormap.Colormap;

class ColormapTest {

    static Frame gray8() throws Exception {
        BufferedImage img = ImageIO.read(SharedData.file("images/pims_image_sequence/T76S3F00001.png").toFile());
        return Frames.fromBufferedImage(img, 0);
    }

    @Test
    void eightBitMatchesOpenCvApplyColorMapInRgbOrder() throws Exception {
        Frame g = gray8();
        assertEquals(PixelType.GRAY8, g.pixelType());
        for (Colormap map : Colormap.values()) {
            if (map == Colormap.GRAY) {
                continue;
            }
            Frame out = ApplyColormap.range(map, 0, 255, false, Color.BLACK, null).apply(g);
            Mat src = new Mat(g.height(), g.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC1);
            src.data().capacity(g.spec().frameBytes()).put(Frames.toBytes(g));
            Mat bgr = new Mat();
            opencv_imgproc.applyColorMap(src, bgr, cvCode(map));
            byte[] e = new byte[out.spec().frameBytes()];
            bgr.data().capacity(e.length).get(e);
            byte[] a = Frames.toBytes(out);
            for (int i = 0; i < e.length; i += 3) {
                assertEquals(e[i + 2], a[i], map + " R");
                assertEquals(e[i + 1], a[i + 1], map + " G");
                assertEquals(e[i], a[i + 2], map + " B");
            }
        }
    }

    @Test
    void sixteenBitAndFloatMapThroughTheSameTable() {
        short[] s = {0, 1000, 2000, 3000, 4000, 5000};
        Frame g16 = Frames.ofShorts(FrameSpec.of(6, 1, PixelType.GRAY16), s, 0);
        Frame out = ApplyColormap.range(Colormap.VIRIDIS, 1000, 4000, false, Color.BLACK, Color.RED).apply(g16);
        byte[] table = Colormap.VIRIDIS.rgbTable();
        for (int x = 1; x <= 4; x++) {
            int k = Frames.saturate((s[x] - 1000) * 255.0 / 3000, 255);
            for (int c = 0; c < 3; c++) {
                assertEquals(table[3 * k + c] & 0xFF, out.sample(x, 0, c));
            }
        }
        assertEquals(255, out.sample(0, 0, 0), "below range: mask colour");
        assertEquals(0, out.sample(5, 0, 1));
        Frame rev = ApplyColormap.range(Colormap.VIRIDIS, 1000, 4000, true, Color.BLACK, null).apply(g16);
        for (int c = 0; c < 3; c++) {
            assertEquals(table[3 * 255 + c] & 0xFF, rev.sample(0, 0, c), "reversed and clipped");
        }
        Frame f = Frames.ofFloats(FrameSpec.of(3, 1, PixelType.GRAY32F), new float[] {Float.NaN, 0f, 1f}, 0);
        Frame fo = ApplyColormap.range(Colormap.GRAY, 0, 1, false, Color.BLUE, null).apply(f);
        assertEquals(255, fo.sample(0, 0, 2), "NaN colour");
        assertEquals(0, fo.sample(0, 0, 0));
        assertEquals(255, fo.sample(2, 0, 1));
    }

    @Test
    void mergeAddsAutoExposedChannels() throws Exception {
        Frame a = gray8();
        Frame b = new Flip(Flip.Axis.HORIZONTAL).apply(a);
        Frame m = ChannelMerge.merge(List.of(a, b));
        assertEquals(PixelType.RGB24, m.pixelType());
        double[] ra = org.easimage.transform.Percentiles.of(a, 1, 99);
        double[] rb = org.easimage.transform.Percentiles.of(b, 1, 99);
        for (int y = 0; y < a.height(); y += 6) {
            for (int x = 0; x < a.width(); x += 6) {
                double ea = Math.max(0, Math.min(1, (a.sample(x, y, 0) - ra[0]) / (ra[1] - ra[0])));
                double eb = Math.max(0, Math.min(1, (b.sample(x, y, 0) - rb[0]) / (rb[1] - rb[0])));
                assertEquals(Frames.saturate(eb * 255, 255), m.sample(x, y, 0), 1); // magenta R
                assertEquals(Frames.saturate(ea * 255, 255), m.sample(x, y, 1), 1); // lime G
                assertEquals(Frames.saturate(eb * 255, 255), m.sample(x, y, 2), 1); // magenta B
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ChannelMerge.merge(List.of(a, a, a, a, a)));
        assertEquals(4, ChannelMerge.defaultPalette(4).size());
    }

    static Frame rgb(int r, int g, int b) {
        Frame f = Frames.allocate(FrameSpec.of(1, 1, PixelType.RGB24));
        f.buffer().put((byte) r).put((byte) g).put((byte) b);
        return f;
    }

    static Frame rgba(int r, int g, int b, int a) {
        Frame f = Frames.allocate(FrameSpec.of(1, 1, PixelType.RGBA32));
        f.buffer().put((byte) r).put((byte) g).put((byte) b).put((byte) a);
        return f;
    }

    @Test
    void blendModesFollowTheirFormulasAndRgbStaysOpaque() {
        Frame base = rgb(200, 100, 50);
        Frame layer = rgb(100, 200, 250);
        for (BlendMode mode : BlendMode.values()) {
            Frame out = Blend.blend(base, layer, mode, 1.0);
            assertEquals(PixelType.RGB24, out.pixelType());
            for (int c = 0; c < 3; c++) {
                double a = base.sample(0, 0, c) / 255;
                double b = layer.sample(0, 0, c) / 255;
                assertEquals(Frames.saturate(mode.apply(a, b) * 255, 255), out.sample(0, 0, c), 1e-9, mode.name());
            }
        }
        assertEquals(200 * 100 / 255.0, Blend.blend(base, layer, BlendMode.MULTIPLY, 1).sample(0, 0, 0), 0.5);
        // half opacity: halfway between base and the mode's result
        Frame half = Blend.blend(base, layer, BlendMode.DIFFERENCE, 0.5);
        assertEquals(Frames.saturate(0.5 * 100 + 0.5 * 200, 255), half.sample(0, 0, 0));
        // RGBA: alpha kept from the base, a transparent layer changes nothing
        Frame ba = rgba(200, 100, 50, 255);
        Frame out = Blend.blend(ba, rgba(0, 0, 0, 0), BlendMode.MULTIPLY, 1);
        assertTrue(out.pixelsEqual(ba));
        Frame over = Blend.blend(rgba(0, 0, 0, 0), rgb(10, 20, 30), BlendMode.NORMAL, 1);
        assertEquals(255, over.sample(0, 0, 3), "an RGB layer is opaque");
        assertEquals(20, over.sample(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Blend.blend(base, layer, BlendMode.NORMAL, 1.5));
        assertNotNull(ByteBuffer.allocate(1));
    }

    /** OpenCV's code for each stored table: the tables in easimage-core were taken from these. */
    private static int cvCode(Colormap map) {
        return switch (map) {
            case VIRIDIS -> opencv_imgproc.COLORMAP_VIRIDIS;
            case MAGMA -> opencv_imgproc.COLORMAP_MAGMA;
            case INFERNO -> opencv_imgproc.COLORMAP_INFERNO;
            case PLASMA -> opencv_imgproc.COLORMAP_PLASMA;
            case CIVIDIS -> opencv_imgproc.COLORMAP_CIVIDIS;
            case TURBO -> opencv_imgproc.COLORMAP_TURBO;
            case JET -> opencv_imgproc.COLORMAP_JET;
            case HOT -> opencv_imgproc.COLORMAP_HOT;
            case GRAY -> throw new IllegalArgumentException("gray is the identity ramp");
        };
    }
}
