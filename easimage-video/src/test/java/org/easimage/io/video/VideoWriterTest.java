package org.easimage.io.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;
import org.easimage.testing.FrameDiff;
import org.easimage.testing.ReaderContract;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through the writer and the reader. */
class VideoWriterTest {

    private static final VideoFormat FORMAT = new VideoFormat();

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private WriteOptions options() {
        return WriteOptions.defaults().withWarnings(warnings::add);
    }

    static List<Frame> noise(FrameSpec spec, int n, long seed) {
        Random rnd = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        int max = (int) spec.maxSampleValue();
        for (int k = 0; k < n; k++) {
            Frame f = Frames.allocate(spec, k).withTime(Duration.ofMillis(40L * k));
            for (int y = 0; y < spec.height(); y++) {
                for (int x = 0; x < spec.width(); x++) {
                    for (int c = 0; c < spec.channels(); c++) {
                        f.setSample(x, y, c, rnd.nextInt(max + 1));
                    }
                }
            }
            frames.add(f);
        }
        return frames;
    }

    private Path write(String name, List<Frame> frames, WriteOptions o) throws Exception {
        Path p = dir.resolve(name);
        try (SequenceWriter w = FORMAT.create(p, o)) {
            for (Frame f : frames) {
                w.write(f);
            }
            w.finish();
        }
        return p;
    }

    private void assertLosslessRoundTrip(FrameSpec spec) throws Exception {
        List<Frame> frames = noise(spec, 5, spec.hashCode());
        Path p = write("rt-" + spec.width() + "x" + spec.height() + "-" + spec.pixelType() + "-"
                + spec.significantBits() + ".mkv", frames,
                options().withFrameRate(Rational.of(25)));
        try (SequenceReader r = FORMAT.open(p, ReadOptions.defaults())) {
            assertEquals(5, r.frameCount());
            assertEquals(spec, r.spec(), "spec incl. significant bits");
            assertEquals(Rational.of(25), r.info().frameRate().orElseThrow());
            for (int i : new int[] {3, 0, 4, 1, 2}) {
                Frame f = r.read(i);
                assertTrue(frames.get(i).pixelsEqual(f), spec + " frame " + i + " bit-exact");
                assertEquals(frames.get(i).time(), f.time(), "times carried");
                assertEquals(Optional.empty(), f.timestamp(), "no start stated, none invented");
            }
        }
    }

