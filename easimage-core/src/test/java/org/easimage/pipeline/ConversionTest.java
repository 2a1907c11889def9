package org.easimage.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.io.CorruptInputException;
import org.easimage.io.OutputExistsException;
import org.easimage.io.OutputWriteException;
import org.easimage.io.Overwrite;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionTest {

    @TempDir
    Path dir;

    /** Copies the frame and stamps its index into the first 4 bytes, after a random delay to shuffle completion. */
    static final class SlowStamp implements FrameTransform {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public FrameSpec outputSpec(FrameSpec input) {
            return input;
        }

        @Override
        public Frame apply(Frame in) {
            calls.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(4));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Frame out = in.copy();
            out.buffer().putInt(0, in.index());
            return out;
        }
    }

    @Test
    void keepsFrameOrderWithManyTransformThreads() throws Exception {
        Path out = dir.resolve("ordered.rawdump");
        SlowStamp stamp = new SlowStamp();
        Conversion.Result r = Conversion.builder(Path.of("synthetic:16x16:gray8:200"), out)
                .registry(TestFormats.registry()).transform(stamp).threads(6).queueCapacity(5).build().run();
        assertEquals(200, r.frames());
        assertEquals(200, stamp.calls.get());
        assertTrue(stamp.threads.stream().distinct().count() > 1, "transform ran on several threads");
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(out)).order(java.nio.ByteOrder.nativeOrder());
        assertEquals(200 * 256, data.capacity());
        for (int i = 0; i < 200; i++) {
            assertEquals(i, data.getInt(i * 256), "frame at position " + i);
        }
    }

    @Test
    void writesTheSelectedRangeExactly() throws Exception {
        Path out = dir.resolve("range.rawdump");
        Conversion.Result r = Conversion.builder(Path.of("synthetic:8x4:gray16:50"), out)
                .registry(TestFormats.registry()).range(FrameRange.parse("10:40:3")).threads(2).build().run();
        assertEquals(10, r.frames());
        byte[] bytes = Files.readAllBytes(out);
        try (SequenceReader src = TestFormats.registry().open(Path.of("synthetic:8x4:gray16:50"), ReadOptions.defaults())) {
            for (int k = 0; k < 10; k++) {
                Frame expected = src.read(10 + 3 * k);
                byte[] exp = Frames.toBytes(expected);
                for (int b = 0; b < exp.length; b++) {
                    assertEquals(exp[b], bytes[k * 64 + b]);
                }
            }
        }
        assertEquals(64L * 10, r.outputBytes());
    }

    @Test
    void recycledFramesOfAPlainCopyKeepEveryFrameIntact() throws Exception {
        // without transforms the reader refills frames the writer has finished with: each output frame must still
        // be its own source frame, in order
        Path in = dir.resolve("in.seq");
        FrameSpec spec = FrameSpec.of(33, 17, org.easimage.frame.PixelType.GRAY16);
        try (var w = org.easimage.io.Formats.create(in)) {
            for (int i = 0; i < 60; i++) {
                Frame f = Frames.allocate(spec, i);
                for (int p = 0; p < 33 * 17; p++) {
                    f.shorts().put(p, (short) (i * 1000 + p));
                }
                w.write(f);
            }
            w.finish();
        }
        Path out = dir.resolve("out.seq");
        Conversion.Result r = Conversion.builder(in, out).range(FrameRange.parse("5:55")).queueCapacity(2).build()
                .run();
        assertEquals(50, r.frames());
        try (SequenceReader a = org.easimage.io.Formats.open(in); SequenceReader b = org.easimage.io.Formats.open(out)) {
            assertEquals(50, b.frameCount());
            for (int k = 0; k < 50; k++) {
                assertEquals(Frames.crc32(a.read(5 + k)), Frames.crc32(b.read(k)), "frame " + k);
            }
        }
    }

    @Test
    void anOpenReaderIsConvertedLeftOpenAndItsFilesAreNeverWrittenOver() throws Exception {
        Path in = dir.resolve("open.seq");
        FrameSpec spec = FrameSpec.of(7, 5, org.easimage.frame.PixelType.GRAY16);
        try (var w = org.easimage.io.Formats.create(in)) {
            for (int i = 0; i < 12; i++) {
                Frame f = Frames.allocate(spec, i);
                f.shorts().put(0, (short) (i * 7 + 1));
                w.write(f);
            }
            w.finish();
        }
        byte[] original = Files.readAllBytes(in);
        try (SequenceReader r = org.easimage.io.Formats.open(in)) {
            Path out = dir.resolve("from-open.seq");
            Conversion.Result res = Conversion.builder(r.slice(2, 10, 2), out).build().run();
            assertEquals(4, res.frames());
            // the caller's reader is still open and usable
            assertEquals(1 + 3 * 7, r.read(3).shorts().get(0));
            try (SequenceReader b = org.easimage.io.Formats.open(out)) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(Frames.crc32(r.read(2 + 2 * k)), Frames.crc32(b.read(k)), "frame " + k);
                }
            }
            // the files a given reader names as its sources are the job's inputs: refused even when replacing
            SequenceReader naming = new SequenceReader() {
                @Override
                public org.easimage.io.SequenceInfo info() {
                    return r.info();
                }

                @Override
                public Frame read(int index) throws java.io.IOException {
                    return r.read(index);
                }

                @Override
                public List<Path> sourceFiles() {
                    return List.of(in);
                }

                @Override
                public void close() {
                }
            };
            assertThrows(OutputExistsException.class, () -> Conversion.builder(naming, in)
                    .writeOptions(WriteOptions.defaults().withOverwrite(Overwrite.REPLACE)).build().run());
        }
        assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(in)), "the input is unchanged");
    }

    @Test
    void readerFailureReachesTheCallerAndNothingIsPublished() {
        Path out = dir.resolve("fromreader.rawdump");
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> Conversion
                .builder(Path.of("bad:40"), out).registry(TestFormats.registry()).threads(2).build().run());
        assertEquals(12345, e.offset());
        assertNoOutput();
    }

    @Test
    void transformFailureReachesTheCallerAsTheOriginalException() {
        IllegalStateException boom = new IllegalStateException("transform exploded");
        FrameTransform failing = new FrameTransform() {
            @Override
            public FrameSpec outputSpec(FrameSpec input) {
                return input;
            }

            @Override
            public Frame apply(Frame in) {
                if (in.index() == 13) {
                    throw boom;
                }
                return in;
            }
        };
        for (int threads : new int[] {0, 1, 4}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Conversion
                    .builder(Path.of("synthetic:16x16:gray8:100"), dir.resolve("t" + threads + ".rawdump"))
                    .registry(TestFormats.registry()).transform(failing).threads(threads).build().run());
            assertSame(boom, e);
        }
        assertNoOutput();
    }

    @Test
    void writerFailureReachesTheCallerAndRemovesThePartialOutput() {
        Path out = dir.resolve("failat7.rawdump");
        OutputWriteException e = assertThrows(OutputWriteException.class, () -> Conversion
                .builder(Path.of("synthetic:16x16:gray8:100"), out).registry(TestFormats.registry())
                .threads(2).build().run());
        assertTrue(e.getMessage().contains("No space left"), e.getMessage());
        assertNoOutput();
    }

    @Test
    void existingOutputIsRefusedBeforeAnyWorkAndKeptWhenReplacingFails() throws Exception {
        Path out = dir.resolve("failat7-existing.rawdump");
        Files.write(out, new byte[] {42});
        assertThrows(OutputExistsException.class, () -> Conversion
                .builder(Path.of("bad:40"), out).registry(TestFormats.registry()).build().run());
        assertThrows(OutputWriteException.class, () -> Conversion
                .builder(Path.of("synthetic:16x16:gray8:100"), out).registry(TestFormats.registry())
                .writeOptions(WriteOptions.defaults().withOverwrite(Overwrite.REPLACE)).build().run());
        assertEquals(1, Files.size(out), "the original survives a failed replacement");
    }

    @Test
    void cancellingRemovesThePartialOutput() throws Exception {
        Path out = dir.resolve("cancel.rawdump");
        FrameTransform slow = new SlowStamp();
        AtomicInteger seen = new AtomicInteger();
        Conversion[] holder = new Conversion[1];
        holder[0] = Conversion.builder(Path.of("synthetic:64x64:gray8:100000"), out)
                .registry(TestFormats.registry()).transform(slow).threads(2)
                .progress((done, total, fps) -> {
                    if (seen.incrementAndGet() == 50) {
                        holder[0].cancel();
                    }
                }).build();
        assertThrows(ConversionCancelledException.class, holder[0]::run);
        assertNoOutput();
    }

    @Test
    void progressIsReportedForEveryFrame() throws Exception {
        List<int[]> calls = new CopyOnWriteArrayList<>();
        int[] started = new int[1];
        Conversion.builder(Path.of("synthetic:8x8:gray8:30"), dir.resolve("p.rawdump"))
                .registry(TestFormats.registry()).progress(new ProgressListener() {
                    @Override
                    public void started(int total) {
                        started[0] = total;
                    }

                    @Override
                    public void progress(int done, int total, double fps) {
                        calls.add(new int[] {done, total});
                    }
                }).build().run();
        assertEquals(30, started[0]);
        assertEquals(30, calls.size());
        assertEquals(30, calls.get(29)[0]);
    }

    @Test
    void frameRangeParsing() {
        assertEquals(new FrameRange(2, 10, 3), FrameRange.parse("2:10:3"));
        assertEquals(new FrameRange(0, FrameRange.END, 2), FrameRange.parse("::2"));
        assertEquals(5, FrameRange.parse("-5:").size(100));
        assertEquals(1, FrameRange.parse("7").size(100));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.parse("a:b"));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.parse("1:2:0"));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.parse("50:60").resolve(10));
    }

    private void assertNoOutput() {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = s.filter(p -> !p.getFileName().toString().contains("existing")).toList();
            assertEquals(List.of(), left, "no output and no temporary may remain");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A 1000 fps recording keeps its real times by default; with a playback rate it is retimed to i/rate (slow
     * motion), and its absolute start is kept either way.
     */
    @Test
    void realTimesAreKeptUnlessAPlaybackRateIsAsked() throws Exception {
        Path src = dir.resolve("fast.seq");
        Conversion.builder(Path.of("synthetic:16x8:gray8:10:1000"), src).build().run();
        // give it a real start: rewrite through frames with a timestamp
        Path dated = dir.resolve("dated.seq");
        java.time.Instant start = java.time.Instant.parse("2024-05-06T07:08:09.123456Z");
        try (SequenceReader r = org.easimage.io.Formats.open(src);
                var w = org.easimage.io.Formats.create(dated)) {
            for (Frame f : r) {
                w.write(f.withTimestamp(start.plus(f.time().orElseThrow())));
            }
            w.finish();
        }
        Path real = dir.resolve("real.tif");
        Path slow = dir.resolve("slow.tif");
        Conversion.builder(dated, real).build().run();
        Conversion.builder(dated, slow).playbackRate(org.easimage.io.Rational.of(30)).build().run();
        try (SequenceReader r = org.easimage.io.Formats.open(real);
                SequenceReader s = org.easimage.io.Formats.open(slow)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(java.time.Duration.ofMillis(i), r.time(i).orElseThrow(), "real time of " + i);
                assertEquals(org.easimage.io.Times.atIndex(i, org.easimage.io.Rational.of(30)), s.time(i).orElseThrow(),
                        "slow-motion time of " + i);
            }
            assertEquals(start, r.timestamp(0).orElseThrow());
            assertEquals(start, s.timestamp(0).orElseThrow());
        }
    }
}
