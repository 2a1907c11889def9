package org.easimage.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Gray (luma) output against luma computed from the RGB output, for full and limited range sources. */
class VideoPixelTest {

    private static final VideoFormat FORMAT = new VideoFormat();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"video/pims_bulk-water.mov", "video/realshort.mp4", "video/dynamix_sample.avi"})
    void grayIsTrueFullRangeLuma(String name) throws Exception {
        Path file = SharedData.file(name);
        ReadOptions gray = ReadOptions.defaults().with(VideoReadOptions.defaults().withOutput(VideoReadOptions.Output.GRAY));
        try (SequenceReader rgb = FORMAT.open(file, ReadOptions.defaults()); SequenceReader g = FORMAT.open(file, gray)) {
            assertEquals(PixelType.GRAY8, g.spec().pixelType());
            int i = rgb.frameCount() / 2;
            Frame c = rgb.read(i);
            Frame y = g.read(i);
            double sum = 0;
            int n = 0;
            for (int yy = 0; yy < c.height(); yy += 3) {
                for (int x = 0; x < c.width(); x += 3) {
                    double luma = 0.299 * c.sample(x, yy, 0) + 0.587 * c.sample(x, yy, 1) + 0.114 * c.sample(x, yy, 2);
                    sum += Math.abs(luma - y.sample(x, yy, 0));
                    n++;
                }
            }
            assertTrue(sum / n < 2.5, name + ": mean |luma(RGB) - gray| = " + sum / n);
        }
    }

    @Test
    void tenBitYuvDecodesToRgb48WithTenSignificantBits() throws Exception {
        FrameSpec spec = new FrameSpec(64, 48, PixelType.RGB48);
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Frame f = Frames.allocate(spec, k);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    f.setSample(x, y, 0, x * 1000);
                    f.setSample(x, y, 1, y * 1300);
                    f.setSample(x, y, 2, 30000);
                }
            }
            frames.add(f);
        }
        Path p = dir.resolve("ten.mkv");
        WriteOptions wo = WriteOptions.defaults().with(VideoWriteOptions.defaults().withPixelFormat("yuv444p10le"));
        try (SequenceWriter w = FORMAT.create(p, wo)) {
            for (Frame f : frames) {
                w.write(f);
            }
            w.finish();
        }
        try (SequenceReader r = FORMAT.open(p, ReadOptions.defaults())) {
            assertEquals(new FrameSpec(64, 48, PixelType.RGB48, 10), r.spec());
            Frame back = r.read(1);
            for (int x = 0; x < 64; x += 7) {
                double want = x * 1000 / 64.0;
                assertEquals(want, back.sample(x, 20, 0), 6, "red at x=" + x);
            }
        }
    }
}