    /**
     * An encoder with frame threads holds the frames it is still coding; the writer reuses its input frames, and
     * must never write into one the encoder holds. Each frame here has its own flat colour, so a frame overwritten
     * by a later one comes back in that one's colour.
     */
    @Test
    void framesAnEncoderStillHoldsAreNeverOverwritten() throws Exception {
        FrameSpec spec = FrameSpec.of(96, 64, PixelType.RGB24);
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            Frame f = Frames.allocate(spec, k).withTime(Duration.ofMillis(40L * k));
            int[] rgb = {k * 10, 250 - k * 10, (k * 37) % 250};
            for (int y = 0; y < spec.height(); y++) {
                for (int x = 0; x < spec.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        f.setSample(x, y, c, rgb[c]);
                    }
                }
            }
            frames.add(f);
        }
        for (int threads : new int[] {1, 4}) {
            Path p = write("held-" + threads + ".avi", frames, options().withFrameRate(Rational.of(25))
                    .with(VideoWriteOptions.defaults().withEncoderThreads(threads)));
            try (SequenceReader r = FORMAT.open(p, ReadOptions.defaults())) {
                assertEquals(frames.size(), r.frameCount());
                for (int k = 0; k < frames.size(); k++) {
                    Frame back = r.read(k);
                    for (int c = 0; c < 3; c++) {
                        double expected = frames.get(k).sample(40, 30, c);
                        assertEquals(expected, back.sample(40, 30, c), 4, "frame " + k + " channel " + c
                                + " with " + threads + " encoder threads");
                    }
                }
            }
        }
    }

    @Test
    void ffv1RoundTripsAreBitExactIncludingOddSizes() throws Exception {
        assertLosslessRoundTrip(new FrameSpec(145, 951, PixelType.GRAY8));
        assertLosslessRoundTrip(new FrameSpec(33, 17, PixelType.GRAY16));
        assertLosslessRoundTrip(new FrameSpec(33, 17, PixelType.GRAY16, 12));
        assertLosslessRoundTrip(new FrameSpec(31, 19, PixelType.RGB24));
        assertLosslessRoundTrip(new FrameSpec(31, 19, PixelType.RGB48));
        // one pixel wide: FFV1 level 3 cannot slice such frames, so the writer uses level 1 (no slices)
        assertLosslessRoundTrip(new FrameSpec(1, 5, PixelType.GRAY8));
        assertLosslessRoundTrip(new FrameSpec(1, 2049, PixelType.RGB48));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void h264AtDefaultQualityKeepsRealFramesAbove40dB() throws Exception {
        List<Frame> src = new ArrayList<>();
        try (SequenceReader r = FORMAT.open(SharedData.file("video/pims_bulk-water.mov"), ReadOptions.defaults())) {
            for (int i = 0; i < 24; i++) {
                src.add(r.read(i));
            }
        }
        Path p = write("h264.mp4", src, options().withFrameRate(Rational.of(24000, 1001)));
        try (SequenceReader r = FORMAT.open(p, ReadOptions.defaults())) {
            assertEquals(24, r.frameCount());
            assertEquals(Rational.of(24000, 1001), r.info().frameRate().orElseThrow());
            assertEquals("h264", r.info().metadata().asMap().get("codec"));
            for (int i = 0; i < 24; i += 5) {
                double psnr = psnr(src.get(i), r.read(i));
                assertTrue(psnr >= 40, "frame " + i + " PSNR " + psnr);
            }
        }
    }

    /**
     * Gray frames of an odd size through H.264 (mp4, mkv) and MJPEG (avi): padded with a notice, and read back as
     * they were written (issue 18) — the size before padding and gray, from the tag the writer leaves — whether the
     * reader is asked for gray or left to choose; only an explicit RGB request gives colour (of the same size).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mp4", "mkv", "avi"})
    void grayOfAnOddSizeReadsBackAsItWasWritten(String ext) throws Exception {
        FrameSpec spec = new FrameSpec(145, 95, PixelType.GRAY8);
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Frame f = Frames.allocate(spec, k);
            for (int y = 0; y < spec.height(); y++) {
                for (int x = 0; x < spec.width(); x++) {
                    f.setSample(x, y, 0, (x * 2 + y + k * 10) % 256);
                }
            }
            frames.add(f);
        }
        WriteOptions wo = ext.equals("mkv") ? options().with(VideoWriteOptions.defaults().withCodec(VideoCodec.H264))
                : options(); // mp4: H.264, avi: MJPEG by default
        Path p = write("gray." + ext, frames, wo);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("padded to 146x96")), warnings.toString());
        for (VideoReadOptions.Output mode : VideoReadOptions.Output.values()) {
            ReadOptions ro = ReadOptions.defaults().with(VideoReadOptions.defaults().withOutput(mode));
            try (SequenceReader r = FORMAT.open(p, ro)) {
                PixelType want = mode == VideoReadOptions.Output.RGB ? PixelType.RGB24 : PixelType.GRAY8;
                assertEquals(new FrameSpec(145, 95, want), r.spec(), ext + " read as " + mode);
                assertEquals(Rational.of(30), r.info().frameRate().orElseThrow());
                for (int i : new int[] {1, 0, 2}) {
                    Frame back = r.read(i, i == 0 ? null : Frames.allocate(r.spec(), 0));
                    assertEquals(r.spec(), back.spec());
                    double se = 0;
                    for (int y = 0; y < spec.height(); y++) {
                        for (int x = 0; x < spec.width(); x++) {
                            double d = back.sample(x, y, 0) - frames.get(i).sample(x, y, 0);
                            se += d * d;
                        }
                    }
                    double psnr = 10 * Math.log10(255.0 * 255 / (se / (spec.width() * spec.height())));
                    assertTrue(psnr > (ext.equals("avi") ? 30 : 40), ext + " gray PSNR " + psnr);
                }
                ReaderContract.check(r);
            }
        }
    }

    /** Colour of an odd size through H.264 comes back at its own size, the padding cropped. */
    @Test
    void colourOfAnOddSizeIsCroppedBack() throws Exception {
        FrameSpec spec = new FrameSpec(37, 23, PixelType.RGB24);
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Frame f = Frames.allocate(spec, k);
            for (int y = 0; y < spec.height(); y++) {
                for (int x = 0; x < spec.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        f.setSample(x, y, c, (x * 5 + y * 3 + c * 60 + k * 7) % 256);
                    }
                }
            }
            frames.add(f);
        }
        Path p = write("rgb.mp4", frames, options());
        try (SequenceReader r = FORMAT.open(p, ReadOptions.defaults())) {
            assertEquals(spec, r.spec());
            assertEquals(spec, r.read(1).spec());
            ReaderContract.check(r);
        }
    }

    @Test
    void strictModeRefusesPadding() throws Exception {
        WriteOptions o = options().with(VideoWriteOptions.defaults().withStrict(true));
        Path p = dir.resolve("strict.mp4");
        try (SequenceWriter w = FORMAT.create(p, o)) {
            assertThrows(UnsupportedFormatException.class,
                    () -> w.write(Frames.allocate(new FrameSpec(15, 10, PixelType.RGB24))));
        }
        assertFalse(Files.exists(p));
    }

    @Test
    void missingEncoderIsATypedErrorNeverAFallback() throws Exception {
        WriteOptions o = options().with(VideoWriteOptions.defaults().withEncoderName("libnonexistent264"));
        Path p = dir.resolve("x.mp4");
        try (SequenceWriter w = FORMAT.create(p, o)) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> w.write(Frames.allocate(new FrameSpec(16, 16, PixelType.RGB24))));
            assertTrue(e.getMessage().contains("libnonexistent264"), e.getMessage());
        }
        assertFalse(Files.exists(p));
    }

    @Test
    void sixteenBitIntoH264IsRefused() throws Exception {
        try (SequenceWriter w = FORMAT.create(dir.resolve("w.mp4"), options())) {
            assertThrows(UnsupportedFormatException.class,
                    () -> w.write(Frames.allocate(new FrameSpec(16, 16, PixelType.GRAY16))));
        }
    }

    @Test
    void closeWithoutFinishLeavesNothing() throws Exception {
        Path p = dir.resolve("aborted.mkv");
        try (SequenceWriter w = FORMAT.create(p, options())) {
            for (Frame f : noise(new FrameSpec(8, 8, PixelType.GRAY8), 3, 1)) {
                w.write(f);
            }
        }
        assertFalse(Files.exists(p));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "temporary deleted");
        }
    }

    @Test
    void mjpegAviAndMpeg4AndCodecOptions() throws Exception {
        List<Frame> frames = noise(new FrameSpec(64, 48, PixelType.RGB24), 4, 7);
        Path avi = write("m.avi", frames, options());
        try (SequenceReader r = FORMAT.open(avi, ReadOptions.defaults())) {
            assertEquals(4, r.frameCount());
            assertEquals("mjpeg", r.info().metadata().asMap().get("codec"));
        }
        Path mp4 = write("m4.mp4", frames, options().with(VideoWriteOptions.defaults().withCodec(VideoCodec.MPEG4)
                .withKeyframeInterval(2)));
        try (SequenceReader r = FORMAT.open(mp4, ReadOptions.defaults())) {
            assertEquals(4, r.frameCount());
            assertEquals("mpeg4", r.info().metadata().asMap().get("codec"));
        }
    }

    /**
     * AVI keeps no presentation times, and FFmpeg's parser stamps only B-frames: frames of a codec that reorders
     * them are known by their order out of the decoder. The reader gave "frame 0 is missing" for every such file,
     * its own H.264 .avi included (x264 makes B-frames by default). Every frame, read in any order, must be the one
     * written at that place: moving frames, each closest to its own source frame, and the same bytes as a
     * sequential read.
     */
    @Test
    void aviWithBFramesIsReadFrameByFrameInPresentationOrder() throws Exception {
        FrameSpec spec = new FrameSpec(64, 48, PixelType.RGB24);
        List<Frame> src = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            Frame f = Frames.allocate(spec, k).withTime(Duration.ofMillis(40L * k));
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    int v = (int) (127 + 120 * Math.sin((x + 3 * k) / 6.0) * Math.cos((y - 2 * k) / 7.0));
                    f.setSample(x, y, 0, v);
                    f.setSample(x, y, 1, 255 - v);
                    f.setSample(x, y, 2, (x * 4 + k * 9) & 255);
                }
            }
            src.add(f);
        }
        for (VideoWriteOptions vo : List.of(VideoWriteOptions.defaults().withCodec(VideoCodec.H264),
                VideoWriteOptions.defaults().withCodec(VideoCodec.MPEG4).withKeyframeInterval(12)
                        .withExtraCodecOptions(java.util.Map.of("bf", "2")))) {
            Path avi = write("b-" + vo.codec() + ".avi", src, options().withFrameRate(Rational.of(25)).with(vo));
            List<byte[]> sequential = new ArrayList<>();
            try (SequenceReader r = FORMAT.open(avi, ReadOptions.defaults())) {
                assertEquals(src.size(), r.frameCount(), vo.codec().toString());
                for (int i = 0; i < r.frameCount(); i++) {
                    Frame f = r.read(i);
                    assertEquals(Optional.of(Duration.ofMillis(40L * i)), f.time(), vo.codec() + " frame " + i);
                    double own = psnr(f, src.get(i));
                    for (int j = Math.max(0, i - 3); j <= Math.min(src.size() - 1, i + 3); j++) {
                        if (j != i) {
                            assertTrue(own > psnr(f, src.get(j)) + 3, vo.codec() + ": frame " + i
                                    + " is closest to source frame " + i + " (" + own + " dB), not " + j);
                        }
                    }
                    sequential.add(Frames.toBytes(f));
                }
            }
            try (SequenceReader r = FORMAT.open(avi, ReadOptions.defaults())) {
                for (int i : new int[] {39, 0, 17, 3, 30, 29, 31, 10, 11, 38, 1}) {
                    assertArrayEquals(sequential.get(i), Frames.toBytes(r.read(i)), vo.codec() + " frame " + i);
                }
            }
        }
    }

    /**
     * In a video numbered by the decoder's output order, a packet the decoder rejects would shift every frame after
     * it by one: reading past it is a typed error, while the frames before it still read.
     */
    @Test
    void aRejectedPacketInANumberedVideoIsAnErrorNotAShiftedFrame() throws Exception {
        List<Frame> src = noise(new FrameSpec(64, 48, PixelType.RGB24), 40, 3);
        Path avi = write("n.avi", src, options().withFrameRate(Rational.of(25))
                .with(VideoWriteOptions.defaults().withCodec(VideoCodec.H264)));
        byte[] file = Files.readAllBytes(avi);
        byte[] before;
        try (SequenceReader r = FORMAT.open(avi, ReadOptions.defaults())) {
            before = Frames.toBytes(r.read(3));
        }
        // the payload of the 21st video chunk ("00dc") of the movi list, overwritten with 0xFF
        int at = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("movi") + 4;
        for (int n = 0; ; ) {
            String tag = new String(file, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int size = java.nio.ByteBuffer.wrap(file, at + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            if (tag.endsWith("dc") && n++ == 20) {
                java.util.Arrays.fill(file, at + 8, at + 8 + size, (byte) 0xFF);
                break;
            }
            at += 8 + size + (size & 1);
        }
        Path bad = dir.resolve("n-bad.avi");
        Files.write(bad, file);
        try (SequenceReader r = FORMAT.open(bad, ReadOptions.defaults())) {
            assertArrayEquals(before, Frames.toBytes(r.read(3)), "a frame before the damage");
            org.easimage.io.CorruptInputException e = assertThrows(org.easimage.io.CorruptInputException.class,
                    () -> r.read(30));
            assertTrue(e.getMessage().contains("numbered by their order out of the decoder"), e.getMessage());
        }
    }

    /**
     * A recording cut short (a camera that stopped mid-write): AVI hands FFmpeg the last frame's data cut short. It
     * is a {@link org.easimage.io.TruncatedInputException} naming the complete frames, and with SALVAGE those frames
     * are read, each the same as in the whole file. A numbered stream (B-frames) also leaves out as many frames as
     * it reorders, which may be shown after frames that were cut. Before, every read of such a file failed at its
     * end ("the stream ended before frame N"), with or without salvage.
     */
    @Test
    void aCutAviGivesItsCompleteFramesWhenSalvaged() throws Exception {
        List<Frame> frames = noise(new FrameSpec(96, 64, PixelType.RGB24), 30, 5);
        for (VideoWriteOptions vo : List.of(VideoWriteOptions.defaults().withCodec(VideoCodec.MJPEG),
                VideoWriteOptions.defaults().withCodec(VideoCodec.H264))) {
            Path whole = write("whole-" + vo.codec() + ".avi", frames, options().withFrameRate(Rational.of(25)).with(vo));
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = dir.resolve("cut-" + vo.codec() + ".avi");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 7 / 10));
            org.easimage.io.TruncatedInputException e = assertThrows(org.easimage.io.TruncatedInputException.class,
                    () -> FORMAT.open(cut, ReadOptions.defaults()).close());
            int complete = e.completeFrames();
            assertTrue(complete > 5 && complete < 30, vo.codec() + ": " + e.getMessage());
            List<String> seen = new ArrayList<>();
            ReadOptions salvage = ReadOptions.defaults().withTruncation(org.easimage.io.TruncationPolicy.SALVAGE)
                    .withWarnings(seen::add);
            try (SequenceReader all = FORMAT.open(whole, ReadOptions.defaults());
                    SequenceReader r = FORMAT.open(cut, salvage)) {
                assertEquals(complete, r.frameCount(), vo.codec().toString());
                for (int i = 0; i < complete; i++) {
                    assertArrayEquals(Frames.toBytes(all.read(i)), Frames.toBytes(r.read(i)), vo.codec() + " " + i);
                }
                assertArrayEquals(Frames.toBytes(all.read(complete - 1)), Frames.toBytes(r.read(complete - 1)));
            }
            assertEquals(1, seen.size(), seen.toString());
            assertTrue(seen.get(0).contains(complete + " complete frame(s) are read"), seen.get(0));
        }
    }

    static double psnr(Frame a, Frame b) {
        assertEquals(a.spec(), b.spec());
        return FrameDiff.of(a, b).psnr();
    }

    @Test
    void timestampsOfARealFileSurviveFfv1() throws Exception {
        List<Frame> src = new ArrayList<>();
        List<Long> crc = new ArrayList<>();
        try (SequenceReader r = FORMAT.open(SharedData.file("video/realshort.mp4"), ReadOptions.defaults())) {
            for (int i = 0; i < 8; i++) {
                Frame f = r.read(i);
                src.add(f);
                crc.add(Frames.crc32(f));
            }
        }
        Path p = write("rs.mkv", src, options().withFrameRate(Rational.of(45000, 1499)));
        try (SequenceReader r = FORMAT.open(p, ReadOptions.defaults())) {
            long[] got = new long[8];
            long[] want = new long[8];
            for (int i = 0; i < 8; i++) {
                got[i] = Frames.crc32(r.read(i));
                want[i] = crc.get(i);
                // Matroska stores times in milliseconds, rounded to the nearest
                long wantNs = src.get(i).time().orElseThrow().toNanos();
                long gotNs = r.time(i).orElseThrow().toNanos();
                assertTrue(Math.abs(wantNs - gotNs) <= 500_000, "frame " + i + ": " + wantNs + " vs " + gotNs);
                // realshort.mp4's creation_time (whole seconds) is the start, kept to the nanosecond
                assertEquals(src.get(i).timestamp(), r.timestamp(i).map(t -> t.plusNanos(wantNs - gotNs)));
            }
            assertArrayEquals(want, got);
        }
    }
}
