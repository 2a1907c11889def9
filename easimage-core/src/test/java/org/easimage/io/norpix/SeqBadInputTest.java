package org.easimage.io.norpix;

import static org.easimage.io.norpix.SeqTestFiles.frames;
import static org.easimage.io.norpix.SeqTestFiles.patchInt;
import static org.easimage.io.norpix.SeqTestFiles.truncate;
import static org.easimage.io.norpix.SeqTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed Norpix files: every one gives a typed EasimageException naming the file. */
class SeqBadInputTest {

    private static final ReadOptions NORPIX = ReadOptions.defaults().withFormat("norpix-seq")
            .withWarnings(w -> { });

    @TempDir
    Path dir;

    /** A valid 3-frame 10x7 GRAY16 file: slots of 8192 bytes from 8192, frame bytes 140. */
    private Path sample(String name) throws IOException {
        return write(dir.resolve(name), frames(new FrameSpec(10, 7, PixelType.GRAY16, 12), 3, 7));
    }

    private static <T extends Throwable> T expect(Class<T> type, Path file, ReadOptions options) {
        T e = assertThrows(type, () -> {
            try (SequenceReader r = Formats.open(file, options)) {
                for (int i = 0; i < r.frameCount(); i++) {
                    r.read(i);
                }
            }
        });
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message names the file: " + e);
        return e;
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(dir.resolve("empty.seq"));
        expect(CorruptInputException.class, p, ReadOptions.defaults());
        expect(CorruptInputException.class, p, NORPIX);
    }

