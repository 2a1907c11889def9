package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.easimage.io.FormatRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as a separate process: killed or interrupted mid-conversion, fed an input that turns out
 * corrupt, or pointed at an existing output. Nothing may ever appear at the output path unless the job completed.
 */
class CliProcessTest {

    @TempDir
    Path dir;

    private static boolean writable(String ext) {
        try {
            FormatRegistry.getDefault().forOutput(Path.of("x." + ext), null);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Process start(String... args) throws IOException {
        return startWith(List.of("-Xmx256m"), "", args);
    }

    /** The command line in a JVM with {@code jvmOptions}, under {@code shellPrefix} (e.g. "ulimit -f 64;"). */
    private Process startWith(List<String> jvmOptions, String shellPrefix, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.easimage.cli.Main"));
        cmd.addAll(List.of(args));
        if (!shellPrefix.isEmpty()) {
            // "$@" keeps every argument intact; exec makes the JVM the process the limit applies to
            List<String> sh = new ArrayList<>(List.of("bash", "-c", shellPrefix + " exec \"$@\"", "easimage"));
            sh.addAll(cmd);
            cmd = sh;
        }
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    /** The one "easimage: ..." line of stderr, checked to be alone and without a stack trace. */
    private String oneErrorLine() {
        String err = read("stderr.txt").strip();
        List<String> errors = err.lines().filter(l -> l.startsWith("easimage: ")).toList();
        assertEquals(1, errors.size(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "no stack trace: " + err);
        return errors.get(0);
    }

    private void awaitTemporaryWithData(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> "process ended early: " + read("stderr.txt"));
            try (Stream<Path> s = Files.list(dir)) {
                boolean started = s.anyMatch(q -> q.getFileName().toString().startsWith(".easimage-") && size(q) > 100_000);
                if (started) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("conversion did not start writing within 60 s");
    }

    /**
     * Whether this process ignores the signal (Linux's {@code SigIgn} mask): an ignored SIGINT or SIGTERM stays
     * ignored in every process started from it, which the JVM then leaves so.
     */
    private static boolean ignoredHere(String signal) {
        int number = switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(signal);
        };
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                    .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & (1L << (number - 1))) != 0);
        } catch (IOException | RuntimeException e) {
            return false; // no /proc: run the check
        }
    }

