package org.easimage.io.gif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.easimage.testing.TestSequences.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;
import org.easimage.testing.ReaderContract;
import org.easimage.testing.SharedData;
import org.easimage.testing.TestSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifFormatTest {

    @TempDir
    Path dir;

    private final GifFormat format = new GifFormat();
    private final ReadOptions opts = ReadOptions.defaults();

    @Test
    void newtonsCradleCompositesLikeTheRawBlocksSay() throws Exception {
        Path f = SharedData.file("gif/newtonscradle.gif");
        try (SequenceReader r = format.open(f, opts)) {
            assertEquals(36, r.frameCount());
            assertEquals(200, r.spec().width());
            assertEquals(150, r.spec().height());
            Map<String, Object> md = r.info().metadata().asMap();
            assertEquals("forever", md.get("loopCount"));
            @SuppressWarnings("unchecked")
            List<Integer> delays = (List<Integer>) md.get("frameDelaysMs");
            assertEquals(36, delays.size());
            assertTrue(delays.containsAll(List.of(50, 20, 40)), delays.toString());
            ReaderContract.check(r);
            // independent check with the raw blocks (every block of this file has disposal "leave in place"):
            // inside block k, opaque raw pixels show; everything else is unchanged from frame k-1
            ImageReader raw = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
                raw.setInput(in);
                Frame prev = null;
                for (int k = 0; k < 36; k++) {
                    Frame cur = r.read(k);
                    BufferedImage block = raw.read(k);
                    IIOMetadataNode d = (IIOMetadataNode) ((IIOMetadataNode) raw.getImageMetadata(k)
                            .getAsTree("javax_imageio_gif_image_1.0")).getElementsByTagName("ImageDescriptor").item(0);
                    int left = Integer.parseInt(d.getAttribute("imageLeftPosition"));
                    int top = Integer.parseInt(d.getAttribute("imageTopPosition"));
                    for (int y = 0; y < 150; y++) {
                        for (int x = 0; x < 200; x++) {
                            int bx = x - left;
                            int by = y - top;
                            boolean inside = bx >= 0 && by >= 0 && bx < block.getWidth() && by < block.getHeight();
                            int argb = inside ? block.getRGB(bx, by) : 0;
                            int[] expect = new int[3];
                            if (inside && (argb >>> 24) != 0) {
                                expect = new int[] {(argb >> 16) & 255, (argb >> 8) & 255, argb & 255};
                            } else if (prev != null) {
                                for (int c = 0; c < 3; c++) {
                                    expect[c] = (int) prev.sample(x, y, c);
                                }
                            } else {
                                continue; // frame 0 outside its block: background
                            }
                            for (int c = 0; c < 3; c++) {
                                assertEquals(expect[c], (int) cur.sample(x, y, c), "frame " + k + " at " + x + "," + y);
                            }
                        }
                    }
                    prev = cur;
                }
            } finally {
                raw.dispose();
            }
            assertTrue(r.info().frameRate().isPresent());
        }
    }

    /** A logical screen of 65535 x 65535 in a tiny file is refused by a check, not by a frame size exception. */
    @Test
    void anImplausibleLogicalScreenIsATypedErrorOfItsOwn() throws Exception {
        Path f = dir.resolve("screen.gif");
        TestSequences.write(new GifFormat(), f, synthetic("synthetic:5x4:RGB24:2"), WriteOptions.defaults());
        byte[] b = Files.readAllBytes(f);
        Arrays.fill(b, 6, 10, (byte) 0xFF); // logical screen width and height
        Files.write(f, b);
        CorruptInputException e = assertThrows(CorruptInputException.class,
                () -> new GifFormat().open(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("logical screen 65535x65535"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void disposalTransparencyAndOffsetsOnAHandMadeGif() throws Exception {
        // palette: 0 black (background), 1 red, 2 blue, 3 green, 4 transparent marker
        int[] pal = {0x000000, 0xFF0000, 0x0000FF, 0x00FF00, 0xFFFFFF, 0, 0, 0};
        Path f = dir.resolve("hand.gif");
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            writeBlock(w, pal, 4, 4, 0, 0, 1, "none", -1);               // red everywhere
            writeBlock(w, pal, 2, 2, 1, 1, 2, "restoreToBackgroundColor", 4); // blue square, top-left transparent
            writeBlock(w, pal, 1, 1, 0, 0, 3, "restoreToPrevious", -1);  // green dot, then undone
            writeBlock(w, pal, 1, 1, 3, 3, 3, "none", -1);               // green dot, kept
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        try (SequenceReader r = format.open(f, opts)) {
            assertEquals(FrameSpec.of(4, 4, PixelType.RGB24), r.spec());
            ReaderContract.check(r);
            String[] expected = {
                "RRRR RRRR RRRR RRRR",
                "RRRR RRBR RBBR RRRR", // (1,1) transparent: red shows through
                "GRRR RRRR RRRR RRRR", // blue square restored to background? no: that happens after frame 1
                "RRRR RRRR RRRR RRRG"};
            // frame 1's disposal restores its 2x2 rectangle to the background (black) before frame 2
            expected[2] = "GRRR RKKR RKKR RRRR";
            expected[3] = "RRRR RKKR RKKR RRRG"; // frame 2's green dot restored to the previous (red) state
            for (int k = 0; k < 4; k++) {
                assertEquals(expected[k], render(r.read(k)), "frame " + k);
            }
        }
    }

    private static String render(Frame f) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < f.height(); y++) {
            if (y > 0) {
                sb.append(' ');
            }
            for (int x = 0; x < f.width(); x++) {
                int rgb = (int) f.sample(x, y, 0) << 16 | (int) f.sample(x, y, 1) << 8 | (int) f.sample(x, y, 2);
                sb.append(switch (rgb) {
                    case 0xFF0000 -> 'R';
                    case 0x0000FF -> 'B';
                    case 0x00FF00 -> 'G';
                    case 0x000000 -> 'K';
                    default -> '?';
                });
            }
        }
        return sb.toString();
    }

    private static void writeBlock(ImageWriter w, int[] pal, int bw, int bh, int left, int top, int color,
            String disposal, int transparentIndex) throws IOException {
        IndexColorModel cm = new IndexColorModel(3, 8, pal, 0, false, -1, java.awt.image.DataBuffer.TYPE_BYTE);
        BufferedImage img = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_INDEXED, cm);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                img.getRaster().setSample(x, y, 0, color);
            }
        }
        if (transparentIndex >= 0) {
            img.getRaster().setSample(0, 0, 0, transparentIndex);
        }
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
        String nf = md.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(nf);
        IIOMetadataNode d = (IIOMetadataNode) root.getElementsByTagName("ImageDescriptor").item(0);
        d.setAttribute("imageLeftPosition", Integer.toString(left));
        d.setAttribute("imageTopPosition", Integer.toString(top));
        d.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode g = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
        g.setAttribute("disposalMethod", disposal);
        g.setAttribute("transparentColorFlag", transparentIndex >= 0 ? "TRUE" : "FALSE");
        g.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, transparentIndex)));
        g.setAttribute("delayTime", "10");
        IIOMetadataNode lct = new IIOMetadataNode("LocalColorTable");
        lct.setAttribute("sizeOfLocalColorTable", "8");
        lct.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < 8; i++) {
            IIOMetadataNode e = new IIOMetadataNode("ColorTableEntry");
            e.setAttribute("index", Integer.toString(i));
            e.setAttribute("red", Integer.toString(pal[i] >> 16 & 255));
            e.setAttribute("green", Integer.toString(pal[i] >> 8 & 255));
            e.setAttribute("blue", Integer.toString(pal[i] & 255));
            lct.appendChild(e);
        }
        root.appendChild(lct);
        md.setFromTree(nf, root);
        IIOMetadata sm = null;
        w.writeToSequence(new IIOImage(img, null, md), null);
        assertTrue(sm == null);
    }

    @Test
    void grayRoundTripIsExactAndDelaysKeepTheMeanRate() throws Exception {
        Path out = dir.resolve("gray.gif");
        List<Frame> frames = synthetic("synthetic:145x951:gray8:3");
        write(out, frames, WriteOptions.defaults().withFrameRate(Rational.of(30)));
        try (SequenceReader r = format.open(out, opts)) {
            assertEquals(FrameSpec.of(145, 951, PixelType.GRAY8), r.spec());
            for (int i = 0; i < 3; i++) {
                assertTrue(frames.get(i).pixelsEqual(r.read(i)), "frame " + i);
            }
            assertEquals(List.of(30, 40, 30), r.info().metadata().asMap().get("frameDelaysMs"));
            assertEquals(Rational.of(30), r.info().frameRate().orElseThrow());
            assertEquals("forever", r.info().metadata().asMap().get("loopCount"));
        }
        long total = 0;
        Rational ntsc = Rational.of(30000, 1001);
        for (int i = 0; i < 300; i++) {
            total += GifWriter.delayCs(Times.atIndex(i, ntsc), Times.atIndex(i + 1, ntsc));
        }
        assertEquals(1001, total); // 300 frames at 29.97 fps last 10.01 s
    }

    @Test
    void delaysComeFromTheFramesTimesNotTheNominalRate() throws Exception {
        Path out = dir.resolve("times.gif");
        long[] ms = {0, 50, 70, 113, 300, 301};
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            frames.add(Frames.allocate(FrameSpec.of(5, 3, PixelType.GRAY8), i).withTime(Duration.ofMillis(ms[i])));
        }
        List<String> warnings = new ArrayList<>();
        write(out, frames, WriteOptions.defaults().withFrameRate(Rational.of(10)).withWarnings(warnings::add));
        assertEquals(List.of(), warnings);
        try (SequenceReader r = format.open(out, opts)) {
            // each end rounded to the centisecond: 0, 5, 7, 11, 30, 30 cs; the last frame lasts like the one before
            assertEquals(List.of(50, 20, 40, 190, 0, 0), r.info().metadata().asMap().get("frameDelaysMs"));
            long[] cs = {0, 5, 7, 11, 30, 30};
            for (int i = 0; i < ms.length; i++) {
                assertEquals(java.util.Optional.of(Duration.ofMillis(10 * cs[i])), r.time(i), "frame " + i);
                assertTrue(Math.abs(10 * cs[i] - ms[i]) <= 5, "within half a centisecond");
            }
            assertEquals(java.util.Optional.empty(), r.timestamp(0), "GIF has no absolute time");
            assertEquals(3, r.indexAt(Duration.ofMillis(299)));
        }
    }

    @Test
    void fewColourRgbRoundTripIsExactAndManyColoursAreClose() throws Exception {
        Path out = dir.resolve("rgb.gif");
        List<Frame> frames = new ArrayList<>();
        Random rnd = new Random(5);
        int[] colours = new int[200];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = rnd.nextInt(1 << 24);
        }
        for (int k = 0; k < 3; k++) {
            Frame f = Frames.allocate(FrameSpec.of(37, 23, PixelType.RGB24), k);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    int c = colours[(x * 7 + y * 3 + k) % colours.length];
                    f.setSample(x, y, 0, c >> 16 & 255);
                    f.setSample(x, y, 1, c >> 8 & 255);
                    f.setSample(x, y, 2, c & 255);
                }
            }
            frames.add(f);
        }
        write(out, frames, WriteOptions.defaults().with(new GifWriteOptions(3)));
        try (SequenceReader r = format.open(out, opts)) {
            assertEquals(PixelType.RGB24, r.spec().pixelType());
            for (int i = 0; i < 3; i++) {
                assertTrue(frames.get(i).pixelsEqual(r.read(i)), "frame " + i);
            }
            assertEquals(3, r.info().metadata().asMap().get("loopCount"));
        }
        Path many = dir.resolve("many.gif");
        List<Frame> noisy = synthetic("synthetic:120x80:rgb24:2");
        write(many, noisy, WriteOptions.defaults());
        try (SequenceReader r = format.open(many, opts)) {
            for (int i = 0; i < 2; i++) {
                byte[] a = Frames.toBytes(noisy.get(i));
                byte[] b = Frames.toBytes(r.read(i));
                double err = 0;
                for (int k = 0; k < a.length; k++) {
                    err += Math.abs((a[k] & 255) - (b[k] & 255));
                }
                assertTrue(err / a.length < 4, "mean error " + err / a.length);
            }
        }
    }

    @Test
    void rejects16BitAndNamesFilesOnBadInput() throws Exception {
        try (SequenceWriter w = format.create(dir.resolve("x.gif"), WriteOptions.defaults())) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> w.write(synthetic("synthetic:8x6:gray16:1").get(0)));
            assertTrue(e.getMessage().contains("rescale"), e.getMessage());
        }
        Path good = dir.resolve("good.gif");
        write(good, synthetic("synthetic:40x30:gray8:3"), WriteOptions.defaults());
        byte[] bytes = Files.readAllBytes(good);
        assertNamed(CorruptInputException.class, Files.write(dir.resolve("empty.gif"), new byte[0]));
        assertNamed(CorruptInputException.class, Files.write(dir.resolve("garbage.gif"), "not a gif".getBytes()));
        assertNamed(CorruptInputException.class, Files.write(dir.resolve("header.gif"), Arrays.copyOf(bytes, 9)));
        Path mid = Files.write(dir.resolve("mid.gif"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertNamed(TruncatedInputException.class, mid);
        try (SequenceReader r = format.open(mid, opts.withTruncation(TruncationPolicy.SALVAGE)
                .withWarnings(w -> { }))) {
            assertEquals(1, r.frameCount()); // frame 1 is cut, frame 2 missing: one complete frame
            r.read(0);
        }
        byte[] huge = bytes.clone();
        huge[6] = (byte) 0xFF;
        huge[7] = (byte) 0xFF;
        huge[8] = (byte) 0xFF;
        huge[9] = (byte) 0xFF;
        assertNamed(CorruptInputException.class, Files.write(dir.resolve("huge.gif"), huge));
        assertNamed(EasimageException.class, Files.createDirectory(dir.resolve("folder.gif")));
    }

    @Test
    void mutatedFilesNeverEscapeUntyped() throws Exception {
        Path a = dir.resolve("a.gif");
        write(a, synthetic("synthetic:9x7:gray8:3"), WriteOptions.defaults());
        Path b = dir.resolve("b.gif");
        write(b, synthetic("synthetic:8x5:rgb24:2"), WriteOptions.defaults());
        List<byte[]> seeds = List.of(Files.readAllBytes(a), Files.readAllBytes(b));
        Random rnd = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int k = 0; k < 200; k++) {
                byte[] src = seeds.get(k % 2);
                byte[] m;
                if (rnd.nextInt(3) == 0) {
                    m = Arrays.copyOf(src, rnd.nextInt(src.length));
                } else {
                    m = src.clone();
                    for (int i = 0, n = 1 + rnd.nextInt(6); i < n; i++) {
                        int at = rnd.nextInt(Math.min(m.length, rnd.nextBoolean() ? 40 : m.length));
                        m[at] = (byte) rnd.nextInt(256);
                    }
                }
                Path f = Files.write(dir.resolve("mut" + k + ".gif"), m);
                try (SequenceReader r = format.open(f, opts)) {
                    for (int i = 0; i < r.frameCount(); i++) {
                        r.read(i);
                    }
                } catch (EasimageException e) {
                    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
                }
                Files.delete(f);
            }
        });
    }

    private <T extends EasimageException> void assertNamed(Class<T> type, Path f) {
        T e = assertThrows(type, () -> {
            try (SequenceReader r = format.open(f, opts)) {
                for (int i = 0; i < r.frameCount(); i++) {
                    r.read(i);
                }
            }
        });
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    private void write(Path out, List<Frame> frames, WriteOptions o) throws IOException {
        TestSequences.write(format, out, frames, o);
    }
}
