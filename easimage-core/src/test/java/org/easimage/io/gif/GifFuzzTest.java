package org.easimage.io.gif;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.easimage.testing.FuzzOracle;
import org.easimage.io.Rational;
import org.easimage.io.WriteOptions;
import org.easimage.testing.FuzzSeeds;
import org.easimage.testing.TestSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzz target of the GIF reader: ImageIO splits the blocks, our code reads their metadata and composites the
 * frames (offsets, disposal, transparency). Inputs:
 * {@code src/test/resources/org/easimage/io/gif/GifFuzzTestInputs/reader}.
 */
class GifFuzzTest {

    private static final Path FILE = FuzzOracle.scratch("gif").resolve("fuzz.gif");

    @FuzzTest
    void reader(byte[] data) {
        FuzzOracle.read(FuzzOracle.write(FILE, data), "gif");
    }

    @Test
    void everyTargetHasInputs() throws IOException {
        FuzzSeeds.assertPresent(GifFuzzTest.class, "reader");
    }

    /** Seeds: our writer's gray, palette and median-cut animations. */
    @Test
    @EnabledIfSystemProperty(named = FuzzSeeds.PROPERTY, matches = "write")
    void writeSeeds() throws IOException {
        Path dir = FuzzOracle.scratch("gif-seeds");
        String[][] seeds = {{"gray8", "synthetic:5x4:GRAY8:3"}, {"rgb24", "synthetic:6x5:RGB24:3"},
            {"rgb24-many-colours", "synthetic:24x20:RGB24:2"}};
        for (String[] s : seeds) {
            Path f = dir.resolve(s[0] + ".gif");
            TestSequences.write(new GifFormat(), f, TestSequences.synthetic(s[1]),
                    WriteOptions.defaults().withFrameRate(Rational.of(7)));
            FuzzSeeds.put(GifFuzzTest.class, "reader", s[0], Files.readAllBytes(f));
        }
    }
}
