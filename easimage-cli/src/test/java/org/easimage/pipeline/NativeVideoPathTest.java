package org.easimage.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.NativeFrames;
import org.easimage.io.SequenceReader;
import org.easimage.io.WriteOptions;
import org.easimage.io.video.VideoCodec;
import org.easimage.io.video.VideoWriteOptions;
import org.easimage.testing.SharedData;
import org.easimage.transform.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video path without needless colour conversions (issue 14): frames stay in the decoder's planar Y'CbCr where
 * nothing needs RGB, and where something does, the conversion (now on the transform threads) gives exactly the
 * pixels the RGB path gave.
 */
class NativeVideoPathTest {

    @TempDir
    Path dir;

    private static Conversion.Result convert(Path in, Path out, String chain, String range, WriteOptions wo)
            throws IOException {
        return Conversion.builder(in, out).writeOptions(wo).range(FrameRange.parse(range))
                .transform(chain == null ? null : TransformChain.parse(chain)).build().run();
    }

    private static String pixelFormat(Path video) throws IOException {
        try (SequenceReader r = Formats.open(video)) {
            return String.valueOf(r.info().metadata().asMap().get("pixelFormat"));
        }
    }

    @Test
    void plainTranscodeKeepsTheSourcePixelFormat() throws IOException {
        record Case(String source, String ext, String expected) {
        }
        for (Case c : List.of(new Case("cockatoo.mp4", "mp4", "yuv444p"), new Case("cockatoo.mp4", "avi", "yuvj444p"),
                new Case("cockatoo_yuv420.mp4", "mp4", "yuv420p"), new Case("cockatoo_yuv420.mp4", "mkv", "yuv420p"),
                new Case("pims_bulk-water.mov", "mp4", "yuvj420p"), new Case("pims_bulk-water.mov", "avi", "yuvj420p"))) {
            Path in = SharedData.file("video/" + c.source());
            assertEquals(c.source().startsWith("cockatoo.") ? "yuv444p" : c.source().startsWith("pims") ? "yuvj420p"
                    : "yuv420p", pixelFormat(in));
            Path out = dir.resolve(c.source() + "." + c.ext());
            convert(in, out, null, "0:6", WriteOptions.defaults());
            String fmt = pixelFormat(out);
            // FFmpeg 8 reports a full-range yuv420p stream as yuvj420p where the codec signals the range
            assertTrue(fmt.equals(c.expected()) || fmt.equals(c.expected().replace("yuvj", "yuv")),
                    c + " gave " + fmt);
        }
        // --pix-fmt still rules
        Path in = SharedData.file("video/cockatoo.mp4");
        Path out = dir.resolve("asked.mp4");
        convert(in, out, null, "0:3", WriteOptions.defaults().with(VideoWriteOptions.defaults().withPixelFormat("yuv420p")));
        assertEquals("yuv420p", pixelFormat(out));
    }

    @Test
    void losslessTranscodeOfPlanarFramesReadsBackAsTheSourcesRgb() throws IOException {
        for (String name : List.of("cockatoo.mp4", "cockatoo_yuv420.mp4", "pims_bulk-water.mov")) {
            Path in = SharedData.file("video/" + name);
            Path out = dir.resolve(name + ".mkv");
            convert(in, out, null, "0:5", WriteOptions.defaults().with(VideoWriteOptions.defaults()
                    .withCodec(VideoCodec.FFV1)));
            try (SequenceReader src = Formats.open(in); SequenceReader back = Formats.open(out)) {
                assertEquals(5, back.frameCount());
                for (int i = 0; i < 5; i++) {
                    assertTrue(src.read(i).pixelsEqual(back.read(i)), name + " frame " + i + " bit-exact");
                }
            }
        }
    }

    @Test
    void nativeFramesConvertToExactlyWhatReadGives() throws IOException {
        for (String name : List.of("cockatoo.mp4", "cockatoo_yuv420.mp4", "pims_bulk-water.mov")) {
            try (SequenceReader r = Formats.open(SharedData.file("video/" + name))) {
                NativeFrames nf = (NativeFrames) r;
                FrameSpec ns = nf.nativeSpec().orElseThrow();
                assertTrue(ns.pixelType().isPlanar(), ns.toString());
                FrameTransform toRgb = nf.fromNative();
                for (int i : new int[] {0, 7, 3}) {
                    Frame yuv = nf.readNative(i, org.easimage.frame.Frames.allocateDirect(ns, -1));
                    Frame rgb = toRgb.apply(yuv);
                    Frame expected = r.read(i);
                    assertEquals(expected.time(), rgb.time());
                    assertEquals(i, rgb.index());
                    assertTrue(expected.pixelsEqual(rgb), name + " frame " + i);
                }
            }
        }
    }

