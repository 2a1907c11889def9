package org.easimage.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FrameTest {

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
}
