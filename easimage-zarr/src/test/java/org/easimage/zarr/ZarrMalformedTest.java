package org.easimage.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.FormatRegistry;
import org.easimage.io.OutputExistsException;
import org.easimage.io.Overwrite;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores that are not what they claim: a missing chunk is the fill value (as the Zarr spec says); corrupt JSON,
 * a data type frames cannot hold, a chunk of the wrong size or that does not decode, a broken shard index are
 * typed errors naming the file. Outputs: published whole, an existing store replaced only with overwrite, and a
 * folder that is not a Zarr store never.
 */
class ZarrMalformedTest {

    private static final ZarrFormat ZARR = new ZarrFormat();

    @TempDir
    Path dir;

    private Path store(String name, ZarrWriteOptions zo, FrameSpec spec, int n) throws IOException {
        return ZarrRoundTripTest.write(dir.resolve(name), ZarrRoundTripTest.randomFrames(spec, n, 5),
                WriteOptions.defaults().with(zo));
    }

    private static SequenceReader open(Path p) throws IOException {
        return ZARR.open(p, ReadOptions.defaults().withWarnings(w -> { }));
    }

    @Test
    void aMissingChunkReadsAsTheFillValue() throws IOException {
        for (ZarrWriteOptions zo : List.of(ZarrWriteOptions.DEFAULTS.withOme(false),
                ZarrWriteOptions.DEFAULTS.withOme(false).withVersion(ZarrVersion.V3))) {
            Path s = store("missing" + zo.version() + ".zarr", zo, FrameSpec.of(5, 3, PixelType.GRAY16), 3);
            Files.delete(s.resolve(zo.version() == ZarrVersion.V2 ? "1.0.0" : "c/1/0/0"));
            List<String> warnings = new ArrayList<>();
            try (SequenceReader r = ZARR.open(s, ReadOptions.defaults().withWarnings(warnings::add))) {
                assertArrayEquals(new byte[30], org.easimage.frame.Frames.toBytes(r.read(1)));
                assertArrayEquals(new byte[30], org.easimage.frame.Frames.toBytes(r.read(1)));
                assertFalse(java.util.Arrays.equals(new byte[30], org.easimage.frame.Frames.toBytes(r.read(0))));
            }
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("missing") && warnings.get(0).contains("fill value 0"),
                    warnings.get(0));
        }
    }

    @Test
    void corruptMetadataAreTypedErrorsNamingTheFile() throws IOException {
        Path s = store("json.zarr", ZarrWriteOptions.DEFAULTS.withOme(false), FrameSpec.of(4, 4, PixelType.GRAY8), 2);
        Path zarray = s.resolve(".zarray");
        String good = Files.readString(zarray);
        for (String bad : List.of(good.substring(0, good.length() / 2), good.replace("\"shape\"", "\"shape\": [1], "
                + "\"shape\""), good + "x", "[]", good.replace("\"C\"", "'C'"))) {
            Files.writeString(zarray, bad);
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> open(s).close(), bad);
            assertTrue(e.getMessage().contains(".zarray"), e.getMessage());
        }
        Files.writeString(zarray, good.replace("\"|u1\"", "\"<i4\""));
        UnsupportedFormatException u = assertThrows(UnsupportedFormatException.class, () -> open(s).close());
        assertTrue(u.getMessage().contains("<i4"), u.getMessage());
        Files.writeString(zarray, good.replace("\"shape\": [2, 4, 4]", "\"shape\": [2, 4]"));
        assertThrows(CorruptInputException.class, () -> open(s).close());
        Files.writeString(zarray, good.replace("\"order\": \"C\"", "\"order\": \"F\""));
        assertThrows(UnsupportedFormatException.class, () -> open(s).close());
    }

    @Test
    void aChunkOfTheWrongSizeOrThatDoesNotDecodeIsCorrupt() throws IOException {
        for (ZarrCompressor c : ZarrCompressor.values()) {
            Path s = store("size-" + c + ".zarr", ZarrWriteOptions.DEFAULTS.withOme(false).withCompressor(c),
                    FrameSpec.of(7, 3, PixelType.GRAY16), 2);
            Path chunk = s.resolve("1.0.0");
            byte[] b = Files.readAllBytes(chunk);
            Files.write(chunk, java.util.Arrays.copyOf(b, b.length - 1));
            try (SequenceReader r = open(s)) {
                r.read(0);
                CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.read(1), c.label());
                assertTrue(e.getMessage().contains("1.0.0"), e.getMessage());
            }
            byte[] garbage = new byte[b.length];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            Files.write(chunk, garbage);
            if (c != ZarrCompressor.NONE) { // raw garbage of the right size is valid raw data
                try (SequenceReader r = open(s)) {
                    assertThrows(CorruptInputException.class, () -> r.read(1), c.label());
                }
            }
        }
    }

    @Test
    void aBrokenShardIndexIsCorrupt() throws IOException {
        Path s = store("shard.zarr", ZarrWriteOptions.DEFAULTS.withOme(false).withVersion(ZarrVersion.V3)
                .withFramesPerShard(4), FrameSpec.of(6, 2, PixelType.GRAY8), 4);
        Path shard = s.resolve("c/0/0/0");
        byte[] b = Files.readAllBytes(shard);
        b[b.length - 10] ^= 1; // inside the index: the CRC-32C no longer matches
        Files.write(shard, b);
        try (SequenceReader r = open(s)) {
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.read(2));
            assertTrue(e.getMessage().contains("index"), e.getMessage());
        }
        Files.write(shard, new byte[3]);
        try (SequenceReader r = open(s)) {
            assertThrows(CorruptInputException.class, () -> r.read(0));
        }
    }

    @Test
    void aGroupWithoutMultiscalesNamesItsArrays() throws IOException {
        Path g = Files.createDirectories(dir.resolve("g.zarr"));
        Files.writeString(g.resolve(".zgroup"), "{\"zarr_format\": 2}");
        store("g.zarr/frames", ZarrWriteOptions.DEFAULTS.withOme(false), FrameSpec.of(2, 2, PixelType.GRAY8), 1);
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> open(g).close());
        assertTrue(e.getMessage().contains("frames"), e.getMessage());
        assertEquals("zarr", FormatRegistry.getDefault().forInput(g, null).name());
    }

    @Test
    void outputsArePublishedWholeAndReplacedOnlyWhenAskedAndOnlyIfZarr() throws IOException {
        FrameSpec spec = FrameSpec.of(4, 4, PixelType.GRAY8);
        List<Frame> frames = ZarrRoundTripTest.randomFrames(spec, 3, 9);
        Path out = dir.resolve("out.zarr");
        try (SequenceWriter w = ZARR.create(out, WriteOptions.defaults())) {
            w.writeAll(frames);
            assertFalse(Files.exists(out), "nothing at the destination before finish()");
            w.finish();
        }
        assertTrue(ZarrFormat.isStore(out));
        assertThrows(OutputExistsException.class, () -> ZARR.checkDestination(out, WriteOptions.defaults()));
        assertThrows(OutputExistsException.class, () -> ZARR.create(out, WriteOptions.defaults()).close());
        List<Frame> other = ZarrRoundTripTest.randomFrames(spec, 2, 10);
        WriteOptions replace = WriteOptions.defaults().withOverwrite(Overwrite.REPLACE);
        try (SequenceWriter w = ZARR.create(out, replace)) { // abandoned: the original stays
            w.write(other.get(0));
        }
        try (SequenceReader r = open(out)) {
            assertEquals(3, r.frameCount());
        }
        ZarrRoundTripTest.write(out, other, replace);
        try (SequenceReader r = open(out)) {
            assertEquals(2, r.frameCount());
            assertTrue(other.get(1).pixelsEqual(r.read(1)));
        }
        assertEquals(List.of("out.zarr"), names(dir), "no temporary left");

        // a folder that is not a Zarr store (a user's data) is never replaced, not even with overwrite
        Path data = Files.createDirectories(dir.resolve("data.zarr"));
        Files.writeString(data.resolve("notes.txt"), "mine");
        assertThrows(OutputExistsException.class, () -> ZARR.checkDestination(data, replace));
        assertThrows(OutputExistsException.class, () -> ZARR.create(data, replace).close());
        assertEquals("mine", Files.readString(data.resolve("notes.txt")));
        Path file = Files.writeString(dir.resolve("file.zarr"), "x");
        assertThrows(OutputExistsException.class, () -> ZARR.create(file, replace).close());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void inconsistentOptionsAreRefusedBeforeAnyWork() {
        Path out = dir.resolve("o.zarr");
        for (ZarrWriteOptions zo : List.of(ZarrWriteOptions.DEFAULTS.withFramesPerShard(4),
                ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withFramesPerChunk(3).withFramesPerShard(4),
                ZarrWriteOptions.DEFAULTS.withLevel(10),
                ZarrWriteOptions.DEFAULTS.withCompressor(ZarrCompressor.ZSTD).withShuffle(BloscShuffle.BIT),
                ZarrWriteOptions.DEFAULTS.withOme(false).withPyramidLevels(1),
                ZarrWriteOptions.DEFAULTS.withFramesPerChunk(0))) {
            WriteOptions wo = WriteOptions.defaults().with(zo);
            assertThrows(UnsupportedOutputException.class, () -> FormatRegistry.getDefault().checkWrite(out, wo),
                    zo.toString());
        }
        assertFalse(Files.exists(out));
        assertThrows(IllegalArgumentException.class, () -> ZarrWriteOptions.parse("v3,lz5"));
        assertEquals(ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withCompressor(ZarrCompressor.BLOSC_ZSTD)
                .withLevel(3).withShuffle(BloscShuffle.BIT).withFramesPerShard(64).withOme(false),
                ZarrWriteOptions.parse(" v3, blosc-zstd,level=3,shuffle=bit,shard=64,plain"));
    }

    @Test
    void aTruncatedMetadataFileIsNotAStackTraceButAnEasimageError() throws IOException {
        Path s = store("t.zarr", ZarrWriteOptions.DEFAULTS, FrameSpec.of(3, 3, PixelType.RGB24), 1);
        Files.writeString(s.resolve(".zattrs"), "{\"multiscales\": 3}");
        assertThrows(EasimageException.class, () -> open(s).close());
    }

    @Test
    void datasetPathsLeavingTheGroupAndAbsurdTimesAreRefused() throws IOException {
        Path s = store("paths.zarr", ZarrWriteOptions.DEFAULTS, FrameSpec.of(3, 2, PixelType.GRAY8), 2);
        String attrs = Files.readString(s.resolve(".zattrs"));
        for (String bad : List.of("/etc", "../paths.zarr", ".", "0/../..")) {
            Files.writeString(s.resolve(".zattrs"), attrs.replace("\"path\": \"0\"", "\"path\": \"" + bad + "\""));
            assertThrows(CorruptInputException.class, () -> open(s).close(), bad);
        }
        Files.writeString(s.resolve(".zattrs"), attrs);
        Path zattrs = s.resolve("0/.zattrs");
        Files.writeString(zattrs, "{\"frame_times\": [0, 1e300]}");
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = ZARR.open(s, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals(java.util.Optional.empty(), r.time(1));
        }
        assertTrue(warnings.toString().contains("frame_times[1]"), warnings.toString());
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
