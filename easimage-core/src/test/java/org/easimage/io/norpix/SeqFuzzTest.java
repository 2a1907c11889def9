package org.easimage.io.norpix;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.EasimageException;
import org.easimage.io.WriteOptions;
import org.easimage.testing.FuzzOracle;
import org.easimage.testing.FuzzSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzz targets of the Norpix {@code .seq} parsers: the 1024-byte header, the reader over a whole file, and the
 * JPEG {@code .idx} sidecar. In a plain {@code mvn test} each replays its inputs in
 * {@code src/test/resources/org/easimage/io/norpix/SeqFuzzTestInputs/<method>} (seeds our writers made, and every
 * finding); with {@code JAZZER_FUZZ=1} one of them fuzzes (see the README). Verdict: {@link FuzzOracle}.
 */
class SeqFuzzTest {

    private static final Path DIR = FuzzOracle.scratch("seq");
    private static final Path FILE = DIR.resolve("fuzz.seq");
    /** A JPEG sequence our writer made, whose sidecar index is the fuzz input of {@link #jpegIndex}. */
    private static final Path JPEG = jpegSequence();

    private static Path jpegSequence() {
        try {
            Path dir = FuzzOracle.scratch("seq-jpeg");
            return SeqTestFiles.write(dir.resolve("jpeg.seq"), SeqTestFiles.frames(FrameSpec.of(9, 7,
                    PixelType.GRAY8), 5, 3), WriteOptions.defaults().with(SeqWriteOptions.jpeg(80)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header alone: a header that validates has a frame that fits and serialises to one that validates. */
    @FuzzTest
    void header(byte[] data) {
        try {
            SeqHeader h = SeqHeader.read(FILE, ByteBuffer.wrap(data), data.length);
            h.asMap().toString();
            if (h.frameStride() <= 0 || h.rawDataOffset() <= 0) {
                throw new AssertionError("stride " + h.frameStride() + ", data offset " + h.rawDataOffset());
            }
            // a validated header's frame fits one buffer (multiplyExact: an overflow is a finding too)
            long w = h.get(SeqHeader.Field.WIDTH);
            long ht = h.get(SeqHeader.Field.HEIGHT);
            long bits = h.get(SeqHeader.Field.BIT_DEPTH);
            if (Math.multiplyExact(w * ht, bits / 8) > FrameSpec.MAX_FRAME_BYTES) {
                throw new AssertionError("validated a frame of " + w + "x" + ht + "x" + bits);
            }
            SeqHeader.parse(h.toBytes()).validate(FILE);
        } catch (EasimageException e) {
            FuzzOracle.accept(e);
        }
    }

    /** The reader over a whole file: open, info, frames and timestamps (strict, then salvage when cut). */
    @FuzzTest
    void reader(byte[] data) {
        FuzzOracle.read(FuzzOracle.write(FILE, data), NorpixSeqFormat.NAME);
    }

    /** The {@code .idx} sidecar of a valid JPEG sequence: a wrong index is ignored or reported, never trusted. */
    @FuzzTest
    void jpegIndex(byte[] data) {
        FuzzOracle.write(JPEG.resolveSibling("jpeg.seq.idx"), data);
        FuzzOracle.read(JPEG, NorpixSeqFormat.NAME);
    }

    @Test
    void everyTargetHasInputs() throws IOException {
        FuzzSeeds.assertPresent(SeqFuzzTest.class, "header", "reader", "jpegIndex");
    }

    /** Seeds: small files of every layout our writer makes, their headers, and indexes of the JPEG sequence. */
    @Test
    @EnabledIfSystemProperty(named = FuzzSeeds.PROPERTY, matches = "write")
    void writeSeeds() throws IOException {
        Path dir = FuzzOracle.scratch("seq-seeds");
        record Seed(String name, FrameSpec spec, int frames, WriteOptions options) {
        }
        WriteOptions raw = WriteOptions.defaults();
        WriteOptions jpeg = WriteOptions.defaults().with(SeqWriteOptions.jpeg(80));
        for (Seed s : new Seed[] {
            new Seed("gray8", FrameSpec.of(3, 2, PixelType.GRAY8), 3, raw),
            new Seed("gray16-12bit", new FrameSpec(5, 3, PixelType.GRAY16, 12), 2, raw),
            new Seed("rgb24", FrameSpec.of(4, 3, PixelType.RGB24), 2, raw),
            new Seed("jpeg-gray", FrameSpec.of(9, 7, PixelType.GRAY8), 3, jpeg),
            new Seed("jpeg-rgb", FrameSpec.of(8, 8, PixelType.RGB24), 2, jpeg)}) {
            Path f = SeqTestFiles.write(dir.resolve(s.name + ".seq"), SeqTestFiles.frames(s.spec, s.frames, 1),
                    s.options);
            byte[] bytes = Files.readAllBytes(f);
            FuzzSeeds.put(SeqFuzzTest.class, "reader", s.name, bytes);
            FuzzSeeds.put(SeqFuzzTest.class, "header", s.name, java.util.Arrays.copyOf(bytes, SeqHeader.SIZE));
        }
        byte[] index = index(JPEG);
        FuzzSeeds.put(SeqFuzzTest.class, "jpegIndex", "complete", index);
        FuzzSeeds.put(SeqFuzzTest.class, "jpegIndex", "three-records",
                java.util.Arrays.copyOf(index, 3 * SeqJpegIndex.IDX_RECORD));
    }

    /** The sidecar StreamPix would write for {@code seq}: per frame int64 offset, uint32 size, 12 zero bytes. */
    private static byte[] index(Path seq) throws IOException {
        try (FileChannel ch = FileChannel.open(seq)) {
            SeqJpegIndex idx = SeqJpegIndex.scan(ch, ch.size(), 0, 8, Integer.MAX_VALUE);
            ByteBuffer b = ByteBuffer.allocate(idx.size() * SeqJpegIndex.IDX_RECORD).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < idx.size(); i++) {
                b.putLong(idx.offset(i)).putInt(idx.blockSize(i)).putInt(0).putLong(0);
            }
            return b.array();
        }
    }
}