    @Test
    void wrongMagic() throws Exception {
        Path p = sample("magic.seq");
        patchInt(p, 0, 0xBEEF);
        expect(UnsupportedFormatException.class, p, ReadOptions.defaults()); // nobody claims it
        CorruptInputException e = expect(CorruptInputException.class, p, NORPIX);
        assertTrue(e.getMessage().contains("0xBEEF"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void truncatedInsideHeader() throws Exception {
        Path p = sample("head.seq");
        truncate(p, 500);
        CorruptInputException e = expect(CorruptInputException.class, p, ReadOptions.defaults());
        assertFalse(e instanceof TruncatedInputException, "a cut header is corrupt, not a salvageable truncation");
        assertTrue(e.getMessage().contains("header"));
    }

    @Test
    void truncatedMidFrameStrictAndSalvage() throws Exception {
        Path p = sample("cut.seq");
        truncate(p, 8192 + 8192 + 100); // frame 0 complete, frame 1 cut inside its pixels
        List<String> warnings = new ArrayList<>();
        try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withWarnings(warnings::add))) {
            assertEquals(3, r.frameCount(), "STRICT keeps the header's count");
            assertEquals(1, r.info().metadata().asMap().get("completeFrames"));
            r.read(0);
            TruncatedInputException e = assertThrows(TruncatedInputException.class, () -> r.read(1));
            assertEquals(1, e.completeFrames());
            assertTrue(e.getMessage().contains("cut.seq"));
            assertThrows(TruncatedInputException.class, () -> r.timestamp(2));
        }
        assertEquals(1, warnings.size());
        warnings.clear();
        try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withTruncation(TruncationPolicy.SALVAGE)
                .withWarnings(warnings::add))) {
            assertEquals(1, r.frameCount());
            r.read(0);
        }
        assertTrue(warnings.get(0).contains("only 1"), warnings.toString());
        // cut inside the timestamp of frame 0: no complete frame
        truncate(p, 8192 + 140 + 3);
        try (SequenceReader r = Formats.open(p, NORPIX.withTruncation(TruncationPolicy.SALVAGE))) {
            assertEquals(0, r.frameCount());
        }
    }

    @Test
    void zeroWidth() throws Exception {
        Path p = sample("w0.seq");
        patchInt(p, SeqHeader.Field.WIDTH.offset(), 0);
        CorruptInputException e = expect(CorruptInputException.class, p, ReadOptions.defaults());
        assertTrue(e.getMessage().contains("ImageWidth"), e.getMessage());
        assertEquals(548, e.offset());
    }

    @Test
    void hugeHeightOverflowingWidthTimesHeight() throws Exception {
        Path p = sample("hh.seq");
        patchInt(p, SeqHeader.Field.WIDTH.offset(), 0x7FFFFFFF);
        patchInt(p, SeqHeader.Field.HEIGHT.offset(), 0x7FFFFFFF);
        expect(CorruptInputException.class, p, ReadOptions.defaults());
        patchInt(p, SeqHeader.Field.HEIGHT.offset(), -1); // 4294967295 as unsigned
        expect(CorruptInputException.class, p, ReadOptions.defaults());
    }

    @Test
    void allocatedFramesLargerThanTheFileHolds() throws Exception {
        Path p = sample("alloc.seq");
        patchInt(p, SeqHeader.Field.ALLOCATED_FRAMES.offset(), 1_000_000_000);
        try (SequenceReader r = Formats.open(p, NORPIX)) {
            assertEquals(1_000_000_000, r.frameCount());
            assertEquals(3, r.info().metadata().asMap().get("completeFrames"));
            r.read(2);
            assertEquals(3, assertThrows(TruncatedInputException.class, () -> r.read(999_999_999))
                    .completeFrames());
        }
        try (SequenceReader r = Formats.open(p, NORPIX.withTruncation(TruncationPolicy.SALVAGE))) {
            assertEquals(3, r.frameCount());
        }
        patchInt(p, SeqHeader.Field.ALLOCATED_FRAMES.offset(), -1); // 2^32-1 does not fit an int count
        expect(CorruptInputException.class, p, ReadOptions.defaults());
    }

    @Test
    void imageSizeBytesInconsistent() throws Exception {
        Path p = sample("isb.seq");
        patchInt(p, SeqHeader.Field.IMAGE_SIZE_BYTES.offset(), 141);
        CorruptInputException e = expect(CorruptInputException.class, p, ReadOptions.defaults());
        assertEquals(564, e.offset());
        assertTrue(e.getMessage().contains("ImageSizeBytes = 141"), e.getMessage());
    }

    @Test
    void trueImageSizeSmallerThanImage() throws Exception {
        Path p = sample("tis.seq");
        patchInt(p, SeqHeader.Field.TRUE_IMAGE_SIZE.offset(), 100);
        CorruptInputException e = expect(CorruptInputException.class, p, ReadOptions.defaults());
        assertEquals(580, e.offset());
    }

    @Test
    void bitDepthNotAContainerSize() throws Exception {
        Path p = sample("bd.seq");
        patchInt(p, SeqHeader.Field.BIT_DEPTH.offset(), 12);
        assertEquals(556, expect(CorruptInputException.class, p, ReadOptions.defaults()).offset());
    }

    @Test
    void unknownImageFormatAndCompression() throws Exception {
        Path p = sample("fmt.seq");
        patchInt(p, SeqHeader.Field.IMAGE_FORMAT.offset(), 777);
        assertTrue(expect(UnsupportedFormatException.class, p, ReadOptions.defaults()).getMessage()
                .contains("777"));
        patchInt(p, SeqHeader.Field.IMAGE_FORMAT.offset(), 600);
        assertTrue(expect(UnsupportedFormatException.class, p, ReadOptions.defaults()).getMessage()
                .contains("YUV422"));
        Path q = sample("comp.seq");
        patchInt(q, SeqHeader.Field.COMPRESSION_FORMAT.offset(), 8);
        assertTrue(expect(UnsupportedFormatException.class, q, ReadOptions.defaults()).getMessage()
                .contains("H.264"));
        patchInt(q, SeqHeader.Field.COMPRESSION_FORMAT.offset(), 12345);
        expect(UnsupportedFormatException.class, q, ReadOptions.defaults());
    }

    @Test
    void directoryNamedSeq() throws Exception {
        Path d = Files.createDirectory(dir.resolve("x.seq"));
        expect(EasimageException.class, d, ReadOptions.defaults());
        expect(UnsupportedFormatException.class, d, NORPIX); // a folder is not a .seq file, whatever its name
    }

    @Test
    void damagedJpegBlocks() throws Exception {
        Path p = write(dir.resolve("j.seq"), frames(FrameSpec.of(16, 8, PixelType.GRAY8), 3, 9),
                WriteOptions.defaults().with(SeqWriteOptions.jpeg(90)));
        byte[] all = Files.readAllBytes(p);
        // corrupt the JPEG data of frame 0 (keep the size prefix): decoding fails with a typed error
        for (int i = 1030; i < 1060; i++) {
            all[i] = 0x11;
        }
        Files.write(p, all);
        expect(CorruptInputException.class, p, ReadOptions.defaults());
        // a size prefix pointing past the end: no frame is complete
        patchInt(p, 1024, 0x7FFFFF00);
        TruncatedInputException e = expect(TruncatedInputException.class, p, ReadOptions.defaults());
        assertEquals(0, e.completeFrames());
    }

    /** Random header-field mutations and truncations: only EasimageException (or success) ever comes out. */
    @Test
    void mutationsNeverEscapeAsRuntimeErrors() throws Exception {
        Path base = sample("base.seq");
        Path jpeg = write(dir.resolve("basej.seq"), frames(FrameSpec.of(12, 6, PixelType.RGB24), 3, 4),
                WriteOptions.defaults().with(SeqWriteOptions.jpeg(90)));
        byte[][] originals = {Files.readAllBytes(base), Files.readAllBytes(jpeg)};
        int[] fieldOffsets = {0, 28, 548, 552, 556, 560, 564, 568, 572, 580, 592, 620, 648, 656, 660, 1024, 1028};
        Random rnd = new Random(20260101);
        Path m = dir.resolve("m.seq");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int k = 0; k < 300; k++) {
                byte[] b = originals[k % 2].clone();
                int mutations = 1 + rnd.nextInt(3);
                for (int j = 0; j < mutations; j++) {
                    int off = fieldOffsets[rnd.nextInt(fieldOffsets.length)];
                    int v = switch (rnd.nextInt(5)) {
                        case 0 -> 0;
                        case 1 -> -1;
                        case 2 -> rnd.nextInt();
                        case 3 -> rnd.nextInt(100000);
                        default -> Integer.MIN_VALUE + rnd.nextInt(3);
                    };
                    if (off + 4 <= b.length) {
                        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(off, v);
                    }
                }
                int len = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length + 1) : b.length;
                Files.write(m, java.util.Arrays.copyOf(b, len));
                TruncationPolicy policy = rnd.nextBoolean() ? TruncationPolicy.STRICT : TruncationPolicy.SALVAGE;
                try (SequenceReader r = Formats.open(m, NORPIX.withTruncation(policy))) {
                    r.info().metadata().asMap();
                    int n = r.frameCount();
                    for (int i : new int[] {0, 1, n / 2, n - 1}) {
                        if (i >= 0 && i < n) {
                            r.read(i);
                            r.timestamp(i);
                        }
                    }
                } catch (EasimageException expected) {
                    assertTrue(expected.getMessage().contains("m.seq"), expected.getMessage());
                }
            }
        });
    }
}
