package org.easimage.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real sample files of {@code ../shared/data} (never copied into this repository). Tests that need
 * them call {@link #file} and are skipped, with a message saying so, when the folder is absent. The location can
 * be overridden with {@code -Deasimage.shared.data=DIR} or the {@code EASIMAGE_SHARED_DATA} environment variable.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data folder, or {@code null} when it cannot be found. */
    public static Path root() {
        String p = System.getProperty("easimage.shared.data", System.getenv("EASIMAGE_SHARED_DATA"));
        if (p != null) {
            return Files.isDirectory(Path.of(p)) ? Path.of(p) : null;
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The sample at {@code relative} (e.g. {@code seq/rsciio_de_test.seq}); skips the test when absent. */
    public static Path file(String relative) {
        Path root = root();
        assumeTrue(root != null, "../shared/data is absent: skipping the test on real sample files");
        Path f = root.resolve(relative);
        assumeTrue(Files.exists(f), "sample " + f + " is absent: skipping");
        return f;
    }
}