    @Test
    void chainOnYuv444GivesTheRgbPathsPixelsWithinOne() throws IOException {
        Path in = SharedData.file("video/cockatoo.mp4");
        String chain = "crop(20, 20, 20, 20) | contrast(1.3) | gaussian(2) | sharpen(0.8, 2) | annotate(\"{index}\")";
        Path out = dir.resolve("chain.mkv"); // FFV1: what the chain made, stored losslessly
        convert(in, out, chain, "0:6", WriteOptions.defaults());
        Path cropped = dir.resolve("crop.mkv"); // a chain that stays planar all the way
        convert(in, cropped, "crop(20, 20, 20, 20)", "0:6", WriteOptions.defaults());
        assertEquals("yuv444p", pixelFormat(cropped));
        try (SequenceReader src = Formats.open(in); SequenceReader back = Formats.open(out);
             SequenceReader backCropped = Formats.open(cropped)) {
            FrameTransform t = TransformChain.parse(chain).bind(src);
            FrameTransform crop = TransformChain.parse("crop(20, 20, 20, 20)");
            assertEquals(new FrameSpec(1240, 680, PixelType.RGB24), back.spec());
            for (int i = 0; i < 6; i++) {
                Frame expected = t.apply(src.read(i));
                Frame got = back.read(i);
                assertTrue(maxDifference(expected, got) <= 1, "frame " + i + " differs by "
                        + maxDifference(expected, got));
                assertTrue(crop.apply(src.read(i)).pixelsEqual(backCropped.read(i)), "cropped frame " + i);
            }
        }
    }

    @Test
    void cropOnSubsampledPlanesEqualsTheRgbCrop() throws IOException {
        // 4:2:0: the crop keeps whole chroma samples (even offsets) and the conversion sees the same neighbours
        for (String name : List.of("cockatoo_yuv420.mp4", "pims_bulk-water.mov")) {
            Path in = SharedData.file("video/" + name);
            Path out = dir.resolve(name + ".crop.mkv");
            String chain = "crop(x=64, y=32, width=320, height=200)";
            convert(in, out, chain, "0:3", WriteOptions.defaults());
            try (SequenceReader src = Formats.open(in); SequenceReader back = Formats.open(out)) {
                FrameTransform crop = TransformChain.parse(chain);
                for (int i = 0; i < 3; i++) {
                    Frame expected = crop.apply(src.read(i));
                    Frame got = back.read(i);
                    assertEquals(0, maxDifference(expected, got), name + " frame " + i);
                }
            }
        }
    }

