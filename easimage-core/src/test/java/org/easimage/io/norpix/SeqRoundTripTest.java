package org.easimage.io.norpix;

import static org.easimage.io.norpix.SeqTestFiles.frames;
import static org.easimage.io.norpix.SeqTestFiles.patchInt;
import static org.easimage.io.norpix.SeqTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writer round trips (bit-identical raw, PSNR for JPEG) and the pixel layouts the writer does not produce. */
class SeqRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"145,951,GRAY8,8", "145,951,GRAY16,16", "145,951,GRAY16,12", "145,951,RGB24,8", "1,1,GRAY8,8",
        "1,1,GRAY16,12", "1,1,RGB24,8", "3,5,GRAY8,8", "3,5,GRAY16,12", "3,5,RGB24,8"})
    void rawRoundTripIsBitIdentical(int w, int h, PixelType type, int bits) throws Exception {
        FrameSpec spec = new FrameSpec(w, h, type, bits);
        List<Frame> in = frames(spec, 4, w * 31L + h + bits);
        Path f = write(dir.resolve("rt.seq"), in);
        assertEquals(0, Files.size(f) % 8192, "slots are 8192-aligned");
        try (SequenceReader r = Formats.open(f)) {
            assertEquals("norpix-seq", r.info().format());
            assertEquals(4, r.frameCount());
            assertEquals(spec, r.spec());
            for (int i = 0; i < 4; i++) {
                Frame got = r.read(i);
                assertTrue(got.pixelsEqual(in.get(i)), "pixels of frame " + i);
                assertEquals(in.get(i).timestamp(), got.timestamp(), "timestamp to the microsecond");
                assertEquals(in.get(i).timestamp(), r.timestamp(i));
            }
            ReaderContract.check(r);
        }
    }

    @Test
    void storesColourAsBgrAndHeaderFieldsAsStreamPix() throws Exception {
        FrameSpec spec = FrameSpec.of(2, 1, PixelType.RGB24);
        Frame f = Frames.wrap(spec, new byte[] {1, 2, 3, 4, 5, 6}, 0).withTimestamp(SeqTestFiles.T0);
        Path p = write(dir.resolve("c.seq"), List.of(f), WriteOptions.defaults().withFrameRate(Rational.of(25)));
        byte[] all = Files.readAllBytes(p);
        assertEquals(3, all[8192]);
        assertEquals(1, all[8194]);
        SeqHeader h = SeqHeader.parse(ByteBuffer.wrap(all));
        assertEquals(200, h.get(SeqHeader.Field.IMAGE_FORMAT));
        assertEquals(5, h.get(SeqHeader.Field.VERSION));
        assertEquals(1, h.get(SeqHeader.Field.ALLOCATED_FRAMES));
        assertEquals(8192, h.get(SeqHeader.Field.TRUE_IMAGE_SIZE));
        assertEquals(25.0, h.frameRate());
        assertEquals("Norpix seq", h.text(SeqHeader.Field.NAME));
    }

    @Test
    void timesFromTheFrameRateWhenFramesHaveNoneAndNoInventedDate() throws Exception {
        FrameSpec spec = FrameSpec.of(4, 4, PixelType.GRAY8);
        List<Frame> in = new ArrayList<>();
        for (Frame f : frames(spec, 3, 1)) {
            in.add(f.withTimestamp(null));
        }
        Path p = write(dir.resolve("t.seq"), in, WriteOptions.defaults().withFrameRate(Rational.of(25)));
        try (SequenceReader r = Formats.open(p)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.of(Duration.ofMillis(40L * i)), r.time(i));
                assertEquals(Optional.empty(), r.timestamp(i), "no date was stated, none is invented");
                assertEquals(Optional.empty(), r.read(i).timestamp());
            }
            assertEquals(Rational.of(25), r.info().frameRate().orElseThrow());
        }
    }

    @Test
    void descriptionRoundTrips() throws Exception {
        Path p = write(dir.resolve("d.seq"), frames(FrameSpec.of(2, 2, PixelType.GRAY8), 1, 3),
                WriteOptions.defaults().with(new SeqWriteOptions(SeqWriteOptions.Compression.NONE, null, "run 7 µ")));
        try (SequenceReader r = Formats.open(p)) {
            assertEquals("run 7 µ", r.info().metadata().asMap().get("description"));
        }
    }

    @Test
    void msbAlignedSixteenBitIsShiftedDown() throws Exception {
        FrameSpec spec = FrameSpec.of(5, 3, PixelType.GRAY16);
        List<Frame> in = frames(spec.withSignificantBits(12), 2, 5);
        List<Frame> shifted = new ArrayList<>();
        for (Frame f : in) {
            Frame s = Frames.allocate(spec, f.index()).withTimestamp(f.timestamp().orElseThrow());
            short[] v = Frames.toShorts(f);
            for (int k = 0; k < v.length; k++) {
                s.shorts().put(k, (short) (v[k] << 4));
            }
            shifted.add(s);
        }
        Path p = write(dir.resolve("msb.seq"), shifted);
        patchInt(p, SeqHeader.Field.IMAGE_FORMAT.offset(), SeqHeader.MONO_MSB);
        patchInt(p, SeqHeader.Field.BIT_DEPTH_REAL.offset(), 12);
        try (SequenceReader r = Formats.open(p)) {
            assertEquals(12, r.spec().significantBits());
            for (int i = 0; i < 2; i++) {
                assertTrue(r.read(i).pixelsEqual(in.get(i)));
            }
        }
    }

    @Test
    void rgbAndBgrxLayoutsAreConvertedToRgb() throws Exception {
        // a GRAY8 file of width 3w (or 4w) has the byte layout of a w-wide RGB (or BGRx) file: relabel its header
        int w = 3;
        int h = 2;
        List<Frame> rgbBytes = frames(FrameSpec.of(3 * w, h, PixelType.GRAY8), 2, 11);
        Path rgb = write(dir.resolve("rgb.seq"), rgbBytes);
        patchInt(rgb, SeqHeader.Field.WIDTH.offset(), w);
        patchInt(rgb, SeqHeader.Field.BIT_DEPTH.offset(), 24);
        patchInt(rgb, SeqHeader.Field.IMAGE_FORMAT.offset(), SeqHeader.RGB);
        try (SequenceReader r = Formats.open(rgb)) {
            assertEquals(PixelType.RGB24, r.spec().pixelType());
            assertEquals(ByteBuffer.wrap(Frames.toBytes(rgbBytes.get(1))), r.read(1).buffer());
        }
        List<Frame> bgrx = frames(FrameSpec.of(4 * w, h, PixelType.GRAY8), 2, 12);
        Path p = write(dir.resolve("bgrx.seq"), bgrx);
        patchInt(p, SeqHeader.Field.WIDTH.offset(), w);
        patchInt(p, SeqHeader.Field.BIT_DEPTH.offset(), 32);
        patchInt(p, SeqHeader.Field.IMAGE_FORMAT.offset(), SeqHeader.BGRX);
        try (SequenceReader r = Formats.open(p)) {
            byte[] src = Frames.toBytes(bgrx.get(1));
            Frame got = r.read(1);
            for (int px = 0; px < w * h; px++) {
                assertEquals(src[4 * px + 2], got.buffer().get(3 * px));
                assertEquals(src[4 * px + 1], got.buffer().get(3 * px + 1));
                assertEquals(src[4 * px], got.buffer().get(3 * px + 2));
            }
            ReaderContract.check(r);
        }
    }

    @Test
    void circularBufferIsReadInLogicalOrder() throws Exception {
        List<Frame> in = frames(FrameSpec.of(7, 3, PixelType.GRAY8), 5, 21);
        Path p = write(dir.resolve("loop.seq"), in);
        patchInt(p, SeqHeader.Field.OLDEST_FRAME_INDEX.offset(), 2);
        try (SequenceReader r = Formats.open(p)) {
            assertEquals(5, r.frameCount());
            int[] slots = {2, 3, 4, 0, 1};
            for (int i = 0; i < 5; i++) {
                assertTrue(r.read(i).pixelsEqual(in.get(slots[i])), "logical frame " + i);
                assertEquals(in.get(slots[i]).timestamp(), r.timestamp(i));
            }
            assertEquals("circular, starting at slot 2", r.info().metadata().asMap().get("frameOrder"));
            ReaderContract.check(r);
        }
    }

    @Test
    void jpegRoundTripOfRealFramesHasHighPsnr() throws Exception {
        Path src = SharedData.file("seq/pims_sample_norpix6.seq");
        List<Frame> in = new ArrayList<>();
        try (SequenceReader r = Formats.open(src)) {
            for (Frame f : r) {
                in.add(f);
            }
        }
        Path p = write(dir.resolve("j.seq"), in, WriteOptions.defaults().with(SeqWriteOptions.jpeg(null)));
        try (SequenceReader r = Formats.open(p)) {
            assertEquals("JPEG", r.info().metadata().asMap().get("compressionName"));
            assertEquals("scan", r.info().metadata().asMap().get("jpegIndex"));
            assertEquals(6, r.frameCount());
            for (int i = 0; i < 6; i++) {
                Frame got = r.read(i);
                assertEquals(in.get(i).timestamp(), got.timestamp());
                double psnr = psnr(in.get(i), got);
                assertTrue(psnr > 35, "PSNR " + psnr + " of frame " + i);
            }
            ReaderContract.check(r);
        }
    }

    @Test
    void jpegColourRoundTripAndSidecarIndex() throws Exception {
        FrameSpec spec = FrameSpec.of(33, 17, PixelType.RGB24);
        List<Frame> in = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Frame f = Frames.allocate(spec, i).withTimestamp(SeqTestFiles.T0.plusSeconds(i));
            for (int y = 0; y < 17; y++) {
                for (int x = 0; x < 33; x++) {
                    f.setSample(x, y, 0, x * 7 + i);
                    f.setSample(x, y, 1, y * 9);
                    f.setSample(x, y, 2, 128);
                }
            }
            in.add(f);
        }
        Path p = write(dir.resolve("jc.seq"), in, WriteOptions.defaults().withQuality(98)
                .with(SeqWriteOptions.jpeg(null)));
        long[] offsets = new long[4];
        int[] sizes = new int[4];
        try (SequenceReader r = Formats.open(p)) {
            assertEquals(PixelType.RGB24, r.spec().pixelType());
            for (int i = 0; i < 4; i++) {
                assertTrue(psnr(in.get(i), r.read(i)) > 35);
            }
        }
        // build a sidecar from a scan of the blocks
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 1024;
        ByteBuffer idx = ByteBuffer.allocate(24 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) {
            offsets[i] = pos;
            sizes[i] = data.getInt((int) pos);
            idx.putLong(pos).putInt(sizes[i]).putInt(0).putLong(0);
            pos += sizes[i] + 8;
        }
        Files.write(dir.resolve("jc.seq.idx"), idx.array());
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals("sidecar", r.info().metadata().asMap().get("jpegIndex"));
            ReaderContract.check(r);
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
        // a sidecar that disagrees with the data is ignored with a warning
        idx.putLong(24, offsets[1] + 3);
        Files.write(dir.resolve("jc.seq.idx"), idx.array());
        try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals("scan", r.info().metadata().asMap().get("jpegIndex"));
            assertEquals(4, r.frameCount());
            ReaderContract.check(r);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("jc.seq.idx"));
    }

    /**
     * A sidecar record whose offset is near 2^63 (so offset + size overflows) is a wrong index, even when the spot
     * check of the size prefixes (every n/16th record) does not look at it: the frames are then found by a scan.
     */
    @Test
    void aSidecarOffsetThatOverflowsIsNotTrusted() throws Exception {
        int n = 40;
        Path p = write(dir.resolve("big.seq"), frames(FrameSpec.of(6, 5, PixelType.GRAY8), n, 9),
                WriteOptions.defaults().with(SeqWriteOptions.jpeg(90)));
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer idx = ByteBuffer.allocate(24 * n).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 1024;
        for (int i = 0; i < n; i++) {
            int size = data.getInt((int) pos);
            idx.putLong(i == 1 ? Long.MAX_VALUE - 100 : pos).putInt(size).putInt(0).putLong(0);
            pos += size + 8;
        }
        Files.write(dir.resolve("big.seq.idx"), idx.array());
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals("scan", r.info().metadata().asMap().get("jpegIndex"));
            assertEquals(n, r.frameCount());
            r.read(1);
        }
        assertTrue(warnings.toString().contains("big.seq.idx"), warnings.toString());
    }

    @Test
    void writerRejectsTypesItCannotStore() throws Exception {
        Frame rgb48 = Frames.allocate(FrameSpec.of(2, 2, PixelType.RGB48));
        try (SequenceWriter w = Formats.create(dir.resolve("x.seq"))) {
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> w.write(rgb48));
            assertTrue(e.getMessage().contains("x.seq"));
        }
        Frame g16 = Frames.allocate(FrameSpec.of(2, 2, PixelType.GRAY16));
        try (SequenceWriter w = Formats.create(dir.resolve("y.seq"),
                WriteOptions.defaults().with(SeqWriteOptions.jpeg(80)))) {
            assertThrows(UnsupportedFormatException.class, () -> w.write(g16));
        }
        assertTrue(Files.notExists(dir.resolve("x.seq")));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary left behind");
        }
    }

    @Test
    void readIntoCallerBufferEqualsRead() throws Exception {
        List<Frame> in = frames(new FrameSpec(9, 4, PixelType.GRAY16, 10), 3, 8);
        Path p = write(dir.resolve("reuse.seq"), in);
        try (SequenceReader r = Formats.open(p)) {
            SeqReader sr = (SeqReader) r;
            ByteBuffer own = ByteBuffer.allocateDirect(9 * 4 * 2 + 8);
            for (int i = 0; i < 3; i++) {
                Frame f = sr.read(i, own);
                assertTrue(f.pixelsEqual(in.get(i)));
                assertEquals(in.get(i).timestamp(), f.timestamp());
            }
            assertThrows(IllegalArgumentException.class, () -> sr.read(0, ByteBuffer.allocate(10)));
            // the format-neutral form: each frame's storage serves the next read
            Frame prev = null;
            for (int i = 0; i < 3; i++) {
                Frame f = r.read(i, prev);
                assertTrue(f.pixelsEqual(in.get(i)), "frame " + i + " read into the previous frame's storage");
                assertEquals(in.get(i).timestamp(), f.timestamp());
                if (prev != null) {
                    assertTrue(f.buffer().array() == prev.buffer().array(), "storage reused");
                }
                prev = f;
            }
        }
    }

    @Test
    void timesWithoutADateAreStoredAsStampsBefore1980AndReadBackAsTimesOnly() throws Exception {
        FrameSpec spec = FrameSpec.of(4, 2, PixelType.GRAY8);
        List<Frame> in = new ArrayList<>();
        long[] micros = {0, 32_797, 65_798, 98_800, 3_600_000_001L}; // the last one an hour later
        for (int i = 0; i < micros.length; i++) {
            in.add(Frames.allocate(spec, i).withTime(Duration.ofNanos(1_000_000_000L + micros[i] * 1000)));
        }
        Path p = write(dir.resolve("rel.seq"), in, WriteOptions.defaults());
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < micros.length; i++) { // seconds since 1970, ms, us: the time from the first frame
            int at = 8192 + i * 8192 + 8;
            assertEquals(micros[i] / 1_000_000, all.getInt(at), "seconds of stamp " + i);
            assertEquals(micros[i] / 1000 % 1000, all.getShort(at + 4), "milliseconds of stamp " + i);
            assertEquals(micros[i] % 1000, all.getShort(at + 6), "microseconds of stamp " + i);
        }
        try (SequenceReader r = Formats.open(p)) {
            for (int i = 0; i < micros.length; i++) {
                assertEquals(Optional.of(Duration.ofNanos(micros[i] * 1000)), r.time(i));
                assertEquals(Optional.empty(), r.timestamp(i));
            }
            ReaderContract.check(r);
        }
        // a date-less time of ten years or more would read back as a date: refused, nothing published
        List<Frame> tooLong = List.of(in.get(0), in.get(1).withTime(Duration.ofDays(3660)));
        assertThrows(EasimageException.class, () -> write(dir.resolve("long.seq"), tooLong, WriteOptions.defaults()));
        assertFalse(Files.exists(dir.resolve("long.seq")));
    }

    @Test
    void versionFourFilesStartAt1024WithSixByteTimestamps() throws Exception {
        int w = 6;
        int h = 2;
        SeqHeader hd = SeqHeader.blank().with(SeqHeader.Field.MAGIC, SeqHeader.MAGIC)
                .with(SeqHeader.Field.NAME, "Norpix seq").with(SeqHeader.Field.VERSION, 4)
                .with(SeqHeader.Field.HEADER_SIZE, 1024).with(SeqHeader.Field.DESCRIPTION, "old")
                .with(SeqHeader.Field.WIDTH, w).with(SeqHeader.Field.HEIGHT, h).with(SeqHeader.Field.BIT_DEPTH, 8)
                .with(SeqHeader.Field.BIT_DEPTH_REAL, 8).with(SeqHeader.Field.IMAGE_SIZE_BYTES, 12)
                .with(SeqHeader.Field.IMAGE_FORMAT, 100).with(SeqHeader.Field.ALLOCATED_FRAMES, 2)
                .with(SeqHeader.Field.TRUE_IMAGE_SIZE, 512).with(SeqHeader.Field.FRAME_RATE, 15.0)
                .with(SeqHeader.Field.DESCRIPTION_FORMAT, 1);
        ByteBuffer file = ByteBuffer.allocate(1024 + 2 * 512).order(ByteOrder.LITTLE_ENDIAN);
        file.put(hd.toBytes().array());
        for (int i = 0; i < 2; i++) {
            int at = 1024 + i * 512;
            for (int k = 0; k < 12; k++) {
                file.put(at + k, (byte) (i * 50 + k));
            }
            file.putInt(at + 12, 1_600_000_000 + i).putShort(at + 16, (short) 250);
        }
        Path p = Files.write(dir.resolve("v4.seq"), file.array());
        try (SequenceReader r = Formats.open(p)) {
            assertEquals(2, r.frameCount());
            assertEquals(51, (int) r.read(1).sample(1, 0, 0));
            assertEquals(Instant.ofEpochSecond(1_600_000_001, 250_000_000), r.timestamp(1).orElseThrow());
            assertEquals("old", r.info().metadata().asMap().get("description"));
            assertEquals("ASCII", r.info().metadata().asMap().get("descriptionFormat"));
            ReaderContract.check(r);
        }
    }

    static double psnr(Frame a, Frame b) {
        assertEquals(a.spec(), b.spec());
        return FrameDiff.of(a, b).psnr();
    }
}
