package org.easimage.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.easimage.testing.FuzzOracle;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz targets' oracle ({@link FuzzOracle}) over the real samples of {@code ../shared/data} that our own parsers
 * read (Norpix, TIFF, GIF), each whole and cut at 17 points around its headers and through its data: success or a
 * typed error, never a crash or a hang. The samples are read in place, never copied into the repository; skipped
 * when the folder is absent.
 */
class SharedSamplesOracleTest {

    private static final Map<String, String> FORMATS = Map.of("seq", "norpix-seq", "tiff", "tiff", "gif", "gif");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everySampleAndItsTruncations() throws IOException {
        Path root = SharedData.root();
        assumeTrue(root != null, "../shared/data is absent: skipping the real samples");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : FORMATS.entrySet()) {
            Path folder = root.resolve(e.getKey());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(e.getKey() + "/" + f.getFileName(), () -> check(f, e.getValue())));
                }
            }
        }
        assumeTrue(!tests.isEmpty(), "no Norpix, TIFF or GIF sample in " + root);
        return tests.stream();
    }

    private void check(Path sample, String format) throws IOException {
        FuzzOracle.read(sample, format);
        byte[] all = Files.readAllBytes(sample);
        Path cut = dir.resolve(sample.getFileName());
        for (long n : cuts(all.length)) {
            FuzzOracle.read(FuzzOracle.write(cut, Arrays.copyOf(all, (int) n)), format);
        }
    }

    /** Empty, inside and around the headers (TIFF 8/16, Norpix 1024/8192), through the data, one byte short. */
    static TreeSet<Long> cuts(long size) {
        TreeSet<Long> out = new TreeSet<>();
        for (long n : new long[] {0, 1, 7, 8, 15, 16, 1023, 1024, 1025, 8191, 8192, 8193, size / 4, size / 2,
            size * 3 / 4, size * 99 / 100, size - 1}) {
            if (n >= 0 && n < size) {
                out.add(n);
            }
        }
        return out;
    }
}