    private static long size(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    return s.filter(Files::isRegularFile).mapToLong(q -> q.toFile().length()).sum();
                }
            }
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private String read(String name) {
        try {
            Path p = dir.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<String> outputs() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".txt")).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seq", "tif", "mkv"})
    void sigkillMidConversionLeavesNothingAtTheOutputPath(String ext) throws Exception {
        assumeTrue(writable(ext), "no writer for ." + ext + " in this build");
        Path out = dir.resolve("out." + ext);
        Process p = start("convert", "--quiet", "synthetic:320x240:gray8:1000000", out.toString());
        awaitTemporaryWithData(p);
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(out), "nothing at the output path after SIGKILL");
        // the killed process's temporary is swept by the next job in that folder
        Process q = start("convert", "--quiet", "synthetic:32x24:gray8:5", dir.resolve("next." + ext).toString());
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue(), read("stderr.txt"));
        assertEquals(List.of("next." + ext), outputs(), "stale temporary swept, only the new output remains");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void interruptedConversionRemovesItsTemporary(String signal) throws Exception {
        assumeTrue(writable("seq"), "no .seq writer in this build");
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by the JVM running these tests (started in the "
                + "background without job control), and the conversion's process inherits that, so the signal "
                + "cannot reach it; run the tests in the foreground to check this");
        Path out = dir.resolve("out.seq");
        Process p = start("convert", "--quiet", "synthetic:320x240:gray8:1000000", out.toString());
        awaitTemporaryWithData(p);
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "process must stop after SIG" + signal);
        assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue());
        assertEquals(List.of(), outputs(), "no output and no temporary after SIG" + signal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seq"})
    void corruptInputMidFileGivesExit3AndNoOutput(String ext) throws Exception {
        assumeTrue(writable(ext), "no ." + ext + " writer in this build");
        Path in = dir.resolve("in." + ext);
        Process make = start("convert", "--quiet", "synthetic:64x64:gray8:400", in.toString());
        assertTrue(make.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, make.exitValue(), read("stderr.txt"));
        long size = Files.size(in);
        try (FileChannel ch = FileChannel.open(in, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2); // the header still promises 400 frames
        }
        Path out = dir.resolve("out.tif");
        assumeTrue(writable("tif"), "no .tif writer in this build");
        Process p = start("convert", in.toString(), out.toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), read("stderr.txt"));
        String err = read("stderr.txt").strip();
        List<String> errors = err.lines().filter(l -> l.startsWith("easimage: ")).toList();
        assertEquals(1, errors.size(), err);
        assertTrue(errors.get(0).contains(in.getFileName().toString()), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertEquals(List.of("in." + ext), outputs(), "no output after a corrupt input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"seq"})
    void existingOutputGivesExit4UnlessOverwrite(String ext) throws Exception {
        assumeTrue(writable(ext), "no ." + ext + " writer in this build");
        Path out = dir.resolve("out." + ext);
        Files.writeString(out, "precious");
        Process p = start("convert", "--quiet", "synthetic:32x24:gray8:5", out.toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(4, p.exitValue());
        assertArrayEquals("precious".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out));
        Process q = start("convert", "--quiet", "--overwrite", "synthetic:32x24:gray8:5", out.toString());
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue(), read("stderr.txt"));
        assertEquals("", read("stdout.txt"), "--quiet prints no Done line");
        assertTrue(Files.size(out) > 8);
    }

    /**
     * Frames too large for the heap are refused before any work with what it takes, and a heap that fits a
     * shorter queue completes (issue 17 item 8: 8192x8192 GRAY16 used to die of OutOfMemoryError with a stack
     * trace; 4096x4096 in a 192 MB heap is the same case, smaller).
     */
    @Test
    void framesTooLargeForTheHeapAreRefusedBeforeAnyWorkAndASmallerQueueFits() throws Exception {
        assumeTrue(writable("tif"), "no .tif writer in this build");
        Path out = dir.resolve("big.tif");
        Process p = startWith(List.of("-Xmx192m", "-XX:+UseSerialGC"), "", "convert", "--quiet",
                "synthetic:4096x4096:gray16:4", out.toString());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(6, p.exitValue(), read("stderr.txt"));
        String line = oneErrorLine();
        assertTrue(line.contains("4096x4096 GRAY16") && line.contains("EASIMAGE_JAVA_OPTS=-Xmx"), line);
        assertEquals(List.of(), outputs(), "nothing written");

        // without --quiet, which silences notices too (issue 18)
        Process q = startWith(List.of("-Xmx400m", "-XX:+UseSerialGC"), "", "convert",
                "synthetic:4096x4096:gray16:4", out.toString());
        assertTrue(q.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue(), read("stderr.txt"));
        assertTrue(read("stderr.txt").contains("in the queue instead of 4"), read("stderr.txt"));
        assertEquals(List.of("big.tif"), outputs());
    }

    /**
     * An Error (here JavaCPP's OutOfMemoryError when native memory is over its limit, on the one thread that
     * transforms, so that it is the first failure) is one line and exit 6.
     */
    @Test
    void anOutOfMemoryErrorIsOneLineAndExit6() throws Exception {
        Path out = dir.resolve("o.tif");
        Process p = startWith(List.of("-Xmx256m", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=1"), "", "convert",
                "--quiet", "--threads", "0", "--gaussian", "2", "synthetic:64x64:gray8:3", out.toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(6, p.exitValue(), read("stderr.txt"));
        String line = oneErrorLine();
        assertTrue(line.startsWith("easimage: out of memory") && line.contains("EASIMAGE_JAVA_OPTS=-Xmx"), line);
        assertEquals(List.of(), outputs(), "nothing published, temporary removed");
    }

    /**
     * Disk full through the image-folder writer, simulated with a file-size limit (the JVM gets "File too large"
     * and keeps running): ImageIO's own "I/O error writing PNG file!" must keep the system's reason.
     */
    @Test
    void diskFullInTheImageFolderWriterSaysWhyAndExits5() throws Exception {
        Process p = startWith(List.of("-Xmx256m", "-XX:-UsePerfData", "-Xshare:off"), "ulimit -f 64;", "convert",
                "--quiet", "synthetic:512x512:rgb24:20", dir.resolve("frames/f_%03d.png").toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(5, p.exitValue(), read("stderr.txt"));
        String line = oneErrorLine();
        assertTrue(line.contains("File too large") || line.contains("No space left"), line);
        assertEquals(List.of(), outputs(), "no folder and no temporary");
    }
}
