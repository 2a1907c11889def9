package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.easimage.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw Motion JPEG stream ({@code .mjpeg}, {@code .mjpg}: JPEG images one after another, as IP cameras and
 * camera boards record) starts like one JPEG image. It was read as that one image: a 100-frame recording became one
 * frame without a word. It is a video: every frame is read.
 */
class MotionJpegStreamTest {

    @TempDir
    Path dir;

    @Test
    void everyFrameOfAMotionJpegStreamIsRead() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int k = 0; k < 5; k++) {
            BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 48; x++) {
                    img.setRGB(x, y, x < 8 * (k + 1) ? 0xFFFFFF : 0x000000); // a white bar growing by frame
                }
            }
            ImageIO.write(img, "jpg", stream);
        }
        for (String ext : new String[] {"mjpeg", "mjpg"}) {
            Path file = dir.resolve("camera." + ext);
            Files.write(file, stream.toByteArray());
            try (SequenceReader r = FormatRegistry.getDefault().open(file, ReadOptions.defaults())) {
                assertEquals("video", r.info().format(), ext);
                assertEquals(5, r.frameCount(), ext);
                for (int k = 0; k < 5; k++) {
                    Frame f = r.read(k);
                    int edge = 8 * (k + 1);
                    assertTrue(f.sample(edge - 2, 16, 0) > 200 && f.sample(edge + 2, 16, 0) < 50,
                            ext + ": frame " + k + " has its own bar");
                }
            }
        }
    }
}
