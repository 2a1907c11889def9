package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening, reading and closing every sample many times, and failing to open a damaged copy as often, must not
 * leak file descriptors (counted from /proc/self/fd on Linux).
 */
class ResourceLeakTest {

    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });
    private static final int CYCLES = 60;

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> noDescriptorLeaks() throws IOException {
        Path root = SharedData.root();
        assumeTrue(root != null, "../shared/data is absent: skipping the leak test");
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
        List<Path> samples;
        try (Stream<Path> s = Files.walk(root)) {
            samples = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("images")).sorted().toList();
        }
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
            Path damaged = work.resolve("half-" + sample.getFileName());
            byte[] bytes = Files.readAllBytes(sample);
            Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            cycle(sample);
            cycle(damaged); // warm up both paths (lazy native loading opens descriptors once)
            long before = openDescriptors();
            for (int i = 0; i < CYCLES; i++) {
                cycle(sample);
                cycle(damaged);
            }
            long after = openDescriptors();
            assertTrue(after - before <= 2, sample + ": open descriptors went from " + before + " to " + after);
        }));
    }

    private static void cycle(Path p) {
        try (SequenceReader r = Formats.open(p, QUIET)) {
            int n = r.frameCount();
            r.read(n - 1);
            r.read(0);
        } catch (IOException expected) {
            // damaged copies may fail to open or read; that path must not leak either
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
