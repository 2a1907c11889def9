package org.easimage.opencv;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.testing.SharedData;

/** Real frames from ../shared/data, read here without the io packages (the tests skip when data is absent). */
final class RealFrames {

    static final Instant T0 = Instant.parse("2024-03-01T12:00:00.123456Z");
    /** A time since the first frame that transforms must keep (as they keep the index and timestamp). */
    static final Duration TIME = Duration.ofNanos(2_000_033_367L);

    private RealFrames() {
    }

    /** An 8-bit gray PNG of the pims image sequence. */
    static Frame gray8() {
        try {
            BufferedImage img = ImageIO.read(SharedData.file("images/pims_image_sequence/T76S3F00001.png").toFile());
            assertNotNull(img);
            Frame f = Frames.fromBufferedImage(img, 7).withTime(TIME).withTimestamp(T0);
            if (f.spec().pixelType() != PixelType.GRAY8) {
                f = new ToGray().apply(f);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frame 1 of the DE Celeritas .seq: 256x128 16-bit little-endian samples at 8192 + i*73728. */
    static Frame gray16() {
        try {
            byte[] all = Files.readAllBytes(SharedData.file("seq/rsciio_de_celeritas_Movie_00785_Top.seq"));
            int w = 256;
            int h = 128;
            ByteBuffer src = ByteBuffer.wrap(all, 8192 + 73728, w * h * 2).order(ByteOrder.LITTLE_ENDIAN);
            short[] s = new short[w * h];
            src.asShortBuffer().get(s);
            return Frames.ofShorts(FrameSpec.of(w, h, PixelType.GRAY16), s, 1).withTime(TIME).withTimestamp(T0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frame 0 of newtonscradle.gif as RGB24. */
    static Frame rgb24() {
        try {
            BufferedImage img = ImageIO.read(SharedData.file("gif/newtonscradle.gif").toFile());
            Frame f = Frames.fromBufferedImage(img, 3).withTime(TIME).withTimestamp(T0);
            if (f.spec().pixelType() == PixelType.RGBA32) {
                Frame o = Frames.allocate(FrameSpec.of(f.width(), f.height(), PixelType.RGB24), 3).withTime(TIME).withTimestamp(T0);
                for (int y = 0; y < f.height(); y++) {
                    for (int x = 0; x < f.width(); x++) {
                        for (int c = 0; c < 3; c++) {
                            o.setSample(x, y, c, f.sample(x, y, c));
                        }
                    }
                }
                f = o;
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gray16 frame scaled to float 0..1, with a NaN at (0, 0). */
    static Frame gray32f() {
        Frame g = gray16();
        float[] v = new float[g.width() * g.height()];
        short[] s = Frames.toShorts(g);
        for (int i = 0; i < v.length; i++) {
            v[i] = (s[i] & 0xFFFF) / 65535f;
        }
        v[0] = Float.NaN;
        return Frames.ofFloats(FrameSpec.of(g.width(), g.height(), PixelType.GRAY32F), v, 2).withTime(TIME).withTimestamp(T0);
    }

    /** The RGB24 frame widened to 16 bits (v * 257). */
    static Frame rgb48() {
        Frame c = rgb24();
        byte[] b = Frames.toBytes(c);
        short[] s = new short[b.length];
        for (int i = 0; i < b.length; i++) {
            s[i] = (short) ((b[i] & 0xFF) * 257);
        }
        return Frames.ofShorts(FrameSpec.of(c.width(), c.height(), PixelType.RGB48), s, 4).withTime(TIME).withTimestamp(T0);
    }

    /** The RGB24 frame with an alpha channel of 200. */
    static Frame rgba32() {
        Frame c = rgb24();
        Frame o = Frames.allocate(FrameSpec.of(c.width(), c.height(), PixelType.RGBA32), 5).withTime(TIME).withTimestamp(T0);
        byte[] b = Frames.toBytes(c);
        java.nio.ByteBuffer out = o.buffer();
        for (int i = 0; i < b.length; i += 3) {
            out.put(b[i]).put(b[i + 1]).put(b[i + 2]).put((byte) 200);
        }
        return o;
    }

    /** A heap-backed copy (exercises the copying path of the OpenCV bridge). */
    static Frame heap(Frame f) {
        return Frames.wrap(f.spec(), Frames.toBytes(f)).withPositionOf(f);
    }
}
