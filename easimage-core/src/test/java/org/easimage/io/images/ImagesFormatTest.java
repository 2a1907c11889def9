package org.easimage.io.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.easimage.testing.TestSequences.synthetic;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Format;
import org.easimage.io.Formats;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;
import org.easimage.testing.ReaderContract;
import org.easimage.testing.SharedData;
import org.easimage.testing.TestSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesFormatTest {

    @TempDir
    Path dir;

    private final ImagesFormat format = new ImagesFormat();
    private final ReadOptions opts = ReadOptions.defaults();

    @Test
    void pimsFolderGlobAndPatternAgreeWithImageIo() throws Exception {
        Path folder = SharedData.file("images/pims_image_sequence");
        assertEquals(Format.Confidence.CONTENT, format.probe(ProbeInput.of(folder)).confidence());
        long[] crcs;
        try (SequenceReader r = format.open(folder, opts)) {
            assertEquals(5, r.frameCount());
            assertEquals(FrameSpec.of(640, 424, PixelType.GRAY8), r.spec());
            crcs = ReaderContract.check(r);
            int min = 255;
            int max = 0;
            for (int i = 0; i < 5; i++) {
                Path f = folder.resolve("T76S3F0000" + (i + 1) + ".png");
                BufferedImage ref = ImageIO.read(f.toFile());
                int[] px = ref.getRaster().getPixels(0, 0, 640, 424, (int[]) null);
                byte[] got = Frames.toBytes(r.read(i));
                for (int k = 0; k < px.length; k++) {
                    assertEquals(px[k], got[k] & 0xFF, "frame " + i + " sample " + k);
                    min = Math.min(min, px[k]);
                    max = Math.max(max, px[k]);
                }
            }
            // the data README says 95-139, which holds for frames 1-3; frames 4-5 span 93-140 (checked with an
            // independent zlib/unfilter decode in Python as well)
            assertEquals(93, min);
            assertEquals(140, max);
        }
        // order across the 3 -> 4 change: frames 0..2 identical, 3..4 identical, 2 != 3
        assertEquals(crcs[0], crcs[2]);
        assertEquals(crcs[3], crcs[4]);
        assertTrue(crcs[2] != crcs[3]);
        for (String pattern : new String[] {"T76*.png", "T76S3F%05d.png"}) {
            Path p = folder.resolve(pattern);
            assertEquals(Format.Confidence.CONTENT, format.probe(ProbeInput.of(p)).confidence(), pattern);
            try (SequenceReader r = format.open(p, opts)) {
                assertEquals(5, r.frameCount());
                for (int i = 0; i < 5; i++) {
                    assertEquals(crcs[i], Frames.crc32(r.read(i)), pattern + " frame " + i);
                }
            }
        }
        try (SequenceReader r = format.open(folder.resolve("T76S3F00004.png"), opts)) {
            assertEquals(1, r.frameCount());
            assertEquals(crcs[3], Frames.crc32(r.read(0)));
        }
    }

    @Test
    void naturalOrderCaseInsensitiveExtensionsAndOtherFilesIgnored() throws Exception {
        Path d = Files.createDirectory(dir.resolve("nat"));
        int[] numbers = {10, 2, 1, 33, 9};
        for (int n : numbers) {
            Frame f = Frames.allocate(FrameSpec.of(4, 3, PixelType.GRAY8));
            f.setSample(0, 0, 0, n);
            String ext = n == 9 ? "PNG" : "png";
            ImageIO.write(Frames.toBufferedImage(f), "png", d.resolve("f" + n + "." + ext).toFile());
        }
        Files.writeString(d.resolve("notes.txt"), "not an image");
        try (SequenceReader r = format.open(d, opts)) {
            assertEquals(5, r.frameCount());
            int[] order = new int[5];
            for (int i = 0; i < 5; i++) {
                order[i] = (int) r.read(i).sample(0, 0, 0);
            }
            assertArrayEquals(new int[] {1, 2, 9, 10, 33}, order);
        }
        assertTrue(org.easimage.io.NaturalOrder.compare("f2", "f10") < 0);
        assertTrue(org.easimage.io.NaturalOrder.compare("a007", "a7") != 0);
    }

    @Test
    void roundTripsBitExactAtAnOddSize() throws Exception {
        String[][] cases = {
            {"png", "gray8"}, {"png", "gray16"}, {"png", "rgb24"}, {"png", "rgb48"}, {"png", "rgba32"},
            {"tif", "gray8"}, {"tif", "gray16"}, {"tif", "rgb48"}, {"tif", "gray32f"}, {"bmp", "rgb24"}};
        for (String[] c : cases) {
            Path out = dir.resolve(c[0] + "-" + c[1]).resolve("frame_%05d." + c[0]);
            List<Frame> frames = synthetic("synthetic:145x951:" + c[1] + ":3");
            write(out, frames, WriteOptions.defaults());
            Path folder = out.getParent();
            assertTrue(Files.exists(folder.resolve("frame_00002." + c[0])), Arrays.toString(c));
            try (SequenceReader r = format.open(folder, opts)) {
                assertEquals(3, r.frameCount());
                assertEquals(frames.get(0).spec().pixelType(), r.spec().pixelType(), Arrays.toString(c));
                for (int i = 0; i < 3; i++) {
                    assertTrue(frames.get(i).pixelsEqual(r.read(i)), Arrays.toString(c) + " frame " + i);
                }
            }
        }
    }

    @Test
    void plainDirectoryOutputUsesOptionsAndJpegIsClose() throws Exception {
        Path out = dir.resolve("jpegs");
        List<Frame> frames = synthetic("synthetic:64x48:gray8:2");
        write(out, frames, WriteOptions.defaults().withQuality(95).with(ImagesWriteOptions.of(ImageFileType.JPEG)));
        assertTrue(Files.exists(out.resolve("frame_000001.jpg")));
        try (SequenceReader r = format.open(out, opts)) {
            assertEquals(FrameSpec.of(64, 48, PixelType.GRAY8), r.spec());
            double err = 0;
            for (int i = 0; i < 2; i++) {
                byte[] a = Frames.toBytes(frames.get(i));
                byte[] b = Frames.toBytes(r.read(i));
                for (int k = 0; k < a.length; k++) {
                    err += Math.abs((a[k] & 0xFF) - (b[k] & 0xFF));
                }
            }
            assertTrue(err / (2 * 64 * 48) < 6, "mean error " + err / (2 * 64 * 48));
        }
    }

    @Test
    void outputProbesAndRejections() throws Exception {
        assertEquals(Format.Confidence.CONTENT, format.probeOutput(Path.of("frames/f_%04d.tif")).confidence());
        assertEquals(Format.Confidence.NO, format.probeOutput(Path.of("stack.tif")).confidence());
        // a path without extension names no format (it used to become a folder with that literal name)
        assertEquals(Format.Confidence.NO, format.probeOutput(Path.of("out/frames")).confidence());
        assertEquals(Format.Confidence.NO, format.probeOutput(Path.of("out/f_%5s.png")).confidence());
        assertEquals(Format.Confidence.EXTENSION, format.probeOutput(Path.of("one.png")).confidence());
        assertEquals(Format.Confidence.NO, format.probeOutput(Path.of("one.tif")).confidence(), "the tiff format's");
        try (SequenceWriter w = format.create(dir.resolve("j").resolve("x_%03d.jpg"), WriteOptions.defaults())) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> w.write(synthetic("synthetic:8x6:gray16:1").get(0)));
            assertTrue(e.getMessage().contains("png"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("j")));
        // an existing folder is written into; only an existing file of the set is refused
        Path existing = Files.createDirectory(dir.resolve("exists"));
        Files.write(existing.resolve("f_001.png"), new byte[] {1});
        try (SequenceWriter w = format.create(existing.resolve("f_%03d.png"), WriteOptions.defaults())) {
            w.expect(1);
        }
        try (SequenceWriter w = format.create(existing.resolve("f_%03d.png"), WriteOptions.defaults())) {
            assertThrows(org.easimage.io.OutputExistsException.class, () -> w.expect(2));
        }
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(existing.resolve("f_001.png")));
    }

    @Test
    void registryRoutesFoldersPatternsAndTiffStacks() throws Exception {
        Path frames = dir.resolve("frames").resolve("f_%04d.tif");
        try (SequenceWriter w = Formats.create(frames)) {
            w.writeAll(synthetic("synthetic:16x8:gray16:3"));
            w.finish();
        }
        assertTrue(Files.exists(dir.resolve("frames/f_0002.tif")));
        Path stack = dir.resolve("stack.tif");
        try (SequenceWriter w = Formats.create(stack)) {
            w.writeAll(synthetic("synthetic:16x8:gray16:3"));
            w.finish();
        }
        try (SequenceReader r = Formats.open(dir.resolve("frames"))) {
            assertEquals("images", r.info().format());
            assertEquals(3, r.frameCount());
        }
        try (SequenceReader r = Formats.open(frames)) {
            assertEquals("images", r.info().format());
        }
        try (SequenceReader r = Formats.open(stack)) {
            assertEquals("tiff", r.info().format());
            assertEquals(3, r.frameCount());
        }
        try (SequenceReader r = Formats.open(dir.resolve("frames/f_0001.tif"))) {
            assertEquals("tiff", r.info().format()); // a single .tif file is a one-page TIFF, not a folder
        }
    }

    @Test
    void badInputsNameTheFile() throws Exception {
        Path d = Files.createDirectory(dir.resolve("mixed"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", d.resolve("a1.png").toFile());
        ImageIO.write(new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY), "png", d.resolve("a2.png").toFile());
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> format.open(d, opts));
        assertTrue(e.getMessage().contains("a2.png"), e.getMessage());

        Path d2 = Files.createDirectory(dir.resolve("broken"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", d2.resolve("a1.png").toFile());
        Files.writeString(d2.resolve("a2.png"), "garbage, not a png");
        e = assertThrows(CorruptInputException.class, () -> format.open(d2, opts));
        assertTrue(e.getMessage().contains("a2.png"), e.getMessage());

        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        e = assertThrows(CorruptInputException.class, () -> format.open(empty, opts));
        assertTrue(e.getMessage().contains("empty.png"));

        Path truncated = dir.resolve("trunc.png");
        ImageIO.write(Frames.toBufferedImage(synthetic("synthetic:64x64:gray8:1").get(0)), "png", truncated.toFile());
        byte[] all = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        EasimageException te = assertThrows(EasimageException.class, () -> {
            try (SequenceReader r = format.open(truncated, opts)) {
                r.read(0);
            }
        });
        assertTrue(te.getMessage().contains("trunc.png"));
        Files.write(truncated, Arrays.copyOf(all, 20)); // header cut
        te = assertThrows(EasimageException.class, () -> format.open(truncated, opts));
        assertTrue(te.getMessage().contains("trunc.png"));

        Path noImages = Files.createDirectory(dir.resolve("none"));
        Files.writeString(noImages.resolve("x.txt"), "x");
        te = assertThrows(EasimageException.class, () -> format.open(noImages, opts));
        assertTrue(te.getMessage().contains("none"));
        // nothing there is a missing input, as for every format (SequenceReader's table)
        Path missing = dir.resolve("missing/f_%03d.png");
        assertThrows(NoSuchFileException.class, () -> format.open(missing, opts));
        Path fileAsFolder = empty.resolve("f_%03d.png"); // a file where a folder was expected
        NoSuchFileException ne = assertThrows(NoSuchFileException.class, () -> format.open(fileAsFolder, opts));
        assertTrue(ne.getMessage().contains("empty.png"), ne.getMessage());
        Path nomatch = dir.resolve("q_%03d.png");
        ne = assertThrows(NoSuchFileException.class, () -> format.open(nomatch, opts));
        assertTrue(ne.getMessage().contains("q_%03d.png"));
    }

    @Test
    void mutatedFilesNeverEscapeUntyped() throws Exception {
        Path png = dir.resolve("seed.png");
        ImageIO.write(Frames.toBufferedImage(synthetic("synthetic:9x7:rgb24:1").get(0)), "png", png.toFile());
        Path bmp = dir.resolve("seed.bmp");
        ImageIO.write(Frames.toBufferedImage(synthetic("synthetic:9x7:rgb24:1").get(0)), "bmp", bmp.toFile());
        List<byte[]> seeds = List.of(Files.readAllBytes(png), Files.readAllBytes(bmp));
        Random rnd = new Random(99);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int k = 0; k < 200; k++) {
                byte[] src = seeds.get(k % 2);
                byte[] m = mutate(src, rnd);
                Path f = Files.write(dir.resolve("mut" + k + (k % 2 == 0 ? ".png" : ".bmp")), m);
                try (SequenceReader r = format.open(f, opts)) {
                    r.read(0);
                } catch (EasimageException e) {
                    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
                }
                Files.delete(f);
            }
        });
    }

    static byte[] mutate(byte[] src, Random rnd) {
        if (rnd.nextInt(3) == 0) {
            return Arrays.copyOf(src, rnd.nextInt(src.length));
        }
        byte[] m = src.clone();
        int flips = 1 + rnd.nextInt(6);
        for (int i = 0; i < flips; i++) {
            int at = rnd.nextInt(Math.min(m.length, rnd.nextBoolean() ? 64 : m.length));
            m[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : m[at] ^ (1 << rnd.nextInt(8)));
        }
        return m;
    }

    private void write(Path out, List<Frame> frames, WriteOptions o) throws IOException {
        TestSequences.write(format, out, frames, o);
    }
}
