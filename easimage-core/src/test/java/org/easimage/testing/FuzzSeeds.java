package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed inputs of the fuzz targets: {@code src/test/resources/<package>/<Class>Inputs/<method>}, where
 * Jazzer replays them in every {@code mvn test} and adds what it finds while fuzzing. The seeds there are small
 * files our own writers produce (never copies of {@code ../shared/data}); each fuzz test class regenerates its
 * seeds with
 * {@code mvn -o test -Dtest='*FuzzTest#writeSeeds' -Deasimage.fuzz.seeds=write} (deterministic bytes).
 */
public final class FuzzSeeds {

    /** The system property that turns seed writing on. */
    public static final String PROPERTY = "easimage.fuzz.seeds";

    private FuzzSeeds() {
    }

    /** The inputs directory of {@code fuzzTest}'s method {@code method}. */
    public static Path inputs(Class<?> fuzzTest, String method) {
        return Path.of("src", "test", "resources").resolve(fuzzTest.getPackageName().replace('.', '/'))
                .resolve(fuzzTest.getSimpleName() + "Inputs").resolve(method);
    }

    /** Writes seed {@code name} of {@code method} (replacing an older one of that name). */
    public static void put(Class<?> fuzzTest, String method, String name, byte[] bytes) {
        try {
            Path dir = Files.createDirectories(inputs(fuzzTest, method));
            Files.write(dir.resolve("seed-" + name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless every listed method has at least one committed input (an empty corpus fuzzes nothing). */
    public static void assertPresent(Class<?> fuzzTest, String... methods) throws IOException {
        for (String m : methods) {
            Path dir = inputs(fuzzTest, m);
            try (var files = Files.list(dir)) {
                assertTrue(files.findAny().isPresent(), "no committed fuzz input in " + dir);
            }
        }
    }
}
