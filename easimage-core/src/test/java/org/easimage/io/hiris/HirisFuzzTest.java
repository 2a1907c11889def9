package org.easimage.io.hiris;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.easimage.io.EasimageException;
import org.easimage.io.Rational;
import org.easimage.io.WriteOptions;
import org.easimage.testing.FuzzOracle;
import org.easimage.testing.FuzzSeeds;
import org.easimage.testing.TestSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzz targets of the HIRIS parsers: the {@code [Sequence Settings]} text, and the reader over a settings file with
 * up to three {@code .bin} files beside it, in a folder that also holds another recording ({@code run9.seq}) whose
 * bins share the prefix. Inputs: {@code src/test/resources/org/easimage/io/hiris/HirisFuzzTestInputs/<method>}.
 */
class HirisFuzzTest {

    private static final Path DIR = FuzzOracle.scratch("hiris");
    private static final Path SEQ = DIR.resolve("run.seq");
    /** Names of the bins written for the reader target, chosen by bits 2-3 of the input's first byte. */
    private static final String[][] NAMES = {
        {"run.bin", "run_1.bin", "run_2.bin"},
        {"run_00000.bin", "run_00001.bin", "run_00002.bin"},
        {"run0.bin", "run1.bin", "run2.bin"},
        {"run.bin", "run_00001.bin", "run_00003.bin"}};

    /** The settings text: every typed accessor either answers or throws a typed error. */
    @FuzzTest
    void settings(byte[] data) {
        try {
            HirisSettings s = HirisSettings.parse(SEQ, data);
            s.keys().toString();
            s.framesPerSecond();
            s.startTime();
            s.get("Bin File");
            for (String key : new String[] {"Width", "Height", "BytesPerPixel", "Number of files"}) {
                try {
                    s.positiveInt(SEQ, key);
                } catch (EasimageException e) {
                    FuzzOracle.accept(e);
                }
            }
        } catch (EasimageException e) {
            FuzzOracle.accept(e);
        }
    }

    /**
     * The reader. Input layout (see {@link #pack}): one control byte (bits 0-1: number of bins, bits 2-3: their
     * names), a little-endian uint16 length per bin, the bins' bytes, then the settings text.
     */
    @FuzzTest
    void reader(byte[] data) {
        FuzzOracle.clear(DIR, false);
        FuzzOracle.write(DIR.resolve("run9.seq"), ("[Sequence Settings]\nWidth=1\nHeight=1\nBytesPerPixel=1\n"
                + "Bin File=run9.bin\nNumber of files=1\n").getBytes(StandardCharsets.US_ASCII));
        FuzzOracle.write(DIR.resolve("run9.bin"), new byte[3]);
        FuzzOracle.write(DIR.resolve("run_00009.bin"), new byte[5]);
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int control = in.hasRemaining() ? in.get() & 0xFF : 0;
        int bins = control & 3;
        String[] names = NAMES[control >> 2 & 3];
        int[] lengths = new int[bins];
        for (int b = 0; b < bins; b++) {
            lengths[b] = in.remaining() >= 2 ? in.getShort() & 0xFFFF : 0;
        }
        for (int b = 0; b < bins; b++) {
            int n = Math.min(lengths[b], in.remaining());
            FuzzOracle.write(DIR.resolve(names[b]), Arrays.copyOfRange(data, in.position(), in.position() + n));
            in.position(in.position() + n);
        }
        FuzzOracle.write(SEQ, Arrays.copyOfRange(data, in.position(), data.length));
        FuzzOracle.read(SEQ, HirisFormat.NAME);
    }

    /** The reader target's input for {@code settings} and bins named by style {@code names} (0-3). */
    static byte[] pack(byte[] settings, int names, byte[]... bins) {
        ByteBuffer b = ByteBuffer.allocate(1 + 2 * bins.length + Arrays.stream(bins).mapToInt(x -> x.length).sum()
                + settings.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (bins.length | names << 2));
        for (byte[] bin : bins) {
            b.putShort((short) bin.length);
        }
        for (byte[] bin : bins) {
            b.put(bin);
        }
        return b.put(settings).array();
    }

    @Test
    void everyTargetHasInputs() throws IOException {
        FuzzSeeds.assertPresent(HirisFuzzTest.class, "settings", "reader");
    }

    /** Seeds: what our writer makes for each pixel type, and hand-written numbered-bin and keyless settings. */
    @Test
    @EnabledIfSystemProperty(named = FuzzSeeds.PROPERTY, matches = "write")
    void writeSeeds() throws IOException {
        Path dir = FuzzOracle.scratch("hiris-seeds");
        for (String spec : new String[] {"3x2:GRAY8:2", "5x3:GRAY16:2", "4x3:RGB24:2"}) {
            String name = spec.substring(spec.indexOf(':') + 1, spec.lastIndexOf(':')).toLowerCase();
            Path seq = Files.createDirectory(dir.resolve(name)).resolve("run.seq");
            java.time.Instant t0 = java.time.Instant.parse("2024-03-01T12:00:00.125Z"); // fixed: same bytes each time
            TestSequences.write(new HirisFormat(), seq, TestSequences.synthetic("synthetic:" + spec).stream()
                    .map(f -> f.withTimestamp(t0.plusMillis(40L * f.index()))).toList(),
                    WriteOptions.defaults().withFormat(HirisFormat.NAME).withFrameRate(Rational.of(25)));
            byte[] settings = Files.readAllBytes(seq);
            FuzzSeeds.put(HirisFuzzTest.class, "settings", name, settings);
            FuzzSeeds.put(HirisFuzzTest.class, "reader", name,
                    pack(settings, 0, Files.readAllBytes(seq.resolveSibling("run.bin"))));
        }
        byte[] numbered = ("[Sequence Settings]\r\nSequence name=run\r\nNumber of files=2\r\nWidth=3\r\n"
                + "Height=2\r\nBytesPerPixel=1\r\nBitsPerPixel=8\r\nBin directory=D:\\acq\r\nBin File=run_\r\n"
                + "Start Time=01/03/2024 12:00:00.125\r\nFramePerSecond=29,97\r\n").getBytes(StandardCharsets.UTF_8);
        FuzzSeeds.put(HirisFuzzTest.class, "settings", "numbered", numbered);
        FuzzSeeds.put(HirisFuzzTest.class, "reader", "numbered", pack(numbered, 1, new byte[12], new byte[6]));
        byte[] keyless = ("\uFEFF; no Bin File key\n[Other]\nWidth=9\n[Sequence Settings]\nWidth=2\nHeight=2\n"
                + "BytesPerPixel=2\nBitsPerPixel=12\nStart Time=2024-03-01T12:00:00.5Z\nFramePerSecond=1e3\n")
                .getBytes(StandardCharsets.UTF_8);
        FuzzSeeds.put(HirisFuzzTest.class, "settings", "keyless", keyless);
        FuzzSeeds.put(HirisFuzzTest.class, "reader", "keyless", pack(keyless, 2, new byte[8], new byte[16],
                new byte[9]));
    }
}
