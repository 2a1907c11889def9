package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.easimage.cli.CliTest.Run;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.SequenceWriter;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single images, numbering and what the source says about itself (issue 18): one frame makes one file, exported
 * files are numbered by their index in the source unless --start-number says otherwise, 12 significant bits of 16
 * survive in PNG (sBIT) and TIFF (SMaxSampleValue) and are read back, TIFF stacks are ImageJ hyperstacks in time,
 * and a .seq copy keeps the source's description and Bayer field.
 */
class ImagesAndMetadataCliTest {

    @TempDir
    Path dir;

    private static final String SRC = "synthetic:37x23:gray16:10:10";

    private void ok(String... args) {
        Run r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    }

    private static void assertFrame(Path file, int sourceIndex) throws Exception {
        assertTrue(ChildCli.frame(file, 0).pixelsEqual(ChildCli.frame(Path.of(SRC), sourceIndex)),
                file.getFileName() + " holds source frame " + sourceIndex);
    }

    @Test
    void oneFrameByRangeOrAtWritesOneFile() throws Exception {
        ok("frames", "--quiet", SRC, dir.resolve("frame.png").toString(), "--range", "5:6");
        assertEquals(List.of("frame.png"), ChildCli.names(dir));
        assertFrame(dir.resolve("frame.png"), 5);
        ok("frames", "--quiet", SRC, dir.resolve("at.tif").toString(), "--at", "0.35");
        assertFrame(dir.resolve("at.tif"), 3);
        ok("convert", "--quiet", "synthetic:37x23:gray16:1", dir.resolve("single.png").toString());
        ok("convert", "--quiet", SRC, dir.resolve("ninth.png").toString(), "--at", "00:00:00.9");
        assertEquals(List.of("at.tif", "frame.png", "ninth.png", "single.png"), ChildCli.names(dir));
        assertFrame(dir.resolve("ninth.png"), 9);

        Run many = CliTest.run("convert", "--quiet", SRC, dir.resolve("many.png").toString());
        assertEquals(2, many.code(), many.err());
        assertTrue(many.err().contains("holds one frame, not 10") && many.err().contains("%05d"), many.err());
        assertEquals(4, ChildCli.names(dir).size(), "nothing more created");
    }

    @Test
    void filesAreNumberedBySourceIndexUnlessStartNumberSays() throws Exception {
        ok("frames", "--quiet", SRC, dir.resolve("a/f_%03d.png").toString(), "--range", "3:9:2");
        assertEquals(List.of("f_003.png", "f_005.png", "f_007.png"), ChildCli.names(dir.resolve("a")));
        assertFrame(dir.resolve("a/f_005.png"), 5);

        ok("frames", "--quiet", SRC, dir.resolve("b/f_%03d.png").toString(), "--range", "3:9:2", "--start-number",
                "1");
        assertEquals(List.of("f_001.png", "f_002.png", "f_003.png"), ChildCli.names(dir.resolve("b")));
        assertFrame(dir.resolve("b/f_002.png"), 5);

        ok("convert", "--quiet", SRC, dir.resolve("c/%d.tif").toString(), "--start", "0.7");
        assertEquals(List.of("7.tif", "8.tif", "9.tif"), ChildCli.names(dir.resolve("c")));
        assertFrame(dir.resolve("c/8.tif"), 8);

        Path existing = Files.createDirectories(dir.resolve("existing"));
        ok("frames", "--quiet", SRC, existing.toString(), "--range", "8:");
        assertEquals(List.of("frame_000008.png", "frame_000009.png"), ChildCli.names(existing));

        for (String[] bad : new String[][] {{"out.tif", "--start-number", "1"}, {"f_%03d.png", "--start-number", "-1"}}) {
            Run r = CliTest.run("convert", "--quiet", SRC, dir.resolve(bad[0]).toString(), bad[1], bad[2]);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--start-number"), r.err());
        }
        assertEquals(List.of("a", "b", "c", "existing"), ChildCli.names(dir));
    }

