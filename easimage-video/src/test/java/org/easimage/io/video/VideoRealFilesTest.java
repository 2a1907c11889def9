package org.easimage.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.easimage.frame.Frame;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample video: documented count and size, and random access equal to a sequential decode. (The whole reader
 * contract runs on the smaller ones in {@link VideoFormatContractsTest}.)
 */
class VideoRealFilesTest {

    private static final VideoFormat FORMAT = new VideoFormat();

    static SequenceReader open(Path p) throws Exception {
        return FORMAT.open(p, ReadOptions.defaults());
    }

    @ParameterizedTest
    @CsvSource({
        "video/cockatoo.mp4, 280, 1280, 720",
        "video/cockatoo_yuv420.mp4, 280, 1280, 720",
        "video/realshort.mp4, 36, 320, 240",
        "video/dynamix_sample.avi, 150, 145, 951",
        "video/test.webm, 94, 640, 480",
        "video/pims_bulk-water.mov, 480, 640, 424"})
    void countSizeAndRandomAccessMatchSequentialDecode(String name, int count, int width, int height)
            throws Exception {
        Path file = SharedData.file(name);
        List<Long> crcs = new ArrayList<>();
        try (SequenceReader r = open(file)) {
            assertEquals(count, r.frameCount(), "frame count from the index");
            assertEquals(width, r.spec().width());
            assertEquals(height, r.spec().height());
            assertEquals(PixelType.RGB24, r.spec().pixelType());
            for (Frame f : r) {
                assertEquals(crcs.size(), f.index());
                assertEquals(r.timestamp(f.index()), f.timestamp());
                crcs.add(Frames.crc32(f));
            }
        }
        assertEquals(count, crcs.size(), "a sequential decode yields the indexed frames");
        Random rnd = new Random(name.hashCode());
        try (SequenceReader r = open(file)) {
            for (int k = 0; k < 20; k++) {
                int i = rnd.nextInt(count);
                assertEquals(crcs.get(i), Frames.crc32(r.read(i)), name + " frame " + i + " after random access");
            }
            assertEquals(crcs.get(count - 1), Frames.crc32(r.read(count - 1)));
            assertEquals(crcs.get(0), Frames.crc32(r.read(0)));
        }
    }

    @Test
    void exactRationalFrameRates() throws Exception {
        try (SequenceReader r = open(SharedData.file("video/realshort.mp4"))) {
            assertEquals(Rational.of(45000, 1499), r.info().frameRate().orElseThrow());
        }
        try (SequenceReader r = open(SharedData.file("video/pims_bulk-water.mov"))) {
            assertEquals(Rational.of(24000, 1001), r.info().frameRate().orElseThrow());
            assertEquals("yuvj420p", r.info().metadata().asMap().get("pixelFormat"));
        }
    }

    @Test
    void testWebmHasNoContainerCountButIndexGivesIt() throws Exception {
        try (SequenceReader r = open(SharedData.file("video/test.webm"))) {
            assertEquals(94, r.frameCount());
            assertEquals("index", r.info().metadata().asMap().get("frameCountSource"));
            // Matroska times are milliseconds; test.webm states no start time, so no timestamp (never 1970)
            assertEquals(java.time.Duration.ZERO, r.time(0).orElseThrow());
            assertTrue(r.time(93).orElseThrow().compareTo(java.time.Duration.ofSeconds(3)) > 0);
            assertEquals(java.util.Optional.empty(), r.timestamp(93));
        }
    }
}
