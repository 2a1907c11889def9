package org.easimage.io.hiris;

import org.easimage.io.NaturalOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
import org.easimage.io.OutputExistsException;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;
import org.easimage.testing.ReaderContract;
import org.easimage.testing.TestSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HIRIS sequences generated here: settings text plus raw .bin files. */
class HirisTest {

    @TempDir
    Path dir;

    private static String ini(int w, int h, int bpp, String extra) {
        return "[Sequence Settings]\r\nSequence name=run\r\nWidth=" + w + "\r\nHeight=" + h + "\r\nBytesPerPixel="
                + bpp + "\r\n" + extra;
    }

    private Path seq(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Frame k (global index) has every byte equal to k * 7 + position (mod 256). */
    private static byte[] frameBytes(int k, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (k * 7 + i);
        }
        return b;
    }

    @Test
    void severalBinsInNaturalOrderEightBit() throws Exception {
        Path s = seq("run.seq", "\uFEFF\r\n" + ini(5, 3, 1,
                "BitsPerPixel=8\r\nStart Time=2024-03-01 12:00:00.25\r\nFramePerSecond=4\r\nComment=x = y\r\n"));
        int fb = 15;
        // run_2.bin holds frames 0-1, run_10.bin frames 2-4 (+ a partial frame), run_x.bin nothing usable
        Files.write(dir.resolve("run_2.bin"), concat(frameBytes(0, fb), frameBytes(1, fb)));
        Files.write(dir.resolve("run_10.bin"), concat(frameBytes(2, fb), frameBytes(3, fb), frameBytes(4, fb),
                new byte[4]));
        Files.write(dir.resolve("other.bin"), new byte[fb]); // another base name: ignored
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(s, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals("hiris-seq", r.info().format());
            assertEquals(5, r.frameCount());
            assertEquals(FrameSpec.of(5, 3, PixelType.GRAY8), r.spec());
            for (int k = 0; k < 5; k++) {
                assertTrue(r.read(k).pixelsEqual(Frames.wrap(r.spec(), frameBytes(k, fb))), "frame " + k);
            }
            Instant t0 = Instant.parse("2024-03-01T12:00:00.25Z");
            assertEquals(t0.plusMillis(500), r.timestamp(2).orElseThrow());
            assertEquals(t0.plusMillis(1000), r.read(4).timestamp().orElseThrow());
            assertEquals(Rational.of(4), r.info().frameRate().orElseThrow());
            Map<String, Object> m = r.info().metadata().asMap();
            assertEquals("x = y", m.get("Comment"));
            assertEquals("run", m.get("Sequence name"));
            ReaderContract.check(r);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("run_10.bin") && warnings.get(0).contains("partial"));
    }

    @Test
    void sixteenBitLittleEndianWithSignificantBits() throws Exception {
        Path s = seq("cam.seq", ini(3, 2, 2, "BitsPerPixel=12\r\nStart Time=garbage\r\nFramePerSecond=abc\r\n"));
        ByteBuffer b = ByteBuffer.allocate(3 * 2 * 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            b.putShort((short) (i * 300));
        }
        Files.write(dir.resolve("cam0001.bin"), b.array());
        try (SequenceReader r = Formats.open(s, ReadOptions.defaults().withWarnings(w -> { }))) {
            assertEquals(new FrameSpec(3, 2, PixelType.GRAY16, 12), r.spec());
            assertEquals(2, r.frameCount());
            assertEquals(300 * 6, (int) r.read(1).sample(0, 0, 0));
            assertEquals(300 * 11, (int) r.read(1).sample(2, 1, 0));
            assertTrue(r.timestamp(0).isEmpty(), "unparsable start time: no timestamps");
            assertTrue(r.info().frameRate().isEmpty());
            ReaderContract.check(r);
        }
    }

    @Test
    void naturalOrder() {
        List<String> names = new ArrayList<>(List.of("x10.bin", "x2.bin", "x1.bin", "x02b.bin", "x.bin"));
        names.sort(NaturalOrder::compare);
        assertEquals(List.of("x.bin", "x1.bin", "x2.bin", "x02b.bin", "x10.bin"), names);
    }

    @Test
    void baseNameIsTakenLiterallyNotAsARegex() throws Exception {
        Path s = seq("a+b.seq", ini(2, 2, 1, ""));
        Files.write(dir.resolve("a+b_1.bin"), new byte[4]);
        Files.write(dir.resolve("aab_1.bin"), new byte[8]); // would match the unescaped regex "a+b.*"
        try (SequenceReader r = Formats.open(s)) {
            assertEquals(1, r.frameCount());
        }
    }