    /**
     * The writer's intake (the colour conversion to the encoder's layout, moved onto the transform threads) gives
     * the file the writer makes alone from the same frames: RGB into MJPEG's yuvj420p and x264's yuv420p, and
     * studio-range Y'CbCr into MJPEG's full range. Compared frame by frame as decoded, and byte for byte for AVI.
     */
    @Test
    void writerIntakeGivesTheFileTheWriterMakesAlone() throws IOException {
        Path rgb = dir.resolve("rgb.seq"); // packed RGB frames, as a reader without native frames gives them
        convert(SharedData.file("video/cockatoo_yuv420.mp4"), rgb, null, "0:6", WriteOptions.defaults());
        Path studio = SharedData.file("video/cockatoo_yuv420.mp4"); // yuv420p, studio range: native frames
        record Case(Path source, String ext, boolean nativeFrames) {
        }
        for (Case c : List.of(new Case(rgb, "avi", false), new Case(rgb, "mp4", false), new Case(studio, "avi", true))) {
            Path viaConversion = dir.resolve("conversion." + c.nativeFrames() + "." + c.ext());
            convert(c.source(), viaConversion, null, "0:6", WriteOptions.defaults());
            Path alone = dir.resolve("alone." + c.nativeFrames() + "." + c.ext());
            try (SequenceReader src = Formats.open(c.source())) {
                WriteOptions wo = WriteOptions.defaults().withFrameRate(src.info().frameRate().orElseThrow());
                FrameSpec spec = c.nativeFrames() ? ((NativeFrames) src).nativeSpec().orElseThrow() : src.spec();
                assertTrue(org.easimage.io.FormatRegistry.getDefault().forOutput(viaConversion, null)
                        .intake(viaConversion, spec, wo).isPresent(), c + ": the intake applies");
                try (var w = Formats.create(alone, wo)) {
                    for (int i = 0; i < 6; i++) {
                        w.write(c.nativeFrames() ? ((NativeFrames) src).readNative(i,
                                org.easimage.frame.Frames.allocateDirect(spec, -1)) : src.read(i));
                    }
                    w.finish();
                }
            }
            try (SequenceReader a = Formats.open(viaConversion); SequenceReader b = Formats.open(alone)) {
                assertEquals(6, a.frameCount());
                for (int i = 0; i < 6; i++) {
                    assertTrue(a.read(i).pixelsEqual(b.read(i)), c + " frame " + i);
                }
            }
            if (c.ext().equals("avi")) {
                assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(viaConversion),
                        java.nio.file.Files.readAllBytes(alone)), c + ": the same file");
            }
        }
    }

    /**
     * The same over sizes that are not the samples': tiny, odd, prime, widths that are not a multiple of 16, into
     * MJPEG and x264. Where the intake applies (even sizes into 4:2:0) and where it does not (sizes the writer
     * pads), a conversion writes what the writer makes alone: the same AVI bytes, the same decoded MP4 frames.
     * (16-bit RGB has no intake: 8-bit codecs refuse it.)
     */
    @Test
    void writerIntakeOverSizesAndTypes() throws IOException {
        int applied = 0;
        for (String ext : List.of("avi", "mp4")) {
            for (int[] wh : new int[][] {{2, 2}, {1, 1}, {37, 31}, {34, 18}, {38, 22}, {130, 66}, {641, 359}}) {
                Path source = Path.of("synthetic:" + wh[0] + "x" + wh[1] + ":rgb24:3");
                String name = wh[0] + "x" + wh[1] + "." + ext;
                Path viaConversion = dir.resolve("c-" + name);
                Conversion.builder(source, viaConversion).build().run();
                Path alone = dir.resolve("a-" + name);
                try (SequenceReader src = Formats.open(source)) {
                    WriteOptions wo = src.info().frameRate().map(WriteOptions.defaults()::withFrameRate)
                            .orElse(WriteOptions.defaults());
                    if (org.easimage.io.FormatRegistry.getDefault().forOutput(alone, null)
                            .intake(alone, src.spec(), wo).isPresent()) {
                        applied++;
                    }
                    try (var w = Formats.create(alone, wo)) {
                        for (int i = 0; i < src.frameCount(); i++) {
                            w.write(src.read(i));
                        }
                        w.finish();
                    }
                }
                if (ext.equals("avi")) {
                    assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(viaConversion),
                            java.nio.file.Files.readAllBytes(alone)), name);
                }
                try (SequenceReader a = Formats.open(viaConversion); SequenceReader b = Formats.open(alone)) {
                    assertEquals(3, a.frameCount(), name);
                    for (int i = 0; i < 3; i++) {
                        assertTrue(a.read(i).pixelsEqual(b.read(i)), name + " frame " + i);
                    }
                }
            }
        }
        assertEquals(8, applied, "the intake applies to the even sizes, in both containers");
    }

    /**
     * The intake holds a converted copy of each frame in flight. A job whose frames fit the memory budget only
     * without it still runs (the writer then converts on its own thread) and gives the same file; one that fits
     * neither way is refused before any work, as before.
     */
    @Test
    void aJobThatFitsOnlyWithoutTheIntakeStillRuns() throws IOException {
        Path rgb = dir.resolve("rgb720.seq"); // 1280x720 RGB: 2.76 MB a frame, 1.38 MB as yuv420p
        convert(SharedData.file("video/cockatoo_yuv420.mp4"), rgb, null, "0:6", WriteOptions.defaults());
        Path roomy = dir.resolve("roomy.mp4");
        convert(rgb, roomy, null, "0:6", WriteOptions.defaults());
        Path tight = dir.resolve("tight.mp4");
        // with the intake: 3 slots of 2.76 + 1.38 MB and an output frame = 13.8 MB; without: 3 x 2.76 + 2.76 = 11.1
        Conversion.builder(rgb, tight).memoryBudget(new MemoryBudget(12_500_000)).build().run();
        try (SequenceReader a = Formats.open(roomy); SequenceReader b = Formats.open(tight)) {
            assertEquals(6, b.frameCount());
            for (int i = 0; i < 6; i++) {
                assertTrue(a.read(i).pixelsEqual(b.read(i)), "frame " + i);
            }
        }
        Path refused = dir.resolve("refused.mp4");
        org.junit.jupiter.api.Assertions.assertThrows(NotEnoughMemoryException.class, () ->
                Conversion.builder(rgb, refused).memoryBudget(new MemoryBudget(10_000_000)).build().run());
        assertTrue(java.nio.file.Files.notExists(refused));
    }

    private static int maxDifference(Frame a, Frame b) {
        assertTrue(a.spec().sameLayout(b.spec()), a.spec() + " vs " + b.spec());
        int max = 0;
        var x = a.buffer();
        var y = b.buffer();
        for (int i = 0; i < a.spec().frameBytes(); i++) {
            max = Math.max(max, Math.abs((x.get(i) & 0xFF) - (y.get(i) & 0xFF)));
        }
        return max;
    }
}