    /** Ten 37x23 frames holding 12 significant bits of 16 (0..4095), 0.1 s apart from a real acquisition time. */
    private Path twelveBits() throws Exception {
        Path p = dir.resolve("twelve.seq");
        FrameSpec spec = new FrameSpec(37, 23, PixelType.GRAY16, 12);
        Instant t0 = Instant.parse("2024-03-01T12:00:00.000250Z");
        try (SequenceWriter w = Formats.create(p)) {
            for (int i = 0; i < 10; i++) {
                ByteBuffer px = ByteBuffer.allocate(37 * 23 * 2).order(ByteOrder.nativeOrder());
                for (int k = 0; k < 37 * 23; k++) {
                    px.putShort(2 * k, (short) ((k * 97 + i * 401) % 4096));
                }
                w.write(new Frame(spec, px, i, Duration.ofMillis(100L * i), t0.plusMillis(100L * i)));
            }
            w.finish();
        }
        return p;
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (data[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void significantBitsSurviveInPngAndTiffAndAreReadBack() throws Exception {
        Path src = twelveBits();
        Path png = dir.resolve("one.png");
        ok("frames", "--quiet", src.toString(), png.toString(), "--at", "0.3");
        byte[] p = Files.readAllBytes(png);
        int sbit = indexOf(p, "sBIT".getBytes(StandardCharsets.US_ASCII));
        assertTrue(sbit > 0, "PNG has an sBIT chunk");
        assertEquals(12, p[sbit + 4], "sBIT says 12 significant gray bits");
        assertTrue(CliTest.run("info", "--json", png.toString()).out().contains("\"bitsPerSample\":12"));
        assertTrue(ChildCli.frame(png, 0).pixelsEqual(ChildCli.frame(src, 3)));

        Path tif = dir.resolve("stack.tif");
        ok("convert", "--quiet", src.toString(), tif.toString());
        byte[] t = Files.readAllBytes(tif);
        // SMaxSampleValue (tag 341 = 0x0155), type SHORT, one value, 4095, in a big-endian IFD entry
        assertTrue(indexOf(t, new byte[] {0x01, 0x55, 0x00, 0x03, 0, 0, 0, 1, 0x0F, (byte) 0xFF}) > 0,
                "SMaxSampleValue 4095 in page 0");
        Run info = CliTest.run("info", "--json", tif.toString());
        assertTrue(info.out().contains("\"bitsPerSample\":12"), info.out());
        // an ImageJ hyperstack of 10 frames in time (not slices) with their interval, so Fiji plays it as time
        for (String key : new String[] {"ImageJ=", "images=10", "frames=10", "hyperstack=true", "finterval=0.1"}) {
            assertTrue(info.out().contains(key), key + " in " + info.out());
        }
        assertFalse(info.out().contains("slices="), info.out());
        ChildCli.assertSameFrames(src, tif);
    }

    /** Issue 18: gray written to H.264/MJPEG reads back as gray, and odd sizes padded for the codec are cropped back. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mp4", "avi"})
    void grayAndOddSizesSurviveLossyVideo(String ext) throws Exception {
        Path video = dir.resolve("gray." + ext);
        ok("convert", "--quiet", "synthetic:37x23:gray8:5:10", video.toString());
        Run info = CliTest.run("info", "--json", video.toString());
        assertTrue(info.out().contains("\"width\":37,\"height\":23,\"channels\":1,\"pixelType\":\"GRAY8\""),
                info.out());
    }

    /** A .seq copy keeps the StreamPix description and, while the pixels are the camera's own, the Bayer field. */
    @Test
    void seqCopyKeepsDescriptionAndBayerField() throws Exception {
        Path celeritas = SharedData.file("seq/rsciio_de_celeritas_Movie_00785_Top.seq");
        Path copy = dir.resolve("copy.seq");
        ok("convert", "--quiet", celeritas.toString(), copy.toString());
        Run info = CliTest.run("info", "--json", copy.toString());
        assertTrue(info.out().contains("\"description\":\"StreamPix 8.5.0.143 (x64)\""), info.out());
        assertTrue(info.out().contains("\"bayerPattern\":1") && info.out().contains("\"bayerPatternName\":\"GBRG\""),
                info.out());
        assertTrue(info.out().contains("\"bitsPerSample\":12"), info.out());
        ChildCli.assertSameFrames(celeritas, copy);

        Path flipped = dir.resolve("flipped.seq");
        ok("convert", "--quiet", "--flip", "h", celeritas.toString(), flipped.toString());
        Run f = CliTest.run("info", "--json", flipped.toString());
        assertTrue(f.out().contains("\"description\":\"StreamPix 8.5.0.143 (x64)\""), f.out());
        assertTrue(f.out().contains("\"bayerPattern\":0"), "a flipped mosaic is no longer GBRG: " + f.out());
    }
}