    /** The report: run.seq beside run2.seq/run2.bin read run2.bin too (8 frames instead of 3). */
    @Test
    void anotherRecordingsBinsAreNeverRead() throws Exception {
        List<Frame> run = TestSequences.synthetic("synthetic:7x5:GRAY8:3");
        List<Frame> run2 = TestSequences.synthetic("synthetic:7x5:GRAY8:5");
        WriteOptions hiris = WriteOptions.defaults().withFormat("hiris-seq");
        TestSequences.write(new HirisFormat(), dir.resolve("run.seq"), run, hiris);
        TestSequences.write(new HirisFormat(), dir.resolve("run2.seq"), run2, hiris);
        assertBins(dir.resolve("run.seq"), 3, "run.bin");
        assertBins(dir.resolve("run2.seq"), 5, "run2.bin");
        // the same without the keys that name and count the bins: run2.bin is run2.seq's by its longer name
        String text = Files.readString(dir.resolve("run.seq")).replaceAll("(?m)^(Bin File|Number of files)=.*\\R", "");
        Files.writeString(dir.resolve("run.seq"), text);
        assertBins(dir.resolve("run.seq"), 3, "run.bin");
        try (SequenceReader r = Formats.open(dir.resolve("run.seq"))) {
            for (int i = 0; i < 3; i++) {
                assertTrue(r.read(i).pixelsEqual(run.get(i)), "frame " + i);
            }
        }
    }

    private static void assertBins(Path seq, int frames, String... bins) throws IOException {
        try (SequenceReader r = Formats.open(seq, ReadOptions.defaults().withWarnings(w -> { }))) {
            assertEquals(frames, r.frameCount(), seq.toString());
            assertEquals(List.of(bins), List.copyOf(((Map<?, ?>) r.info().metadata().asMap().get("bins")).keySet()));
            r.read(frames - 1);
        }
    }

