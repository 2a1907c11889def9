package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.*;
import static org.bytedeco.opencv.global.opencv_imgproc.*;
import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.time.Instant;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.junit.jupiter.api.Test;
import org.easimage.transform.Anchor;
import org.easimage.transform.Annotate;
import org.easimage.transform.DisplayRange;
import org.easimage.transform.Interpolation;
import org.easimage.frame.IntoTransform;
import org.easimage.transform.Percentiles;
import org.easimage.transform.RescaleTo8Bit;
import org.easimage.transform.TransformChain;
import org.easimage.transform.Transforms;

/** Each transform against an independent computation: OpenCV called here, or the definition in plain Java. */
class TransformCorrectnessTest {

    /** A Mat holding a copy of the frame (made here, independently of CvFrames). */
    static Mat mat(Frame f) {
        FrameSpec s = f.spec();
        int depth = switch (s.sampleType()) {
            case U8 -> CV_8U;
            case U16 -> CV_16U;
            case F32 -> CV_32F;
        };
        Mat m = new Mat(s.height(), s.width(), CV_MAKETYPE(depth, s.channels()));
        byte[] b = Frames.toBytes(f);
        m.data().capacity(b.length).put(b);
        return m;
    }

    static void assertSameAsMat(Mat expected, Frame actual) {
        assertEquals(expected.cols(), actual.width());
        assertEquals(expected.rows(), actual.height());
        byte[] e = new byte[actual.spec().frameBytes()];
        assertTrue(expected.isContinuous());
        expected.data().capacity(e.length).get(e);
        assertArrayEquals(e, Frames.toBytes(actual));
    }

    interface Op {
        void run(Mat s, Mat d);
    }

    static void checkAgainstOpenCv(FrameTransform t, Frame in, Op op) {
        try (Mat s = mat(in); Mat d = new Mat()) {
            op.run(s, d);
            assertSameAsMat(d, t.apply(in));
        }
    }

    @Test
    void claheMatchesOpenCvOn8And16Bit() {
        for (Frame in : new Frame[] {RealFrames.gray8(), RealFrames.gray16()}) {
            try (CLAHE c = createCLAHE(2.0, new Size(8, 8))) {
                checkAgainstOpenCv(CvTransforms.clahe(2.0, 8, 8), in, c::apply);
            }
        }
    }

    @Test
    void claheOnColourEqualisesLabLightness() {
        Frame in = RealFrames.rgb24();
        try (CLAHE c = createCLAHE(3.0, new Size(4, 4)); Mat s = mat(in); Mat lab = new Mat(); Mat out = new Mat()) {
            cvtColor(s, lab, COLOR_RGB2Lab);
            org.bytedeco.opencv.opencv_core.MatVector ch = new org.bytedeco.opencv.opencv_core.MatVector();
            split(lab, ch);
            Mat l = new Mat();
            c.apply(ch.get(0), l);
            ch.put(0, l);
            merge(ch, lab);
            cvtColor(lab, out, COLOR_Lab2RGB);
            assertSameAsMat(out, CvTransforms.clahe(3.0, 4, 4).apply(in));
        }
    }

    @Test
    void gaussianAndResizeAndFlipMatchOpenCv() {
        for (Frame in : new Frame[] {RealFrames.gray8(), RealFrames.gray16(), RealFrames.rgb24(), RealFrames.gray32f()}) {
            checkAgainstOpenCv(CvTransforms.gaussian(2), in, (s, d) -> GaussianBlur(s, d, new Size(0, 0), 2));
            FrameSpec o = CvTransforms.resize(0.5, Interpolation.AREA).outputSpec(in.spec());
            checkAgainstOpenCv(CvTransforms.resize(0.5, Interpolation.AREA), in,
                    (s, d) -> resize(s, d, new Size(o.width(), o.height()), 0, 0, INTER_AREA));
            checkAgainstOpenCv(CvTransforms.resize(300, 200, false, Interpolation.CUBIC), in,
                    (s, d) -> resize(s, d, new Size(300, 200), 0, 0, INTER_CUBIC));
            checkAgainstOpenCv(CvTransforms.flip(Flip.Axis.VERTICAL), in, (s, d) -> flip(s, d, 0));
            checkAgainstOpenCv(CvTransforms.sharpen(0.7, 2), in, (s, d) -> {
                Mat b = new Mat();
                GaussianBlur(s, b, new Size(0, 0), 2);
                addWeighted(s, 1.7, b, -0.7, 0, d);
            });
        }
    }

