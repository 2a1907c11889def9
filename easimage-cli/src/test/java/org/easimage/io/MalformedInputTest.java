package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed-input corpus over every real sample of ../shared/data: truncations, seeded byte corruptions biased to
 * the header, and wrong extensions. Each case must either open and read consistently (legitimate for damaged
 * payload in raw formats) or fail with a typed {@link EasimageException} (or {@link java.nio.file.NoSuchFileException}) —
 * never another throwable, never a hang. Cases are deterministic (fixed seeds).
 */
class MalformedInputTest {

    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });
    private static final String[] OTHER_EXTENSIONS = {"mp4", "seq", "tif", "gif", "avi", "png"};

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> damagedSamples() throws IOException {
        Path root = SharedData.root();
        assumeTrue(root != null, "../shared/data is absent: skipping the malformed-input corpus");
        List<Path> samples;
        try (Stream<Path> s = Files.walk(root)) {
            samples = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("images")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path sample : samples) {
            byte[] bytes = Files.readAllBytes(sample);
            String name = sample.getFileName().toString();
            String ext = ProbeInput.extensionOf(sample);
            long[] cuts = {0, 1, 16, 600, 1023, 1024, 8191, 8200, bytes.length / 4, bytes.length / 2,
                    bytes.length * 3L / 4, bytes.length - 1};
            for (long cut : cuts) {
                if (cut >= 0 && cut < bytes.length) {
                    tests.add(DynamicTest.dynamicTest(name + " cut at " + cut,
                            () -> check(write(name + ".cut" + cut + "." + ext, java.util.Arrays.copyOf(bytes, (int) cut)))));
                }
            }
            Random rnd = new Random(name.hashCode());
            for (int k = 0; k < 16; k++) {
                byte[] damaged = bytes.clone();
                int span = Math.min(damaged.length, k < 12 ? 65536 : damaged.length);
                for (int j = 0; j < 1 + rnd.nextInt(8); j++) {
                    int at = rnd.nextInt(span);
                    damaged[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : (k % 2 == 0 ? 0xFF : 0));
                }
                int id = k;
                tests.add(DynamicTest.dynamicTest(name + " corruption " + id,
                        () -> check(write(name + ".bad" + id + "." + ext, damaged))));
            }
            for (String other : OTHER_EXTENSIONS) {
                if (!other.equals(ext)) {
                    tests.add(DynamicTest.dynamicTest(name + " renamed ." + other,
                            () -> check(write(name + ".renamed." + other, bytes))));
                }
            }
        }
        return tests.stream();
    }

    private static Path write(String name, byte[] data) throws IOException {
        Path p = work.resolve(name);
        Files.write(p, data);
        return p;
    }

    private static void check(Path p) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (SequenceReader r = Formats.open(p, QUIET)) {
                int n = r.frameCount();
                for (int i : new int[] {0, n / 2, n - 1}) {
                    if (i >= 0 && i < n) {
                        Frame f = r.read(i);
                        assertEquals(r.spec().width(), f.width(), "width of frame " + i);
                        assertEquals(r.spec().pixelType(), f.pixelType());
                    }
                }
            } catch (EasimageException | java.nio.file.NoSuchFileException expected) {
                // a typed error naming the file is the right answer for damaged input
                if (expected.getMessage() == null || !expected.getMessage().contains(p.getFileName().toString())) {
                    throw new AssertionError("error does not name the file: " + expected.getMessage(), expected);
                }
            }
        }, () -> "hang on " + p.getFileName());
    }
}
