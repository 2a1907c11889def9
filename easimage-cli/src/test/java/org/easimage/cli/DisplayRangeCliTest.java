package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.testing.FrameStats;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --to-8bit} and {@code --colormap} ranges on the command line: auto (the default), frame, bits, fixed. */
class DisplayRangeCliTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultRangeFollowsTheCalciumSignal() throws Exception {
        Path calcium = SharedData.file("tiff/calcium_imaging.tif");
        Path out = dir.resolve("gray.tif");
        CliTest.Run r = CliTest.run("convert", calcium.toString(), out.toString(), "--to-8bit", "auto",
                "--range", "0:1000:4", "--quiet");
        assertEquals(0, r.code(), r.err());
        try (SequenceReader raw = Formats.open(calcium); SequenceReader got = Formats.open(out)) {
            double corr = FrameStats.correlation(FrameStats.means(raw.slice(0, 1000, 4)), FrameStats.means(got));
            assertTrue(corr > 0.99, "raw and 8-bit frame means correlate " + corr);
        }
    }

    @Test
    void everyModeIsAcceptedAndAMistakeIsAUsageError() {
        String src = "synthetic:12x10:gray16:40";
        String[][] ok = {{"--to-8bit", "frame"}, {"--to-8bit", "bits"}, {"--to-8bit", "auto:0.5:99.5:frames=8"},
                {"--to-8bit", "100:900"}, {"--colormap", "viridis"}, {"--colormap", "hot:frame"},
                {"--colormap", "jet:bits"}, {"--colormap", "magma:auto:frames=4"}, {"--colormap", "gray:0:500"}};
        int k = 0;
        for (String[] o : ok) {
            CliTest.Run r = CliTest.run("convert", src, dir.resolve("ok" + k++ + ".tif").toString(), o[0], o[1], "--quiet");
            assertEquals(0, r.code(), o[0] + " " + o[1] + ": " + r.err());
        }
        CliTest.Run bad = CliTest.run("convert", src, dir.resolve("bad.tif").toString(), "--to-8bit", "auto:64");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().lines().findFirst().orElse("").contains("frames="), bad.err());
        assertTrue(Files.notExists(dir.resolve("bad.tif")));
    }
}