    @Test
    void geometryMatchesDefinitions() {
        Frame in = RealFrames.rgb24();
        Frame r = CvTransforms.rotate(90).apply(in);
        assertEquals(in.height(), r.width());
        for (int y = 0; y < r.height(); y += 7) {
            for (int x = 0; x < r.width(); x += 5) {
                for (int c = 0; c < 3; c++) {
                    // counter-clockwise: output (x, y) comes from input (W-1-y, x)
                    assertEquals(in.sample(in.width() - 1 - y, x, c), r.sample(x, y, c));
                }
            }
        }
        Frame g = RealFrames.gray16();
        Frame cropped = Transforms.crop(5, 6, 7, 8).apply(g);
        assertEquals(g.width() - 15, cropped.width());
        assertEquals(g.height() - 11, cropped.height());
        for (int y = 0; y < cropped.height(); y++) {
            for (int x = 0; x < cropped.width(); x++) {
                assertEquals(g.sample(x + 7, y + 5, 0), cropped.sample(x, y, 0));
            }
        }
        Frame padded = CvTransforms.pad(2, 3, 4, 5, Pad.Mode.CONSTANT, 1234).apply(g);
        assertEquals(g.width() + 9, padded.width());
        assertEquals(1234, padded.sample(0, 0, 0));
        assertEquals(g.sample(0, 0, 0), padded.sample(4, 2, 0));
        Frame reflected = CvTransforms.pad(2, 2, 2, 2, Pad.Mode.REFLECT, 0).apply(g);
        assertEquals(g.sample(2, 0, 0), reflected.sample(0, 2, 0), "reflect does not repeat the edge");
        Frame replicated = CvTransforms.pad(2, 2, 2, 2, Pad.Mode.REPLICATE, 0).apply(g);
        assertEquals(g.sample(0, 0, 0), replicated.sample(0, 0, 0));
        Frame hflip = CvTransforms.flip(Flip.Axis.HORIZONTAL).apply(g);
        assertEquals(g.sample(g.width() - 1, 3, 0), hflip.sample(0, 3, 0));
    }

