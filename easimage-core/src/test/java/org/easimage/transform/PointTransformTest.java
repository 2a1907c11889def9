package org.easimage.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PointTransform} against its definition, sample by sample: every sample through the table of its mapping,
 * alpha kept. Sizes from one pixel to frames of several blocks (the transform works a block at a time), odd and
 * prime, so block edges fall inside pixels and on alpha samples.
 */
class PointTransformTest {

    private static final int[][] SIZES = {{1, 1}, {3, 1}, {7, 5}, {101, 67}, {257, 31}, {640, 11}};

    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = {"GRAY8", "RGB24", "RGBA32", "GRAY16", "RGB48", "RGBA64"})
    void everySampleGoesThroughTheTableAndAlphaIsKept(PixelType type) {
        ContrastBrightness t = new ContrastBrightness(1.7, -20 * (type.sampleType().bytes() == 2 ? 256 : 1));
        Random rnd = new Random(type.ordinal());
        for (int[] wh : SIZES) {
            FrameSpec spec = new FrameSpec(wh[0], wh[1], type);
            byte[] px = new byte[spec.frameBytes()];
            rnd.nextBytes(px);
            Frame in = Frames.wrap(spec, px);
            Frame out = t.applyInto(in, Frames.allocateDirect(spec, 0));
            boolean wide = type.sampleType().bytes() == 2;
            int max = wide ? 65535 : 255;
            short[] table = PointTransform.table(t.mapping(in, max), max, max);
            ByteBuffer a = in.buffer();
            ByteBuffer b = out.buffer();
            int channels = type.channels();
            for (int i = 0; i < spec.frameBytes() / (wide ? 2 : 1); i++) {
                int v = wide ? a.getShort(2 * i) & 0xFFFF : a.get(i) & 0xFF;
                int got = wide ? b.getShort(2 * i) & 0xFFFF : b.get(i) & 0xFF;
                int want = channels == 4 && i % 4 == 3 ? v : table[v] & max;
                assertEquals(want, got, type + " " + wh[0] + "x" + wh[1] + " sample " + i);
            }
        }
    }
}
