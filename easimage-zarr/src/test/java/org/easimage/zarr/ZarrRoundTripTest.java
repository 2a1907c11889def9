package org.easimage.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;
import org.easimage.testing.ReaderContract;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through the zarr format: every Zarr version x compressor x pixel type x odd sizes, bit-exact (frames
 * of random bytes, so float frames hold NaNs and every bit pattern); layouts (OME and plain), several frames per
 * chunk with a partial last chunk, shards with a partial last shard, a pyramid; times and timestamps.
 */
class ZarrRoundTripTest {

    private static final ZarrFormat ZARR = new ZarrFormat();
    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });

    @TempDir
    Path dir;

    /** Frames of random bytes: every bit pattern, NaN payloads included for floats. */
    static List<Frame> randomFrames(FrameSpec spec, int n, long seed) {
        Random rnd = new Random(seed);
        List<Frame> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[spec.frameBytes()];
            rnd.nextBytes(b);
            l.add(Frames.wrap(spec, b, i));
        }
        return l;
    }

    static Path write(Path out, List<Frame> frames, WriteOptions wo) throws IOException {
        try (SequenceWriter w = ZARR.create(out, wo)) {
            w.writeAll(frames);
            w.finish();
        }
        return out;
    }

    static void assertSameFrames(List<Frame> expected, SequenceReader r, String what) throws IOException {
        assertEquals(expected.size(), r.frameCount(), what + ": frame count");
        assertEquals(expected.get(0).spec(), r.spec(), what + ": spec");
        for (int i = expected.size() - 1; i >= 0; i--) { // backwards: random access, not a sequential pass
            Frame got = r.read(i);
            assertTrue(expected.get(i).pixelsEqual(got), what + ": frame " + i + " differs");
            assertEquals(i, got.index());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVersionCompressorTypeAndOddSize() {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] sizes = {{1, 1}, {3, 2}, {33, 7}, {5, 67}};
        for (ZarrVersion v : ZarrVersion.values()) {
            for (ZarrCompressor c : ZarrCompressor.values()) {
                tests.add(DynamicTest.dynamicTest(v + " " + c, () -> {
                    for (PixelType t : new ZarrFormat().writablePixelTypes()) { // every packed type
                        for (int[] wh : sizes) {
                            FrameSpec spec = FrameSpec.of(wh[0], wh[1], t);
                            List<Frame> frames = randomFrames(spec, 3, wh[0] * 31L + t.ordinal());
                            ZarrWriteOptions zo = ZarrWriteOptions.DEFAULTS.withVersion(v).withCompressor(c);
                            for (boolean ome : new boolean[] {true, false}) {
                                Path out = dir.resolve(v + "-" + c + "-" + t + "-" + wh[0] + "x" + wh[1]
                                        + (ome ? "-ome" : "-plain") + ".zarr");
                                write(out, frames, WriteOptions.defaults().with(zo.withOme(ome)));
                                try (SequenceReader r = ZARR.open(out, QUIET)) {
                                    assertSameFrames(frames, r, out.getFileName().toString());
                                }
                            }
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void readerContractOnChunksOfSeveralFramesAndShards() throws Exception {
        FrameSpec spec = FrameSpec.of(17, 9, PixelType.RGB48);
        List<Frame> frames = randomFrames(spec, 11, 7);
        for (ZarrWriteOptions zo : List.of(
                ZarrWriteOptions.DEFAULTS.withFramesPerChunk(4),
                ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withFramesPerShard(5),
                ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withFramesPerChunk(2).withFramesPerShard(6)
                        .withCompressor(ZarrCompressor.ZSTD),
                ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withOme(false).withFramesPerChunk(3)
                        .withCompressor(ZarrCompressor.GZIP))) {
            Path out = write(dir.resolve("c" + zo.hashCode() + ".zarr"), frames, WriteOptions.defaults().with(zo));
            try (SequenceReader r = ZARR.open(out, QUIET)) {
                assertSameFrames(frames, r, zo.toString());
                ReaderContract.check(r);
            }
        }
    }

    @Test
    void shardedStoreHoldsOneFilePerShard() throws IOException {
        FrameSpec spec = FrameSpec.of(8, 4, PixelType.GRAY16);
        Path out = write(dir.resolve("s.zarr"), randomFrames(spec, 10, 1), WriteOptions.defaults()
                .with(ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withFramesPerShard(4).withOme(false)));
        try (Stream<Path> s = Files.list(out.resolve("c"))) {
            assertEquals(List.of("0", "1", "2"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void pyramidLevelsAreHalvedMeans() throws IOException {
        FrameSpec spec = FrameSpec.of(5, 3, PixelType.GRAY8);
        byte[] px = new byte[15];
        for (int i = 0; i < 15; i++) {
            px[i] = (byte) (i * 10);
        }
        List<Frame> frames = List.of(Frames.wrap(spec, px, 0));
        Path out = write(dir.resolve("p.zarr"), frames, WriteOptions.defaults()
                .with(ZarrWriteOptions.DEFAULTS.withPyramidLevels(2)));
        try (SequenceReader r = ZARR.open(out, QUIET)) {
            assertSameFrames(frames, r, "level 0");
            assertEquals(3, r.info().metadata().asMap().get("levels"));
        }
        try (SequenceReader r1 = ZarrReader.open(out.resolve("1"), QUIET)) {
            Frame f = r1.read(0);
            assertEquals(3, f.width());
            assertEquals(2, f.height());
            // top-left: mean of 0,10,50,60 = 30; right edge column: mean of 40 and 90 = 65; bottom-left: 100,110
            assertEquals(30, f.sample(0, 0, 0));
            assertEquals(65, f.sample(2, 0, 0));
            assertEquals(105, f.sample(0, 1, 0));
        }
        try (SequenceReader r2 = ZarrReader.open(out.resolve("2"), QUIET)) {
            assertEquals(FrameSpec.of(2, 1, PixelType.GRAY8), r2.spec());
        }
    }

    @Test
    void regularTimesAreAFrameRateAndIrregularOnesAreListed() throws IOException {
        FrameSpec spec = FrameSpec.of(4, 4, PixelType.GRAY16);
        Instant start = Instant.parse("2025-03-01T12:00:00.123456789Z");
        List<Frame> regular = new ArrayList<>();
        List<Frame> irregular = new ArrayList<>();
        Rational rate = Rational.of(30000, 1001);
        long[] ns = {0, 33_366_700, 70_000_001, 100_000_000, 1_234_567_891};
        for (int i = 0; i < ns.length; i++) {
            Frame f = randomFrames(spec, 1, i).get(0).withIndex(i);
            Duration t = org.easimage.io.Times.atIndex(i, rate);
            regular.add(f.withTime(t).withTimestamp(start.plus(t)));
            irregular.add(f.withTime(Duration.ofNanos(ns[i])).withTimestamp(start.plus(Duration.ofNanos(ns[i]))));
        }
        Path a = write(dir.resolve("regular.zarr"), regular, WriteOptions.defaults().withFrameRate(rate));
        try (SequenceReader r = ZARR.open(a, QUIET)) {
            assertEquals(Optional.of(rate), r.info().frameRate());
            for (int i = 0; i < ns.length; i++) {
                assertEquals(regular.get(i).time(), r.time(i));
                assertEquals(regular.get(i).timestamp(), r.timestamp(i));
            }
        }
        Path b = write(dir.resolve("irregular.zarr"), irregular, WriteOptions.defaults()
                .with(ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3)));
        try (SequenceReader r = ZARR.open(b, QUIET)) {
            assertEquals(Optional.empty(), r.info().frameRate());
            for (int i = 0; i < ns.length; i++) {
                assertEquals(Optional.of(Duration.ofNanos(ns[i])), r.time(i));
                assertEquals(irregular.get(i).timestamp(), r.read(i).timestamp());
            }
        }
        Path c = write(dir.resolve("none.zarr"), List.of(Frames.allocate(spec)), WriteOptions.defaults());
        try (SequenceReader r = ZARR.open(c, QUIET)) {
            assertEquals(Optional.empty(), r.time(0));
            assertEquals(Optional.empty(), r.timestamp(0));
        }
    }

    @Test
    void significantBitsAreKept() throws IOException {
        FrameSpec spec = FrameSpec.of(5, 4, PixelType.GRAY16).withSignificantBits(12);
        List<Frame> frames = new ArrayList<>();
        for (Frame f : randomFrames(FrameSpec.of(5, 4, PixelType.GRAY16), 2, 4)) {
            frames.add(f.withSpec(spec));
        }
        for (ZarrVersion v : ZarrVersion.values()) {
            Path out = write(dir.resolve("bits" + v + ".zarr"), frames, WriteOptions.defaults()
                    .with(ZarrWriteOptions.DEFAULTS.withVersion(v)));
            try (SequenceReader r = ZARR.open(out, QUIET)) {
                assertEquals(spec, r.spec());
                assertEquals(spec, r.read(1).spec());
                assertTrue(frames.get(1).pixelsEqual(r.read(1)));
            }
        }
    }

    @Test
    void readIntoAReusedFrameOverwritesEveryPixel() throws IOException {
        FrameSpec spec = FrameSpec.of(9, 5, PixelType.RGB24);
        List<Frame> frames = randomFrames(spec, 3, 12);
        Path out = write(dir.resolve("reuse.zarr"), frames, WriteOptions.defaults());
        Files.delete(out.resolve("0/1.0.0.0")); // frame 1 is the fill value: the reused pixels must not show through
        try (SequenceReader r = ZARR.open(out, QUIET)) {
            Frame spare = r.read(0);
            Frame f = r.read(2, spare);
            assertTrue(frames.get(2).pixelsEqual(f));
            assertEquals(2, f.index());
            assertTrue(f.buffer().array() == spare.buffer().array(), "the spare's storage was reused");
            Frame g = r.read(1, f);
            assertTrue(java.util.Arrays.equals(new byte[spec.frameBytes()], Frames.toBytes(g)));
            assertTrue(frames.get(0).pixelsEqual(r.read(0, Frames.allocate(FrameSpec.of(2, 2, PixelType.GRAY8)))));
        }
    }

    @Test
    void directFramesAreWrittenToo() throws IOException {
        FrameSpec spec = FrameSpec.of(6, 5, PixelType.RGBA64);
        Frame heap = randomFrames(spec, 1, 3).get(0);
        Frame direct = Frames.allocateDirect(spec, 0);
        ByteBuffer b = direct.buffer();
        b.put(heap.buffer());
        Path out = write(dir.resolve("d.zarr"), List.of(direct), WriteOptions.defaults());
        try (SequenceReader r = ZARR.open(out, QUIET)) {
            assertTrue(heap.pixelsEqual(r.read(0)));
        }
    }
}