    @Test
    void cropLeavingNothingIsRejected() {
        FrameSpec s = FrameSpec.of(100, 50, PixelType.GRAY8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.crop(25, 25, 0, 0).outputSpec(s));
        assertTrue(e.getMessage().contains("leave nothing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.cropRect(90, 0, 20, 10).outputSpec(s));
        assertThrows(IllegalArgumentException.class, () -> Transforms.crop(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CvTransforms.clahe(2, 8, 8)
                .outputSpec(FrameSpec.of(10, 10, PixelType.GRAY32F)));
    }

    @Test
    void pointOperationsFollowTheirDefinitionAndSaturate() {
        Frame g8 = RealFrames.gray8();
        Frame g16 = RealFrames.gray16();
        checkPoint(Transforms.contrast(1.5, -20), g8, v -> v * 1.5 - 20, 255);
        checkPoint(Transforms.contrast(3, 100), g8, v -> v * 3 + 100, 255);
        checkPoint(Transforms.brightness(-5000), g16, v -> v - 5000, 65535);
        checkPoint(Transforms.contrast(40, 0), g16, v -> v * 40, 65535);
        checkPoint(Transforms.gamma(0.5), g8, v -> 255 * Math.pow(v / 255, 0.5), 255);
        checkPoint(Transforms.gamma(2.2), g16, v -> 65535 * Math.pow(v / 65535, 2.2), 65535);
        checkPoint(Transforms.threshold(100), g8, v -> v > 100 ? 255 : 0, 255);

        // full-scale samples (the original crashed on 255) and wrap-around candidates
        Frame edge = Frames.wrap(FrameSpec.of(4, 1, PixelType.GRAY8), new byte[] {0, 1, (byte) 254, (byte) 255});
        assertArrayEquals(new byte[] {0, 16, (byte) 254, (byte) 255}, Frames.toBytes(Transforms.gamma(0.5).apply(edge)));
        assertArrayEquals(new byte[] {(byte) 100, (byte) 102, (byte) 255, (byte) 255},
                Frames.toBytes(Transforms.contrast(2, 100).apply(edge)));
        assertArrayEquals(new byte[] {0, 0, (byte) 154, (byte) 155}, Frames.toBytes(Transforms.brightness(-100).apply(edge)));
        Frame e16 = Frames.ofShorts(FrameSpec.of(3, 1, PixelType.GRAY16), new short[] {0, (short) 40000, (short) 65535}, 0);
        assertArrayEquals(new short[] {1000, (short) 65535, (short) 65535},
                Frames.toShorts(Transforms.contrast(2, 1000).apply(e16)));
        // a 12-bit frame saturates at 4095, not 65535
        Frame e12 = e16.withSpec(e16.spec().withSignificantBits(16));
        assertEquals(65535, Transforms.gamma(1.0).apply(e12).sample(2, 0, 0));
        Frame t12 = Frames.ofShorts(new FrameSpec(2, 1, PixelType.GRAY16, 12), new short[] {100, 4000}, 0);
        assertEquals(4095, Transforms.contrast(2, 0).apply(t12).sample(1, 0, 0));
    }

    private static void checkPoint(FrameTransform t, Frame in, java.util.function.DoubleUnaryOperator f, int max) {
        Frame out = t.apply(in);
        for (int y = 0; y < in.height(); y += 3) {
            for (int x = 0; x < in.width(); x += 3) {
                assertEquals(Frames.saturate(f.applyAsDouble(in.sample(x, y, 0)), max), out.sample(x, y, 0), 1e-9,
                        t.describe() + " at " + x + "," + y);
            }
        }
    }

    @Test
    void sharpenSaturatesInsteadOfWrapping() {
        byte[] px = new byte[16];
        for (int i = 0; i < 16; i++) {
            px[i] = (byte) (i % 4 < 2 ? 10 : 250);
        }
        Frame f = Frames.wrap(FrameSpec.of(4, 4, PixelType.GRAY8), px);
        Frame s = CvTransforms.sharpen(3, 1).apply(f);
        assertEquals(0, s.sample(1, 1, 0));
        assertEquals(255, s.sample(2, 1, 0));
    }

    @Test
    void rescaleAutoLevelsAndGrayFollowDefinitions() {
        Frame g16 = RealFrames.gray16();
        double[] p = Percentiles.of(g16, 1, 99);
        Frame r = Transforms.to8Bit(DisplayRange.perFrame()).apply(g16);
        assertEquals(PixelType.GRAY8, r.pixelType());
        for (int y = 0; y < g16.height(); y += 5) {
            for (int x = 0; x < g16.width(); x += 5) {
                assertEquals(Frames.saturate((g16.sample(x, y, 0) - p[0]) * 255 / (p[1] - p[0]), 255), r.sample(x, y, 0));
            }
        }
        // nearest-rank percentile in plain Java
        short[] sorted = Frames.toShorts(g16);
        int[] u = new int[sorted.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = sorted[i] & 0xFFFF;
        }
        java.util.Arrays.sort(u);
        assertEquals(u[(int) Math.ceil(0.99 * u.length) - 1], p[1]);

        Frame f = RealFrames.gray32f();
        Frame r8 = RescaleTo8Bit.range(0, 0.5, 77).apply(f);
        assertEquals(77, r8.sample(0, 0, 0), "NaN becomes the configured value");
        assertEquals(Frames.saturate(f.sample(5, 5, 0) * 510, 255), r8.sample(5, 5, 0));

        Frame g8 = RealFrames.gray8();
        double[] q = Percentiles.of(g8, 2, 97);
        checkPoint(Transforms.autoLevels(2, 3), g8, v -> (v - q[0]) * 255 / (q[1] - q[0]), 255);

        Frame rgb = RealFrames.rgb24();
        Frame gray = CvTransforms.toGray().apply(rgb);
        assertEquals(PixelType.GRAY8, gray.pixelType());
        for (int y = 0; y < rgb.height(); y += 4) {
            for (int x = 0; x < rgb.width(); x += 4) {
                double luma = 0.299 * rgb.sample(x, y, 0) + 0.587 * rgb.sample(x, y, 1) + 0.114 * rgb.sample(x, y, 2);
                assertEquals(luma, gray.sample(x, y, 0), 1.0);
            }
        }
        assertEquals(PixelType.GRAY16, CvTransforms.toGray().apply(RealFrames.rgb48()).pixelType());
    }

    @Test
    void flatFieldDividesByTheRenormalisedFlat() {
        Frame g16 = RealFrames.gray16();
        short[] flat = new short[g16.width() * g16.height()];
        for (int y = 0; y < g16.height(); y++) {
            for (int x = 0; x < g16.width(); x++) {
                flat[y * g16.width() + x] = (short) (x < g16.width() / 2 ? 100 : 300);
            }
        }
        Frame ff = Frames.ofShorts(g16.spec(), flat, 0);
        Frame out = CvTransforms.flatField(ff).apply(g16);
        for (int y = 0; y < g16.height(); y += 3) {
            for (int x = 0; x < g16.width(); x += 3) {
                double expected = g16.sample(x, y, 0) / (x < g16.width() / 2 ? 100.0 : 300.0) * 200.0;
                assertEquals(Frames.saturate(expected, 65535), out.sample(x, y, 0), 1.0);
            }
        }
    }

    @Test
    void annotateDrawsTextAtTheColoursValue() {
        Frame g16 = Frames.allocate(FrameSpec.of(200, 60, PixelType.GRAY16), 42).withTimestamp(Instant.parse("2024-01-02T03:04:05.5Z"));
        Annotate a = new Annotate("#{index} {time} {file}", 20, Color.WHITE, Color.BLACK, Anchor.TOP_LEFT, 0, 0,
                Annotate.Style.PLAIN, "x.seq", null);
        assertEquals("#42 2024-01-02T03:04:05.500Z x.seq", a.text(g16));
        // without an acquisition date: the time since the first frame, or says so; never a 1970 date
        Frame relative = g16.withTimestamp(null).withTime(java.time.Duration.ofMillis(1234));
        assertEquals("#42 1.234 s x.seq", a.text(relative));
        assertEquals("#42 no timestamp x.seq", a.text(relative.withTime(null)));
        Annotate elapsed = new Annotate("{elapsed}", 20, Color.WHITE, Color.BLACK, Anchor.TOP_LEFT, 0, 0,
                Annotate.Style.PLAIN, "", null);
        assertEquals("1.234", elapsed.text(relative), "without an origin: seconds since the first frame");
        assertEquals("", elapsed.text(relative.withTime(null)));
        Frame out = a.apply(g16);
        double max = 0;
        double sumRight = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 200; x++) {
                max = Math.max(max, out.sample(x, y, 0));
            }
        }
        assertEquals(65535, max, "white text is drawn at the 16-bit full scale");
        Frame rgb = Frames.allocate(FrameSpec.of(100, 40, PixelType.RGB24));
        Frame red = new Annotate("X", 30, Color.RED, Color.BLACK, Anchor.BOTTOM_RIGHT, 2, 2, Annotate.Style.PLAIN, "", null)
                .apply(rgb);
        boolean found = false;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                sumRight += red.sample(x, y, 0);
            }
            for (int x = 50; x < 100; x++) {
                found |= red.sample(x, y, 0) == 255 && red.sample(x, y, 1) == 0;
            }
        }
        assertTrue(found, "red text in the right half");
        assertEquals(0, sumRight, "nothing drawn in the left half");
    }

    @Test
    void openCvBridgeSharesDirectMemory() {
        Frame heap = RealFrames.gray8();
        Frame f = Frames.allocateDirect(heap.spec(), heap.index());
        f.buffer().put(heap.buffer());
        try (Mat m = CvFrames.wrap(f)) {
            assertEquals(new BytePointer(f.buffer()).address(), m.data().address());
        }
    }

    @Test
    void applyIntoAReusedOutputMatchesApply() {
        Frame in = RealFrames.gray16();
        for (String chain : new String[] {"gaussian(2)", "resize(0.5)", "clahe(2, 4x4)", "sharpen(1, 1)", "flip(v)", "pad(3)"}) {
            IntoTransform t = (IntoTransform) TransformChain.parseOne(chain);
            Frame expected = t.apply(in);
            Frame direct = Frames.allocateDirect(expected.spec(), 0);
            Frame heap = Frames.wrap(expected.spec(), new byte[expected.spec().frameBytes()]);
            for (Frame target : new Frame[] {direct, heap}) {
                Frame r = t.applyInto(in, target);
                assertTrue(r.pixelsEqual(expected), chain);
                assertTrue(target.pixelsEqual(expected), chain + " writes into the given frame");
                assertEquals(in.index(), r.index());
                assertEquals(in.time(), r.time());
                assertEquals(in.timestamp(), r.timestamp());
            }
            assertThrows(IllegalArgumentException.class,
                    () -> t.applyInto(in, Frames.allocate(FrameSpec.of(3, 3, PixelType.GRAY16))), chain);
        }
    }
}
