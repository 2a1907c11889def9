package org.easimage.io.tiff;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.easimage.io.WriteOptions;
import org.easimage.io.EasimageException;
import org.easimage.testing.FuzzOracle;
import org.easimage.testing.FuzzSeeds;
import org.easimage.testing.TestSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzz targets of the TIFF parsers: our IFD walk ({@link TiffStructure}) and the reader over a whole file.
 * Inputs: {@code src/test/resources/org/easimage/io/tiff/TiffFuzzTestInputs/<method>}.
 */
class TiffFuzzTest {

    private static final Path FILE = FuzzOracle.scratch("tiff").resolve("fuzz.tif");

    /** The IFD chain: every page it accepts has a size and its data inside the file. */
    @FuzzTest
    void structure(byte[] data) throws IOException {
        try {
            TiffStructure s = TiffStructure.read(FuzzOracle.write(FILE, data));
            if (s.pages.isEmpty() && s.truncatedAt < 0) {
                throw new AssertionError("no page and no error");
            }
            for (TiffStructure.Page p : s.pages) {
                if (p.width() <= 0 || p.height() <= 0 || p.dataStart() < 0 || p.dataStart() > p.dataEnd()
                        || p.dataEnd() > data.length) {
                    throw new AssertionError("page accepted with " + p);
                }
            }
        } catch (EasimageException e) {
            FuzzOracle.accept(e);
        }
    }

    /** The reader: open, info, pages. */
    @FuzzTest
    void reader(byte[] data) {
        FuzzOracle.read(FuzzOracle.write(FILE, data), "tiff");
    }

    @Test
    void everyTargetHasInputs() throws IOException {
        FuzzSeeds.assertPresent(TiffFuzzTest.class, "structure", "reader");
    }

    /** Seeds: our writer's pages of each type and compression, a BigTIFF, and a hand-made little-endian file. */
    @Test
    @EnabledIfSystemProperty(named = FuzzSeeds.PROPERTY, matches = "write")
    void writeSeeds() throws IOException {
        Path dir = FuzzOracle.scratch("tiff-seeds");
        record Seed(String name, String synthetic, TiffWriteOptions options) {
        }
        for (Seed s : new Seed[] {
            new Seed("gray8", "synthetic:3x2:GRAY8:2", TiffWriteOptions.DEFAULTS),
            new Seed("gray16-deflate", "synthetic:5x3:GRAY16:2", TiffWriteOptions.of(TiffCompression.DEFLATE)),
            new Seed("rgb24-lzw", "synthetic:4x3:RGB24:2", TiffWriteOptions.of(TiffCompression.LZW)),
            new Seed("float32", "synthetic:3x3:GRAY32F:2", TiffWriteOptions.DEFAULTS),
            new Seed("bigtiff", "synthetic:3x2:GRAY8:2", new TiffWriteOptions(TiffCompression.NONE,
                    BigTiffMode.ALWAYS))}) {
            Path f = dir.resolve(s.name + ".tif");
            TestSequences.write(new TiffFormat(), f, TestSequences.synthetic(s.synthetic),
                    WriteOptions.defaults().with(s.options));
            byte[] bytes = Files.readAllBytes(f);
            FuzzSeeds.put(TiffFuzzTest.class, "structure", s.name, bytes);
            FuzzSeeds.put(TiffFuzzTest.class, "reader", s.name, bytes);
        }
        byte[] le = littleEndianGray8();
        FuzzSeeds.put(TiffFuzzTest.class, "structure", "little-endian", le);
        FuzzSeeds.put(TiffFuzzTest.class, "reader", "little-endian", le);
    }

    /** One 2x2 GRAY8 page, little-endian (our writer writes big-endian): header, 8 entries, 4 pixels. */
    private static byte[] littleEndianGray8() {
        int[][] entries = {{256, 3, 2}, {257, 3, 2}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 110},
            {278, 3, 2}, {279, 4, 4}};
        ByteBuffer b = ByteBuffer.allocate(114).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) {
                b.putShort((short) e[2]).putShort((short) 0);
            } else {
                b.putInt(e[2]);
            }
        }
        b.putInt(0); // no next IFD: 8 + 2 + 8 * 12 + 4 = 110
        return b.put(new byte[] {0, 85, (byte) 170, (byte) 255}).array();
    }
}
