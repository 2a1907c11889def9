package org.easimage.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.easimage.testing.TestSequences.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Format;
import org.easimage.io.Formats;
import org.easimage.io.OutputWriteException;
import org.easimage.io.ProbeInput;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TiffFormatTest {

    @TempDir
    Path dir;

    /** A BigTIFF strip offset near 2^63 (offset + byte count overflows) puts the data past the end of the file. */
    @Test
    void aStripOffsetThatOverflowsIsPastTheEndOfTheFile() throws Exception {
        Path f = dir.resolve("overflow.tif");
        TestSequences.write(new TiffFormat(), f, synthetic("synthetic:3x2:GRAY8:2"), WriteOptions.defaults()
                .with(new TiffWriteOptions(TiffCompression.NONE, BigTiffMode.ALWAYS)));
        TiffStructure.Entry strips = TiffStructure.read(f).firstIfd.get(TiffStructure.TAG_STRIP_OFFSETS);
        assertEquals(1, strips.count());
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putLong((int) strips.dataOffset(), Long.MAX_VALUE - 2);
        Files.write(f, b);
        TiffStructure s = TiffStructure.read(f);
        assertEquals(0, s.truncatedAt, "page 0's data lies past the end");
        assertThrows(TruncatedInputException.class, () -> new TiffFormat().open(f, ReadOptions.defaults()
                .withTruncation(TruncationPolicy.SALVAGE)));
    }

    private final TiffFormat format = new TiffFormat();
    private final List<String> warnings = new ArrayList<>();
    private final ReadOptions quiet = ReadOptions.defaults().withWarnings(warnings::add);

    // ---------- real files ----------

    @Test
    void calciumImagingMatchesRawStripBytes() throws Exception {
        Path f = SharedData.file("tiff/calcium_imaging.tif");
        try (SequenceReader r = format.open(f, quiet)) {
            assertEquals(1000, r.frameCount());
            assertEquals(FrameSpec.of(40, 30, PixelType.GRAY16), r.spec());
            ReaderContract.check(r);
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Frame fr : r) {
                for (short s : Frames.toShorts(fr)) {
                    min = Math.min(min, s & 0xFFFF);
                    max = Math.max(max, s & 0xFFFF);
                }
            }
            assertEquals(38, min);
            assertEquals(16268, max);
            assertArrayEquals16(rawFirstPage(f, 40 * 30), Frames.toShorts(r.read(0)));
            assertEquals(1000L, r.info().metadata().asMap().get("describedFrames"));
            assertTrue(warnings.isEmpty(), warnings.toString());
        }
    }

    @Test
    void pimsBigEndianStack() throws Exception {
        Path f = SharedData.file("tiff/pims_tiff_stack.tif");
        try (SequenceReader r = format.open(f, quiet)) {
            assertEquals(5, r.frameCount());
            assertEquals(FrameSpec.of(512, 512, PixelType.GRAY16), r.spec());
            assertEquals("big-endian", r.info().metadata().asMap().get("byteOrder"));
            ReaderContract.check(r);
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Frame fr : r) {
                for (short s : Frames.toShorts(fr)) {
                    min = Math.min(min, s & 0xFFFF);
                    max = Math.max(max, s & 0xFFFF);
                }
            }
            assertEquals(477, min);
            assertEquals(576, max);
            assertArrayEquals16(rawFirstPage(f, 512 * 512), Frames.toShorts(r.read(0)));
        }
    }

    @Test
    void tinyGrayAndFloatRgbFiles() throws Exception {
        try (SequenceReader r = format.open(SharedData.file("tiff/multipage.tif"), quiet)) {
            assertEquals(2, r.frameCount());
            assertEquals(FrameSpec.of(10, 15, PixelType.GRAY8), r.spec());
            ReaderContract.check(r);
        }
        try (SequenceReader r = format.open(SharedData.file("tiff/multipage_rgb.tif"), quiet)) {
            assertEquals(2, r.frameCount());
            assertEquals(FrameSpec.of(10, 10, PixelType.RGB96F), r.spec());
            ReaderContract.check(r);
            for (Frame fr : r) {
                float[] v = Frames.toFloats(fr);
                for (float x : v) {
                    assertTrue(x >= 0 && x <= 1, "value " + x);
                }
                assertTrue(Arrays.stream(toDouble(v)).distinct().count() > 10, "not a constant image");
            }
        }
    }

    /** Reads page 0 as raw uint16 samples from the strips named by the first IFD (independent mini parser). */
    private static short[] rawFirstPage(Path f, int samples) throws IOException {
        byte[] all = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(all).order(all[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xFFFF;
        long[] offs = null;
        long[] counts = null;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xFFFF;
            if (tag == 273 || tag == 279) {
                int type = b.getShort(e + 2);
                int count = b.getInt(e + 4);
                long[] v = new long[count];
                int size = type == 3 ? 2 : 4;
                int at = count * size <= 4 ? e + 8 : b.getInt(e + 8);
                for (int k = 0; k < count; k++) {
                    v[k] = size == 2 ? b.getShort(at + 2 * k) & 0xFFFF : b.getInt(at + 4 * k) & 0xFFFFFFFFL;
                }
                if (tag == 273) {
                    offs = v;
                } else {
                    counts = v;
                }
            }
        }
        short[] out = new short[samples];
        int k = 0;
        for (int s = 0; s < offs.length && k < samples; s++) {
            for (long p = offs[s]; p < offs[s] + counts[s] && k < samples; p += 2) {
                out[k++] = b.getShort((int) p);
            }
        }
        assertEquals(samples, k);
        return out;
    }

    private static void assertArrayEquals16(short[] expected, short[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    // ---------- round trips ----------

    @ParameterizedTest
    @EnumSource(TiffCompression.class)
    void roundTripsBitExactForEveryTypeAtAnOddSize(TiffCompression c) throws Exception {
        String[] types = {"gray8", "gray16", "rgb24", "rgb48", "rgba32", "rgba64", "gray32f", "rgb96f"};
        for (String type : types) {
            Path out = dir.resolve(type + "-" + c + ".tif");
            List<Frame> frames = synthetic("synthetic:145x951:" + type + ":3");
            write(out, frames, WriteOptions.defaults().with(TiffWriteOptions.of(c)));
            try (SequenceReader r = format.open(out, quiet)) {
                assertEquals(3, r.frameCount());
                assertEquals(frames.get(0).spec(), r.spec(), type);
                for (int i = 0; i < 3; i++) {
                    assertTrue(frames.get(i).pixelsEqual(r.read(i)), type + " " + c + " frame " + i);
                }
                assertEquals("big-endian", r.info().metadata().asMap().get("byteOrder"));
                assertEquals(3L, r.info().metadata().asMap().get("describedFrames"), type);
            }
            assertTrue(warnings.isEmpty(), warnings.toString());
        }
    }

    @Test
    void readsPackBitsLzwAndDeflateFromTheJdkWriter() throws Exception {
        for (String type : new String[] {"gray8", "gray16", "rgb24", "rgb48"}) {
            for (String compression : new String[] {"PackBits", "LZW", "Deflate"}) {
                List<Frame> frames = synthetic("synthetic:33x21:" + type + ":2");
                Path f = dir.resolve(type + compression + ".tif");
                ImageWriter w = null;
                for (var it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
                    ImageWriter c = it.next();
                    if (c.getClass().getName().startsWith("com.sun")) {
                        w = c;
                    }
                }
                try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
                    w.setOutput(out);
                    javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
                    p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
                    p.setCompressionType(compression);
                    w.prepareWriteSequence(null);
                    for (Frame fr : frames) {
                        w.writeToSequence(new IIOImage(Frames.toBufferedImage(fr), null, null), p);
                    }
                    w.endWriteSequence();
                } finally {
                    w.dispose();
                }
                try (SequenceReader r = format.open(f, quiet)) {
                    assertEquals(2, r.frameCount());
                    for (int i = 0; i < 2; i++) {
                        assertTrue(frames.get(i).pixelsEqual(r.read(i)), type + " " + compression + " " + i);
                    }
                }
            }
        }
    }

    @Test
    void readsAHandMadeLittleEndianDeflateGray16File() throws Exception {
        List<Frame> frames = synthetic("synthetic:13x7:gray16:2");
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0); // first IFD offset patched below
        int prevNext = 4;
        for (Frame f : frames) {
            ByteBuffer raw = ByteBuffer.allocate(13 * 7 * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (short v : Frames.toShorts(f)) {
                raw.putShort(v);
            }
            java.util.zip.Deflater d = new java.util.zip.Deflater();
            d.setInput(raw.array());
            d.finish();
            byte[] z = new byte[1024];
            int zn = d.deflate(z);
            d.end();
            int strip = b.position();
            b.put(z, 0, zn);
            if (b.position() % 2 == 1) {
                b.put((byte) 0);
            }
            int ifd = b.position();
            b.putInt(prevNext, ifd);
            int[][] tags = {{256, 3, 13}, {257, 3, 7}, {258, 3, 16}, {259, 3, 8}, {262, 3, 1}, {273, 4, strip},
                {277, 3, 1}, {278, 3, 7}, {279, 4, zn}};
            b.putShort((short) tags.length);
            for (int[] t : tags) {
                b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
                if (t[1] == 3) {
                    b.putShort((short) t[2]).putShort((short) 0);
                } else {
                    b.putInt(t[2]);
                }
            }
            prevNext = b.position();
            b.putInt(0);
        }
        Path f = Files.write(dir.resolve("le-deflate.tif"), Arrays.copyOf(b.array(), b.position()));
        try (SequenceReader r = format.open(f, quiet)) {
            assertEquals("little-endian", r.info().metadata().asMap().get("byteOrder"));
            assertEquals("deflate", r.info().metadata().asMap().get("compression"));
            assertEquals(2, r.frameCount());
            for (int i = 0; i < 2; i++) {
                assertTrue(frames.get(i).pixelsEqual(r.read(i)), "page " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = BigTiffMode.class, names = {"NEVER", "ALWAYS"})
    void irregularFrameTimesAndTheStartRoundTripExactlyInALongDescription(BigTiffMode mode) throws Exception {
        Path out = dir.resolve("times-" + mode + ".tif");
        Instant start = Instant.parse("2015-07-01T18:41:15.775430123Z");
        Random rnd = new Random(3);
        List<Frame> frames = new ArrayList<>();
        long ns = 0;
        for (int i = 0; i < 700; i++) { // ~11 characters a frame: far past the placeholder, appended at the end
            Frame f = Frames.allocate(FrameSpec.of(3, 2, PixelType.GRAY16), i).withTime(Duration.ofNanos(ns))
                    .withTimestamp(start.plusNanos(ns));
            f.setSample(i % 3, 1, 0, i);
            frames.add(f);
            ns += 33_000_000 + rnd.nextInt(2_000_001) + (i == 500 ? 5_000_000_000L : 0); // a 5 s pause too
        }
        write(out, frames, WriteOptions.defaults().with(new TiffWriteOptions(TiffCompression.NONE, mode)));
        try (SequenceReader r = format.open(out, quiet)) {
            assertEquals(700, r.frameCount());
            for (int i = 0; i < 700; i++) {
                assertEquals(frames.get(i).time(), r.time(i), "time of page " + i + " to the nanosecond");
                assertEquals(frames.get(i).timestamp(), r.timestamp(i));
            }
            assertEquals(mode == BigTiffMode.ALWAYS, r.info().metadata().asMap().get("bigTiff"));
            String d = (String) r.info().metadata().asMap().get("description");
            // an ImageJ hyperstack of 700 frames in time (issue 18), with the exact times as extra keys
            assertTrue(d.startsWith("ImageJ=1.11a\nimages=700\nframes=700\nhyperstack=true\n"), d.substring(0, 200));
            assertTrue(d.contains("\nacquisition_start=2015-07-01T18:41:15.775430123Z\nframe_times=0,0.0"),
                    d.substring(0, 300));
            assertTrue(d.endsWith(" characters)"), "a long description is abbreviated in the metadata");
            assertEquals(java.util.Optional.empty(), r.info().frameRate());
            ReaderContract.check(r);
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void regularTimesAreStoredAsARateAndNoTimesAsNothing() throws Exception {
        Path cfr = dir.resolve("cfr.tif");
        write(cfr, synthetic("synthetic:5x4:gray8:7:30000/1001"),
                WriteOptions.defaults().withFrameRate(org.easimage.io.Rational.of(30000, 1001)));
        TiffStructure s = TiffStructure.read(cfr);
        assertEquals("ImageJ=1.11a\nimages=7\nframes=7\nhyperstack=true\nloop=false\nfinterval="
                + 1001 / 30000.0 + "\nframe_rate=30000/1001", s.description.strip());
        assertTrue(s.firstIfd.get(270).count() > s.description.strip().length() + 1,
                "the description stayed in its space-padded placeholder");
        try (SequenceReader r = format.open(cfr, quiet)) {
            assertEquals(java.util.Optional.of(org.easimage.io.Times.atIndex(6, org.easimage.io.Rational.of(30000,
                    1001))), r.time(6));
            assertEquals(java.util.Optional.empty(), r.timestamp(6), "synthetic frames have no date");
        }
        Path none = dir.resolve("none.tif");
        List<Frame> untimed = new ArrayList<>();
        for (Frame f : synthetic("synthetic:5x4:gray8:3")) {
            untimed.add(f.withTime(null));
        }
        write(none, untimed, WriteOptions.defaults());
        assertEquals("ImageJ=1.11a\nimages=3\nframes=3\nhyperstack=true\nloop=false",
                TiffStructure.read(none).description.strip());
        try (SequenceReader r = format.open(none, quiet)) {
            assertEquals(java.util.Optional.empty(), r.time(2));
            assertEquals(java.util.Optional.empty(), r.timestamp(2));
        }
    }

    @Test
    void registryPicksTiffForTifFilesBothWays() throws Exception {
        Path out = dir.resolve("reg.tif");
        write(out, synthetic("synthetic:8x6:gray16:4"), WriteOptions.defaults());
        try (SequenceReader r = Formats.open(out)) {
            assertEquals("tiff", r.info().format());
            assertEquals(4, r.frameCount());
        }
        assertEquals(Format.Confidence.CONTENT, format.probe(ProbeInput.of(out)).confidence());
    }

    @Test
    void imageJContiguousStackWithOneIfdIsReadRaw() throws Exception {
        Path one = dir.resolve("one.tif");
        List<Frame> frames = synthetic("synthetic:20x10:gray16:3");
        write(one, frames.subList(0, 1), WriteOptions.defaults());
        byte[] bytes = Files.readAllBytes(one);
        TiffStructure s = TiffStructure.read(one);
        assertEquals(bytes.length, s.pages.get(0).dataEnd(), "the writer puts page data last");
        TiffStructure.Entry d = s.firstIfd.get(270);
        String ij = "ImageJ=1.54f\nimages=3\nslices=3\n";
        byte[] text = (ij + " ".repeat((int) d.count() - 1 - ij.length())).getBytes();
        System.arraycopy(text, 0, bytes, (int) d.dataOffset(), text.length);
        ByteBuffer more = ByteBuffer.allocate(2 * 400).order(ByteOrder.BIG_ENDIAN);
        for (int k = 1; k < 3; k++) {
            for (short v : Frames.toShorts(frames.get(k))) {
                more.putShort(v);
            }
        }
        byte[] all = Arrays.copyOf(bytes, bytes.length + 800);
        System.arraycopy(more.array(), 0, all, bytes.length, 800);
        Path ijFile = Files.write(dir.resolve("ij.tif"), all);
        try (SequenceReader r = format.open(ijFile, quiet)) {
            assertEquals(3, r.frameCount());
            ReaderContract.check(r);
            for (int k = 0; k < 3; k++) {
                assertTrue(frames.get(k).pixelsEqual(r.read(k)), "page " + k);
            }
        }
        Path cut = Files.write(dir.resolve("ijcut.tif"), Arrays.copyOf(all, all.length - 100));
        assertEquals(2, assertNamed(TruncatedInputException.class, cut).completeFrames());
        try (SequenceReader r = format.open(cut, quiet.withTruncation(TruncationPolicy.SALVAGE))) {
            assertEquals(2, r.frameCount());
            assertTrue(frames.get(1).pixelsEqual(r.read(1)));
        }
    }

    @Test
    void bigTiffAlwaysRoundTrips() throws Exception {
        Path out = dir.resolve("big.tif");
        List<Frame> frames = synthetic("synthetic:31x17:gray16:5");
        write(out, frames, WriteOptions.defaults().with(
                new TiffWriteOptions(TiffCompression.DEFLATE, BigTiffMode.ALWAYS)));
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), 4);
        assertEquals(43, head[3]);
        try (SequenceReader r = format.open(out, quiet)) {
            assertEquals(Boolean.TRUE, r.info().metadata().asMap().get("bigTiff"));
            for (int i = 0; i < 5; i++) {
                assertTrue(frames.get(i).pixelsEqual(r.read(i)));
            }
            assertEquals(5L, r.info().metadata().asMap().get("describedFrames"));
        }
    }

    @Test
    void autoModeSwitchesToBigTiffWhenTheLimitIsPassed() throws Exception {
        Path out = dir.resolve("auto.tif");
        List<Frame> frames = synthetic("synthetic:145x951:gray8:4");
        // a lowered limit: page 0 fits, page 1 does not, so the writer must convert and go on
        TiffWriter w = new TiffWriter(out, WriteOptions.defaults(), 200_000);
        try (w) {
            w.write(frames.get(0));
            assertFalse(w.isBigTiff());
            for (int i = 1; i < frames.size(); i++) {
                w.write(frames.get(i));
            }
            assertTrue(w.isBigTiff());
            assertFalse(Files.exists(out), "nothing is published before finish()");
            w.finish();
        }
        assertEquals(43, Files.readAllBytes(out)[3]);
        try (SequenceReader r = format.open(out, quiet)) {
            assertEquals(4, r.frameCount());
            for (int i = 0; i < 4; i++) {
                assertTrue(frames.get(i).pixelsEqual(r.read(i)));
            }
            assertEquals(4L, r.info().metadata().asMap().get("describedFrames"));
        }
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary left behind");
        }
    }

    @Test
    void neverModeFailsCleanlyPastTheLimit() throws Exception {
        Path out = dir.resolve("never.tif");
        List<Frame> frames = synthetic("synthetic:145x951:gray8:2");
        WriteOptions o = WriteOptions.defaults().with(new TiffWriteOptions(TiffCompression.NONE, BigTiffMode.NEVER));
        try (TiffWriter w = new TiffWriter(out, o, 200_000)) {
            w.write(frames.get(0));
            OutputWriteException e = assertThrows(OutputWriteException.class, () -> w.write(frames.get(1)));
            assertTrue(e.getMessage().contains("4 GiB"), e.getMessage());
        }
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void rejectsUnsupportedAndMismatchedFrames() throws Exception {
        try (SequenceWriter w = format.create(dir.resolve("rgb48.tif"), WriteOptions.defaults().with(
                new TiffWriteOptions(TiffCompression.NONE, BigTiffMode.ALWAYS)))) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> w.write(synthetic("synthetic:8x6:rgb48:1").get(0)));
            assertTrue(e.getMessage().contains("BigTIFF"), e.getMessage());
        }
        try (SequenceWriter w = format.create(dir.resolve("m.tif"), WriteOptions.defaults())) {
            w.write(synthetic("synthetic:8x6:gray8:1").get(0));
            assertThrows(org.easimage.io.FrameMismatchException.class,
                    () -> w.write(synthetic("synthetic:8x7:gray8:1").get(0)));
        }
    }

    // ---------- bad inputs ----------

    @Test
    void badInputsGiveTypedErrorsNamingTheFile() throws Exception {
        Path empty = Files.write(dir.resolve("empty.tif"), new byte[0]);
        assertNamed(CorruptInputException.class, empty);
        Path garbage = Files.write(dir.resolve("garbage.tif"), "this is not a tiff file at all".getBytes());
        assertNamed(CorruptInputException.class, garbage);
        Path header = Files.write(dir.resolve("header.tif"), new byte[] {'I', 'I', 42, 0, 8, 0});
        assertNamed(CorruptInputException.class, header);
        Path folder = Files.createDirectory(dir.resolve("folder.tif"));
        assertNamed(EasimageException.class, folder);

        Path good = dir.resolve("good.tif");
        write(good, synthetic("synthetic:20x10:gray16:3"), WriteOptions.defaults());
        byte[] bytes = Files.readAllBytes(good);
        TiffStructure s = TiffStructure.read(good);

        // truncated in the pixel data of the last page
        long cut = s.pages.get(2).dataEnd() - 50;
        Path trunc = Files.write(dir.resolve("trunc.tif"), Arrays.copyOf(bytes, (int) cut));
        TruncatedInputException te = assertNamed(TruncatedInputException.class, trunc);
        // the writer places page data before its IFD: cutting page 2 may remove its IFD too; either way <= 2 complete
        assertTrue(te.completeFrames() <= 2);
        try (SequenceReader r = format.open(trunc, quiet.withTruncation(TruncationPolicy.SALVAGE))) {
            assertEquals(te.completeFrames(), r.frameCount());
        } catch (CorruptInputException e) {
            assertTrue(e.getMessage().contains(trunc.toString()));
        }

        // IFD loop: page 2's next pointer back to page 1
        Path loop = patched(bytes, "loop.tif", nextPointer(bytes, s.pages.get(2).ifdOffset()),
                (int) s.pages.get(1).ifdOffset());
        assertTrue(assertNamed(CorruptInputException.class, loop).getMessage().contains("loops"));
        // IFD offset past the end of the file
        Path beyond = patched(bytes, "beyond.tif", nextPointer(bytes, s.pages.get(0).ifdOffset()), bytes.length + 100);
        assertNamed(CorruptInputException.class, beyond);
        // zero width
        Path zero = patched(bytes, "zero.tif", (int) s.firstIfd.get(256).valueFieldOffset(), 0);
        assertTrue(assertNamed(CorruptInputException.class, zero).getMessage().contains("size"));
        // a size far beyond what the file can hold (single page, so no page-mismatch check interferes)
        Path single = dir.resolve("single.tif");
        write(single, synthetic("synthetic:20x10:gray16:1"), WriteOptions.defaults());
        byte[] sb = Files.readAllBytes(single);
        TiffStructure ss = TiffStructure.read(single);
        ByteBuffer.wrap(sb).order(ByteOrder.BIG_ENDIAN)
                .putShort((int) ss.firstIfd.get(256).valueFieldOffset(), (short) 20000)
                .putShort((int) ss.firstIfd.get(257).valueFieldOffset(), (short) 20000);
        Path huge = Files.write(dir.resolve("huge.tif"), sb);
        String hm = assertNamed(CorruptInputException.class, huge).getMessage();
        assertTrue(hm.contains("implausible"), hm);
    }

    @Test
    void pagesOfDifferentSizesAreRejectedNamingThePage() throws Exception {
        Path f = dir.resolve("mixed.tif");
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            w.writeToSequence(new IIOImage(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), null, null), null);
            w.writeToSequence(new IIOImage(new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY), null, null), null);
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        CorruptInputException e = assertNamed(CorruptInputException.class, f);
        assertTrue(e.getMessage().contains("page 1"), e.getMessage());
    }

    @Test
    void mutatedAndTruncatedFilesNeverEscapeUntyped() throws Exception {
        Path a = dir.resolve("a.tif");
        write(a, synthetic("synthetic:7x5:gray16:3"), WriteOptions.defaults());
        Path b = dir.resolve("b.tif");
        write(b, synthetic("synthetic:6x4:rgb24:2"), WriteOptions.defaults().with(TiffWriteOptions.of(
                TiffCompression.DEFLATE)));
        List<byte[]> seeds = List.of(Files.readAllBytes(a), Files.readAllBytes(b));
        Random rnd = new Random(1234);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int k = 0; k < 200; k++) {
                byte[] src = seeds.get(k % 2);
                byte[] m = mutate(src, rnd);
                Path f = Files.write(dir.resolve("mut" + k + ".tif"), m);
                try (SequenceReader r = format.open(f, quiet)) {
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

    static byte[] mutate(byte[] src, Random rnd) {
        byte[] m;
        if (rnd.nextInt(3) == 0) {
            m = Arrays.copyOf(src, rnd.nextInt(src.length));
        } else {
            m = src.clone();
            int flips = 1 + rnd.nextInt(6);
            for (int i = 0; i < flips; i++) {
                int at = rnd.nextInt(Math.min(m.length, rnd.nextBoolean() ? 64 : m.length));
                m[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : m[at] ^ (1 << rnd.nextInt(8)));
            }
            // also aim at the IFDs, which sit at the end of files written by TwelveMonkeys
            int at = m.length - 1 - rnd.nextInt(Math.min(m.length, 300));
            m[at] = (byte) rnd.nextInt(256);
        }
        return m;
    }

    // ---------- helpers ----------

    private <T extends EasimageException> T assertNamed(Class<T> type, Path f) {
        T e = assertThrows(type, () -> {
            try (SequenceReader r = format.open(f, quiet)) {
                for (int i = 0; i < r.frameCount(); i++) {
                    r.read(i);
                }
            }
        });
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        return e;
    }

    private static int nextPointer(byte[] bytes, long ifd) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int n = b.getShort((int) ifd) & 0xFFFF;
        return (int) ifd + 2 + 12 * n;
    }

    private Path patched(byte[] bytes, String name, int at, int value) throws IOException {
        byte[] m = bytes.clone();
        ByteBuffer.wrap(m).order(ByteOrder.BIG_ENDIAN).putInt(at, value);
        return Files.write(dir.resolve(name), m);
    }

    /** 12 of 16 bits survive a TIFF round trip (SMaxSampleValue on every page), pixels bit-exact; 16 stays 16. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {10, 12, 16})
    void significantBitsSurviveARoundTrip(int bits) throws Exception {
        FrameSpec spec = new FrameSpec(7, 3, PixelType.GRAY16, bits);
        List<Frame> in = new ArrayList<>();
        Random rnd = new Random(bits);
        for (int i = 0; i < 3; i++) {
            short[] px = new short[21];
            for (int k = 0; k < px.length; k++) {
                px[k] = (short) rnd.nextInt(1 << bits);
            }
            in.add(Frames.ofShorts(spec, px, i));
        }
        Path out = dir.resolve("bits" + bits + ".tif");
        write(out, in, WriteOptions.defaults());
        TiffStructure s = TiffStructure.read(out);
        assertEquals(bits < 16, s.firstIfd.containsKey(TiffStructure.TAG_SMAX_SAMPLE_VALUE), "tag 341 in " + s.firstIfd.keySet());
        assertFalse(s.firstIfd.keySet().stream().anyMatch(t -> t > 65000), "no private placeholder left");
        try (SequenceReader r = format.open(out, quiet)) {
            assertEquals(bits, r.spec().significantBits());
            for (int i = 0; i < 3; i++) {
                assertTrue(r.read(i).pixelsEqual(in.get(i)), "frame " + i);
            }
        }
    }

    private void write(Path out, List<Frame> frames, WriteOptions o) throws IOException {
        TestSequences.write(format, out, frames, o);
    }
}
