package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.io.Formats;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;

/**
 * The command line in a child JVM, for what only a real process shows: exit codes, bytes on standard output (a
 * pipe), standard input, and text printed outside picocli's streams. Also compares the frames of two outputs.
 */
final class ChildCli {

    private ChildCli() {
    }

    /** What a child run left: its exit code, its standard output (a file, binary) and its standard error. */
    record Result(int code, Path stdout, String err) {
        String out() {
            try {
                return Files.readString(stdout, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code easimage ARGS} in {@code dir} with a 256 MB heap and no standard input. */
    static Result run(Path dir, String... args) throws Exception {
        return run(dir, List.of("-Xmx256m"), null, "stdout", args);
    }

    /**
     * Runs {@code easimage ARGS} in {@code dir} with {@code jvm} options, standard input read from {@code stdin}
     * (null: none) and standard output written to {@code dir/stdoutName}.
     */
    static Result run(Path dir, List<String> jvm, Path stdin, String stdoutName, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.easimage.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(stdoutName);
        Path err = Files.createTempFile("easimage-child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process p = pb.start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the command line did not end within 180 s: " + args[0]);
            return new Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Asserts {@code a} and {@code b} hold the same number of frames, with equal pixels and times. */
    static void assertSameFrames(Path a, Path b) throws IOException {
        try (SequenceReader ra = open(a); SequenceReader rb = open(b)) {
            assertEquals(ra.frameCount(), rb.frameCount(), a + " vs " + b);
            for (int i = 0; i < ra.frameCount(); i++) {
                Frame fa = ra.read(i);
                Frame fb = rb.read(i);
                assertTrue(fa.pixelsEqual(fb), "pixels of frame " + i + ": " + a + " vs " + b);
                assertEquals(fa.time(), fb.time(), "time of frame " + i);
                assertEquals(fa.timestamp(), fb.timestamp(), "timestamp of frame " + i);
            }
        }
    }

    /** Frame {@code index} of {@code source}. */
    static Frame frame(Path source, int index) throws IOException {
        try (SequenceReader r = open(source)) {
            return r.read(index);
        }
    }

    static int frameCount(Path source) throws IOException {
        try (SequenceReader r = open(source)) {
            return r.frameCount();
        }
    }

    static SequenceReader open(Path p) throws IOException {
        return Formats.open(p, ReadOptions.defaults().withWarnings(w -> { }));
    }

    /** The names in {@code dir}, sorted, except the given ones. */
    static List<String> names(Path dir, String... except) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !List.of(except).contains(n)).sorted().toList();
        }
    }
}
