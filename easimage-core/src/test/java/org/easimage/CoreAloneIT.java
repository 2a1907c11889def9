package org.easimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.easimage.frame.Frame;
import org.easimage.frame.Frames;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user who adds easimage-core alone: its runtime class path holds no native code, no fonts, nothing of
 * bytedeco; and a small program compiled against the packaged jar only reads a real Norpix {@code .seq} and a
 * TIFF stack (files its own writers make when {@code ../shared/data} is absent), frame for frame as this module.
 */
class CoreAloneIT {

    @TempDir
    Path dir;

    private static final String CONSUMER = """
            import java.nio.file.Path;
            import java.util.zip.CRC32;
            import org.easimage.frame.Frame;
            import org.easimage.frame.Frames;
            import org.easimage.io.Formats;
            import org.easimage.io.SequenceReader;

            public class Consumer {
                public static void main(String[] args) throws Exception {
                    for (String a : args) {
                        try (SequenceReader r = Formats.open(Path.of(a))) {
                            Frame f = r.read(r.frameCount() - 1);
                            CRC32 crc = new CRC32();
                            crc.update(Frames.toBytes(f));
                            System.out.println(r.info().format() + " " + r.frameCount() + " " + f.width() + "x"
                                    + f.height() + " " + f.pixelType() + " " + crc.getValue());
                        }
                    }
                }
            }
            """;

    /** The packaged jar and its runtime dependencies, as a library user gets them. */
    private static List<Path> runtimeClassPath() throws Exception {
        Path target = Path.of("target");
        List<Path> cp = new ArrayList<>();
        cp.add(target.resolve("easimage-core-" + System.getProperty("project.version") + ".jar"));
        for (String e : Files.readString(target.resolve("runtime-classpath.txt")).trim().split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(Path.of(e));
            }
        }
        for (Path p : cp) {
            assertTrue(Files.isRegularFile(p), p + " must exist (run mvn verify)");
        }
        return cp;
    }

    @Test
    void runtimeClassPathHasNoNativeCodeNoFontsNoBytedeco() throws Exception {
        List<Path> cp = runtimeClassPath();
        long bytes = 0;
        for (Path p : cp) {
            String n = p.getFileName().toString();
            assertTrue(!n.contains("bytedeco") && !p.toString().contains("/org/bytedeco/"), n);
            assertTrue(!n.contains("fonts") && !n.contains("linux-x86_64") && !n.contains("windows")
                    && !n.contains("macosx"), n);
            bytes += Files.size(p);
        }
        System.out.printf("easimage-core runtime class path: %d jars, %.2f MB%n", cp.size(), bytes / 1e6);
        assertTrue(bytes < 3_000_000, "easimage-core alone stays small: " + bytes + " bytes");
    }

    @Test
    void aProgramOnCoreAloneReadsARealSeqAndTiff() throws Exception {
        Path seq = sample("seq/pims_sample_norpix6.seq", "synthetic:36x32:gray8:6", "rec.seq");
        Path tif = sample("tiff/calcium_imaging.tif", "synthetic:40x30:gray16:50", "stack.tif");
        List<Path> cp = runtimeClassPath();
        String classPath = String.join(File.pathSeparator, cp.stream().map(Path::toString).toList());

        Path src = dir.resolve("Consumer.java");
        Files.writeString(src, CONSUMER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-cp", classPath, "-d", dir.toString(), src.toString()),
                "the consumer compiles against easimage-core alone");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dir + File.pathSeparator + classPath, "Consumer", seq.toString(), tif.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of(expected(seq), expected(tif)), out.strip().lines().toList());
    }

    /** The shared sample, or a file of the same kind that this module's own writers make. */
    private Path sample(String shared, String synthetic, String name) throws Exception {
        Path root = SharedData.root();
        if (root != null && Files.exists(root.resolve(shared))) {
            return root.resolve(shared);
        }
        Path p = dir.resolve(name);
        try (SequenceReader r = Formats.open(Path.of(synthetic)); var w = Formats.create(p)) {
            w.writeAll(r);
            w.finish();
        }
        return p;
    }

    private static String expected(Path file) throws Exception {
        try (SequenceReader r = Formats.open(file)) {
            Frame f = r.read(r.frameCount() - 1);
            CRC32 crc = new CRC32();
            crc.update(Frames.toBytes(f));
            return r.info().format() + " " + r.frameCount() + " " + f.width() + "x" + f.height() + " "
                    + f.pixelType() + " " + crc.getValue();
        }
    }
}
