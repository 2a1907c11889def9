package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.easimage.io.Formats;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;

/**
 * Opening, reading and closing a sample, and failing to open or read a copy cut in half, repeated, must not leak
 * file descriptors (counted from {@code /proc/self/fd}, Linux only).
 */
public final class ResourceLeaks {

    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });

    /**
     * Cycles after the warm-up. A leak of one descriptor per open (of either copy) shows as at least 8 against the
     * 2 allowed for noise. More cycles find no more deterministic leaks (they give the GC more chances to close
     * leaked descriptors through the JDK's cleaners, if anything hiding them) and cost time: 60 cycles took most
     * of the default test run.
     */
    static final int CYCLES = 8;

    private ResourceLeaks() {
    }

    /** Whether descriptors can be counted here. */
    public static boolean supported() {
        return Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Checks {@code sample} (a file or folder), its damaged copy written under {@code work}. */
    public static void check(Path sample, Path work) throws IOException {
        check(sample, work, QUIET);
    }

    /** {@link #check(Path, Path)} reading with {@code options} (a raw file's size and pixel format). */
    public static void check(Path sample, Path work, ReadOptions options) throws IOException {
        MalformedInputs.Parts parts = MalformedInputs.Parts.of(sample, options);
        if (parts == null) {
            return; // not a file: nothing to leak
        }
        byte[] bytes = Files.readAllBytes(parts.main());
        Path damaged = parts.copy(work, ProbeInput.extensionOf(parts.main()),
                Arrays.copyOf(bytes, bytes.length / 2));
        cycle(sample, options);
        cycle(damaged, options); // warm up both paths (lazy native loading opens descriptors once)
        long before = openDescriptors();
        for (int i = 0; i < CYCLES; i++) {
            cycle(sample, options);
            cycle(damaged, options);
        }
        long after = openDescriptors();
        assertTrue(after - before <= 2, sample + ": open descriptors went from " + before + " to " + after
                + " in " + CYCLES + " cycles");
    }

    private static void cycle(Path p, ReadOptions options) {
        try (SequenceReader r = Formats.open(p, options)) {
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
