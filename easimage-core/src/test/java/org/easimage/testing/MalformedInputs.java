package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.testing.FormatSamples.Sample;
import org.junit.jupiter.api.DynamicTest;

/**
 * Damaged copies of a sample: truncations, seeded byte corruptions biased to the header, and wrong extensions.
 * Each copy must either open and read consistently (legitimate for damaged payload in raw formats) or fail with a
 * typed {@link EasimageException} (or {@link NoSuchFileException}) naming the file: never another throwable, never
 * a hang. Cases are deterministic (fixed seeds). A sample of several files (a HIRIS settings file and its
 * {@code .bin}, a folder of images) is copied whole and its main file damaged.
 */
public final class MalformedInputs {

    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });
    private static final String[] OTHER_EXTENSIONS = {"mp4", "seq", "tif", "gif", "avi", "png"};

    private MalformedInputs() {
    }

    /**
     * A sample as files: the path opened, its main file (the one damaged or renamed) and the files copied unchanged
     * beside it (a HIRIS {@code .bin}, the other images of a folder).
     */
    public record Parts(Path opened, Path main, List<Path> companions) {

        /** The parts of {@code path}, or null when it names no file (e.g. a {@code synthetic:} source). */
        public static Parts of(Path path) throws IOException {
            return of(path, QUIET);
        }

        /** The parts of {@code path} opened with {@code options}, or null when it names no file. */
        public static Parts of(Path path, ReadOptions options) throws IOException {
            if (!Files.exists(path)) {
                return null;
            }
            List<Path> files;
            try (SequenceReader r = Formats.open(path, options)) {
                files = new ArrayList<>(r.sourceFiles());
            }
            if (Files.isRegularFile(path)) {
                files.remove(path);
                return new Parts(path, path, files);
            }
            return new Parts(path, files.get(0), files.subList(1, files.size()));
        }

        /**
         * A copy in a new folder under {@code work}, the main file holding {@code bytes} and named with
         * {@code extension}; returns the path to open.
         */
        public Path copy(Path work, String extension, byte[] bytes) throws IOException {
            Path dir = Files.createDirectories(work.resolve("case-" + COPIES.incrementAndGet()));
            Path target = Files.isDirectory(opened) ? Files.createDirectory(dir.resolve(opened.getFileName())) : dir;
            for (Path c : companions) {
                Files.copy(c, target.resolve(c.getFileName()));
            }
            String name = main.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path damaged = target.resolve((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
            Files.write(damaged, bytes);
            return Files.isDirectory(opened) ? target : damaged;
        }
    }

    private static final AtomicInteger COPIES = new AtomicInteger();

    /** The cases of one sample, copies made under {@code work}; none for a sample that names no file. */
    public static List<DynamicTest> of(Sample sample, Path work) throws IOException {
        Parts parts = Parts.of(sample.path(), sample.options());
        List<DynamicTest> tests = new ArrayList<>();
        if (parts == null) {
            return tests;
        }
        byte[] bytes = Files.readAllBytes(parts.main());
        String ext = ProbeInput.extensionOf(parts.main());
        String name = sample.label();
        long[] cuts = {0, 1, 16, 600, 1023, 1024, 8191, 8200, bytes.length / 4, bytes.length / 2,
            bytes.length * 3L / 4, bytes.length - 1};
        for (long cut : Arrays.stream(cuts).distinct().toArray()) {
            if (cut >= 0 && cut < bytes.length) {
                tests.add(DynamicTest.dynamicTest(name + " cut at " + cut,
                        () -> checkCopy(parts.copy(work, ext, Arrays.copyOf(bytes, (int) cut)), sample.options())));
            }
        }
        Random rnd = new Random(parts.main().getFileName().toString().hashCode());
        for (int k = 0; k < 16; k++) {
            byte[] damaged = bytes.clone();
            int span = Math.min(damaged.length, k < 12 ? 65536 : damaged.length);
            for (int j = 0; j < 1 + rnd.nextInt(8); j++) {
                int at = rnd.nextInt(span);
                damaged[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : (k % 2 == 0 ? 0xFF : 0));
            }
            int id = k;
            tests.add(DynamicTest.dynamicTest(name + " corruption " + id,
                    () -> checkCopy(parts.copy(work, ext, damaged), sample.options())));
        }
        for (String other : OTHER_EXTENSIONS) {
            if (!other.equals(ext)) {
                tests.add(DynamicTest.dynamicTest(name + " renamed ." + other,
                        () -> checkCopy(parts.copy(work, other, bytes), sample.options())));
            }
        }
        return tests;
    }

    /** {@link #check}, then deletes the copy's folder (the samples are large, the cases many). */
    private static void checkCopy(Path p, ReadOptions options) throws IOException {
        check(p, options);
        try (Stream<Path> s = Files.walk(p.getParent())) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Opens and reads {@code p} (first, middle, last frame): consistent frames or a typed error naming it. */
    public static void check(Path p) {
        check(p, QUIET);
    }

    /** {@link #check(Path)} with {@code options} (a raw file's size and pixel format). */
    public static void check(Path p, ReadOptions options) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (SequenceReader r = Formats.open(p, options)) {
                int n = r.frameCount();
                for (int i : new int[] {0, n / 2, n - 1}) {
                    if (i >= 0 && i < n) {
                        Frame f = r.read(i);
                        assertEquals(r.spec().width(), f.width(), "width of frame " + i);
                        assertEquals(r.spec().pixelType(), f.pixelType());
                    }
                }
            } catch (EasimageException | NoSuchFileException expected) {
                // a typed error naming the file is the right answer for damaged input
                if (expected.getMessage() == null || !expected.getMessage().contains(p.getFileName().toString())) {
                    throw new AssertionError("error does not name the file: " + expected.getMessage(), expected);
                }
            }
        }, () -> "hang on " + p);
    }
}