    /** Bin File as a prefix: {@code run_00000.bin}, {@code run_00001.bin}... in number order, nothing else. */
    @ParameterizedTest
    @CsvSource({"2", "5", "''"})
    void numberedBinsFromTheBinFilePrefix(String numberOfFiles) throws Exception {
        Path s = seq("run.seq", ini(5, 3, 1, "Bin File=D:\\acq\\run_\r\n"
                + (numberOfFiles.isEmpty() ? "" : "Number of files=" + numberOfFiles + "\r\n")));
        int fb = 15;
        Files.write(dir.resolve("run_00001.bin"), concat(frameBytes(2, fb), frameBytes(3, fb), frameBytes(4, fb)));
        Files.write(dir.resolve("run_00000.bin"), concat(frameBytes(0, fb), frameBytes(1, fb)));
        for (String decoy : List.of("run.bin", "run2.bin", "run_x.bin", "run_00000.bin.bak", "run2_00000.bin")) {
            Files.write(dir.resolve(decoy), new byte[fb * 4]);
        }
        seq("run2.seq", ini(5, 3, 1, "Bin File=run2_\r\n"));
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(s, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals(5, r.frameCount());
            for (int k = 0; k < 5; k++) {
                assertTrue(r.read(k).pixelsEqual(Frames.wrap(r.spec(), frameBytes(k, fb))), "frame " + k);
            }
            ReaderContract.check(r);
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aMissingNamedBinIsATypedErrorOrTheEndOfTheFramesWhenSalvaging() throws Exception {
        int fb = 15;
        Path named = seq("a.seq", ini(5, 3, 1, "Number of files=1\r\nBin File=a.bin\r\n"));
        Files.write(dir.resolve("a_1.bin"), new byte[fb]); // not the named file
        assertTrue(expect(CorruptInputException.class, named).getMessage().contains("a.bin"));

        // three files counted, two present
        Path three = seq("b.seq", ini(5, 3, 1, "Number of files=3\r\nBin File=b_\r\n"));
        Files.write(dir.resolve("b_00000.bin"), concat(frameBytes(0, fb), frameBytes(1, fb)));
        Files.write(dir.resolve("b_00001.bin"), concat(frameBytes(2, fb), frameBytes(3, fb)));
        assertEquals(4, expect(TruncatedInputException.class, three).completeFrames());
        assertSalvaged(three, 4, "b_00001.bin");

        // a gap in the numbering: the files after it are not this sequence's next frames
        Path gap = seq("c.seq", ini(5, 3, 1, "Bin File=c_\r\n"));
        Files.write(dir.resolve("c_1.bin"), concat(frameBytes(0, fb), frameBytes(1, fb)));
        Files.write(dir.resolve("c_3.bin"), concat(frameBytes(2, fb), frameBytes(3, fb)));
        assertEquals(2, expect(TruncatedInputException.class, gap).completeFrames());
        assertSalvaged(gap, 2, "c_1.bin");

        // the first numbered file is missing: nothing can be numbered correctly
        Path noFirst = seq("d.seq", ini(5, 3, 1, "Bin File=d_\r\n"));
        Files.write(dir.resolve("d_2.bin"), new byte[fb]);
        assertTrue(expect(CorruptInputException.class, noFirst).getMessage().contains("first frame file"));

        // more files than counted: the extra ones are not read
        Path one = seq("e.seq", ini(5, 3, 1, "Number of files=1\r\nBin File=e_\r\n"));
        Files.write(dir.resolve("e_0.bin"), frameBytes(0, fb));
        Files.write(dir.resolve("e_1.bin"), frameBytes(1, fb));
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(one, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals(1, r.frameCount());
        }
        assertTrue(warnings.toString().contains("ignoring e_1.bin"), warnings.toString());

        // a name with directories (the acquisition machine's, or hostile): only its file name, beside the .seq
        Files.write(dir.getParent().resolve("outside.bin"), new byte[fb * 3]);
        try {
            Path up = seq("f.seq", ini(5, 3, 1, "Bin File=../outside.bin\r\n"));
            assertTrue(expect(CorruptInputException.class, up).getMessage().contains("outside.bin"));
        } finally {
            Files.delete(dir.getParent().resolve("outside.bin"));
        }
    }

    private static void assertSalvaged(Path seq, int frames, String lastBin) throws IOException {
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(seq, ReadOptions.defaults().withTruncation(TruncationPolicy.SALVAGE)
                .withWarnings(warnings::add))) {
            assertEquals(frames, r.frameCount());
            r.read(frames - 1);
            Map<?, ?> bins = (Map<?, ?>) r.info().metadata().asMap().get("bins");
            assertEquals(lastBin, List.copyOf(bins.keySet()).get(bins.size() - 1));
        }
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @ParameterizedTest
    @CsvSource({"145,951,GRAY8,8", "145,951,GRAY16,12", "145,951,RGB24,8", "1,1,GRAY16,16", "3,5,GRAY8,8"})
    void writerRoundTripIsBitIdentical(int w, int h, PixelType type, int bits) throws Exception {
        FrameSpec spec = new FrameSpec(w, h, type, bits);
        Random rnd = new Random(w + h + bits);
        Instant t0 = Instant.parse("2025-05-05T05:05:05.123456Z");
        List<Frame> in = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Frame f = Frames.allocate(spec, i).withTimestamp(t0.plusMillis(40L * i));
            for (int k = 0; k < spec.sampleCount(); k++) {
                f.setSample(k % w, k / w / spec.channels() % h, k % spec.channels(), rnd.nextInt(1 << bits));
            }
            in.add(f);
        }
        Path out = dir.resolve("rt.seq");
        try (SequenceWriter wr = Formats.create(out, WriteOptions.defaults().withFormat("hiris-seq")
                .withFrameRate(Rational.of(25)))) {
            for (Frame f : in) {
                wr.write(f);
            }
            wr.finish();
        }
        assertTrue(Files.exists(dir.resolve("rt.bin")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "exactly the .seq and its .bin, no temporaries");
        }
        try (SequenceReader r = Formats.open(out)) {
            assertEquals("hiris-seq", r.info().format());
            assertEquals(spec, r.spec());
            assertEquals(3, r.frameCount());
            for (int i = 0; i < 3; i++) {
                assertTrue(r.read(i).pixelsEqual(in.get(i)), "frame " + i);
                assertEquals(t0.plusMillis(40L * i), r.timestamp(i).orElseThrow());
            }
            ReaderContract.check(r);
        }
    }

    @Test
    void writerLeavesNothingOnFailureAndRefusesExistingBin() throws Exception {
        Path out = dir.resolve("w.seq");
        try (SequenceWriter wr = Formats.create(out, WriteOptions.defaults().withFormat("hiris-seq"))) {
            wr.write(Frames.allocate(FrameSpec.of(2, 2, PixelType.GRAY8)));
            // closed without finish: abandoned
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing left after an abandoned write");
        }
        try (SequenceWriter wr = Formats.create(out, WriteOptions.defaults().withFormat("hiris-seq"))) {
            assertThrows(UnsupportedFormatException.class,
                    () -> wr.write(Frames.allocate(FrameSpec.of(2, 2, PixelType.GRAY32F))));
        }
        Files.write(dir.resolve("w.bin"), new byte[1]);
        assertThrows(OutputExistsException.class,
                () -> Formats.create(out, WriteOptions.defaults().withFormat("hiris-seq")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the pre-existing bin");
        }
        // a plain .seq destination means Norpix, not HIRIS
        try (SequenceWriter wr = Formats.create(dir.resolve("n.seq"))) {
            assertFalse(wr.getClass().getName().contains("hiris"));
        }
    }

    private <T extends EasimageException> T expect(Class<T> type, Path s) {
        T e = assertThrows(type, () -> {
            try (SequenceReader r = Formats.open(s, ReadOptions.defaults().withWarnings(w -> { }))) {
                r.read(0);
            }
        });
        assertTrue(e.getMessage().contains(s.getFileName().toString()), e.getMessage());
        return e;
    }

    @Test
    void badInputs() throws Exception {
        Path noWidth = seq("nw.seq", "[Sequence Settings]\nHeight=2\nBytesPerPixel=1\n");
        Files.write(dir.resolve("nw.bin"), new byte[8]);
        assertTrue(expect(CorruptInputException.class, noWidth).getMessage().contains("'Width'"));

        Path text = seq("tx.seq", ini(0, 2, 1, "").replace("Width=0", "Width=abc"));
        Files.write(dir.resolve("tx.bin"), new byte[8]);
        assertTrue(expect(CorruptInputException.class, text).getMessage().contains("abc"));

        Path zero = seq("z.seq", ini(0, 2, 1, ""));
        Files.write(dir.resolve("z.bin"), new byte[8]);
        expect(CorruptInputException.class, zero);

        Path huge = seq("hg.seq", ini(2_000_000_000, 2_000_000_000, 2, ""));
        Files.write(dir.resolve("hg.bin"), new byte[8]);
        expect(CorruptInputException.class, huge);

        Path bpp = seq("bp.seq", ini(2, 2, 4, ""));
        Files.write(dir.resolve("bp.bin"), new byte[16]);
        expect(UnsupportedFormatException.class, bpp);

        Path noBins = seq("nb.seq", ini(2, 2, 1, ""));
        assertTrue(expect(CorruptInputException.class, noBins).getMessage().contains("nb.bin or nb_<number>.bin"));

        Path small = seq("sm.seq", ini(4, 4, 1, ""));
        Files.write(dir.resolve("sm.bin"), new byte[15]);
        expect(TruncatedInputException.class, small);

        Path empty = Files.createFile(dir.resolve("e.seq"));
        expect(CorruptInputException.class, empty);
        assertThrows(EasimageException.class, () -> new HirisFormat().open(empty, ReadOptions.defaults()));

        Path d = Files.createDirectory(dir.resolve("d.seq"));
        assertThrows(UnsupportedFormatException.class, () -> new HirisFormat().open(d, ReadOptions.defaults()));

        Path notHiris = Files.writeString(dir.resolve("nh.seq"), "hello");
        assertThrows(CorruptInputException.class, () -> new HirisFormat().open(notHiris, ReadOptions.defaults()));
        assertThrows(UnsupportedFormatException.class, () -> Formats.open(notHiris));
    }

    /** Random values for the settings keys and random bin sizes: only EasimageException (or success). */
    @Test
    void mutationsNeverEscapeAsRuntimeErrors() throws Exception {
        Random rnd = new Random(77);
        String[] values = {"0", "-1", "2", "3", "65536", "2147483647", "99999999999", "", "abc", "1e3", " 4 ", "NaN"};
        String[] keys = {"Width", "Height", "BytesPerPixel", "BitsPerPixel", "FramePerSecond", "Start Time"};
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
            for (int k = 0; k < 200; k++) {
                Path sub = Files.createDirectory(dir.resolve("m" + k));
                StringBuilder text = new StringBuilder(rnd.nextBoolean() ? "[Sequence Settings]\n" : "[Other]\n");
                for (String key : keys) {
                    if (rnd.nextInt(6) > 0) {
                        text.append(key).append('=').append(values[rnd.nextInt(values.length)]).append('\n');
                    }
                }
                Path s = Files.writeString(sub.resolve("m.seq"), text);
                for (int b = rnd.nextInt(3); b > 0; b--) {
                    Files.write(sub.resolve("m" + b + ".bin"), new byte[rnd.nextInt(200)]);
                }
                try (SequenceReader r = Formats.open(s, ReadOptions.defaults().withFormat("hiris-seq")
                        .withWarnings(w -> { }))) {
                    r.info().metadata().asMap();
                    r.read(r.frameCount() - 1);
                    r.timestamp(0);
                } catch (EasimageException expected) {
                    assertTrue(expected.getMessage().contains("m.seq"), expected.getMessage());
                }
            }
        });
    }

    @Test
    void startTimeForms() {
        assertEquals(Instant.parse("2024-03-01T12:00:00.5Z"), settings("2024-03-01T12:00:00.5Z"));
        assertEquals(Instant.parse("2024-03-01T12:00:00.123456Z"), settings("2024-03-01 12:00:00.123456"));
        assertEquals(Instant.parse("2024-03-01T12:00:00Z"), settings("01/03/2024 12:00:00"));
        assertEquals(null, settings("yesterday"));
    }

    private static Instant settings(String start) {
        try {
            return HirisSettings.parse(Path.of("x.seq"), ("[Sequence Settings]\nStart Time=" + start)
                    .getBytes(StandardCharsets.UTF_8)).startTime().orElse(null);
        } catch (CorruptInputException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
