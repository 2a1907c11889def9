package org.easimage.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FrameTest {

    /** The written-out equals and hashCode mean what the records' own did: every component, and nothing else. */
    @Test
    void specsAreEqualExactlyWhenEveryComponentIs() {
        YuvEncoding full709 = new YuvEncoding(YuvEncoding.Matrix.BT709, true);
        FrameSpec base = new FrameSpec(64, 48, PixelType.YUV420P, 8, full709);
        FrameSpec same = new FrameSpec(64, 48, PixelType.YUV420P, 8, new YuvEncoding(YuvEncoding.Matrix.BT709, true));
        assertEquals(base, same);
        assertEquals(base.hashCode(), same.hashCode());
        FrameSpec[] others = {new FrameSpec(65, 48, PixelType.YUV420P, 8, full709),
            new FrameSpec(64, 49, PixelType.YUV420P, 8, full709), new FrameSpec(64, 48, PixelType.YUV444P, 8, full709),
            new FrameSpec(64, 48, PixelType.YUV420P, 8, YuvEncoding.BT601_LIMITED),
            new FrameSpec(64, 48, PixelType.YUV420P, 8, new YuvEncoding(YuvEncoding.Matrix.BT709, false)),
            new FrameSpec(64, 48, PixelType.GRAY16, 12, null)};
        for (FrameSpec o : others) {
            assertFalse(base.equals(o) || o.equals(base), o.toString());
        }
        assertFalse(new FrameSpec(8, 8, PixelType.GRAY16, 12, null).equals(new FrameSpec(8, 8, PixelType.GRAY16, 16,
                null)), "significant bits count");
        assertEquals(FrameSpec.of(8, 8, PixelType.GRAY8), FrameSpec.of(8, 8, PixelType.GRAY8));
        assertFalse(base.equals(null) || base.equals("64x48"));
        assertTrue(java.util.Set.of(base).contains(same));
    }

    @Test
    void specRejectsBadSizesBeforeAllocating() {
        assertThrows(IllegalArgumentException.class, () -> FrameSpec.of(0, 10, PixelType.GRAY8));
        assertThrows(IllegalArgumentException.class, () -> FrameSpec.of(10, -1, PixelType.GRAY8));
        assertThrows(IllegalArgumentException.class, () -> FrameSpec.of(Integer.MAX_VALUE, Integer.MAX_VALUE,
                PixelType.RGB48));
        assertThrows(IllegalArgumentException.class, () -> new FrameSpec(4, 4, PixelType.GRAY8, 9));
        assertEquals(145 * 951 * 6, FrameSpec.of(145, 951, PixelType.RGB48).frameBytes());
        assertEquals("64x64 GRAY16 (12-bit)", new FrameSpec(64, 64, PixelType.GRAY16, 12).toString());
    }

    @Test
    void samplesSaturate() {
        Frame f = Frames.allocateDirect(FrameSpec.of(3, 2, PixelType.GRAY16), 0);
        f.setSample(2, 1, 0, 70000);
        assertEquals(65535, f.sample(2, 1, 0));
        f.setSample(0, 0, 0, -5);
        assertEquals(0, f.sample(0, 0, 0));
        assertTrue(f.isDirect());
    }

    @Test
    void bufferedImageRoundTripsEveryType() {
        for (PixelType t : PixelType.values()) {
            if (t.isPlanar()) {
                continue; // planar Y'CbCr has no BufferedImage form (planarFramesAddressEachPlane covers it)
            }
            FrameSpec s = FrameSpec.of(7, 5, t);
            Frame f = Frames.allocate(s);
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 7; x++) {
                    for (int c = 0; c < t.channels(); c++) {
                        f.setSample(x, y, c, t.sampleType() == SampleType.F32 ? (x + y + c) / 20.0 : (x * 37 + y * 11 + c * 5));
                    }
                }
            }
            BufferedImage img = Frames.toBufferedImage(f);
            Frame back = Frames.fromBufferedImage(img);
            assertEquals(t, back.pixelType(), "type after round trip of " + t);
            assertTrue(f.pixelsEqual(back), "pixels after round trip of " + t);
        }
    }

    @Test
    void planarFramesAddressEachPlane() {
        // 7x5 4:2:0: a 35-byte Y plane, then Cb and Cr planes of 4x3 (sizes rounded up)
        FrameSpec s = FrameSpec.of(7, 5, PixelType.YUV420P);
        assertEquals(35 + 2 * 12, s.frameBytes());
        assertEquals(4, s.planeWidth(1));
        assertEquals(3, s.planeHeight(2));
        assertEquals(35 + 12, s.planeOffset(2));
        assertEquals(org.easimage.frame.YuvEncoding.BT601_LIMITED, s.yuv());
        Frame f = Frames.allocate(s);
        f.setSample(6, 4, 0, 200);
        f.setSample(6, 4, 1, 100);
        f.setSample(5, 3, 2, 50);
        assertEquals(200, f.sample(6, 4, 0));
        assertEquals(200, f.buffer().get(34) & 0xFF);
        assertEquals(100, f.buffer().get(35 + 2 * 4 + 3) & 0xFF, "Cb of (6, 4) is chroma sample (3, 2)");
        assertEquals(50, f.sample(4, 2, 2), "(4, 2) shares its Cr sample (2, 1) with (5, 3)");
        assertEquals(70 * 50 + 2 * 35 * 50, FrameSpec.of(70, 50, PixelType.YUV422P).frameBytes());
        assertEquals(3 * 70 * 50, FrameSpec.of(70, 50, PixelType.YUV444P).frameBytes());
        assertEquals(PixelType.RGB24, PixelType.of(3, SampleType.U8), "packed types first");
        assertThrows(IllegalStateException.class, PixelType.YUV420P::bytesPerPixel);
        assertThrows(IllegalArgumentException.class, () -> Frames.toBufferedImage(f));
        FrameSpec full = FrameSpec.planar(8, 8, PixelType.YUV444P,
                new YuvEncoding(YuvEncoding.Matrix.BT709, true));
        assertEquals(full.yuv(), full.withSize(4, 2).yuv());
        assertFalse(full.sameLayout(FrameSpec.of(8, 8, PixelType.YUV444P)), "another encoding is another layout");
        assertNull(FrameSpec.of(8, 8, PixelType.RGB24).yuv());
    }
}
