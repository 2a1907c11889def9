package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release installs: the tar.gz built by {@code mvn package}, unpacked into an empty folder, runs {@code info}
 * and {@code convert} from its own {@code bin/easimage} on a machine without Maven (no {@code mvn} on the PATH, an
 * empty HOME, nothing but a JDK).
 */
class DistributionIT {

    @TempDir
    static Path dir;
    static Path home;
    static Path bin;

    private static void run(Path cwd, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), out);
    }

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of("target", "easimage-" + System.getProperty("project.version") + ".tar.gz")
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(tarball), tarball + " must exist (mvn verify builds it)");
        Path install = Files.createDirectories(dir.resolve("install"));
        run(install, List.of("tar", "xzf", tarball.toString()));
        home = Files.createDirectories(dir.resolve("empty-home"));
        // a PATH with what the launcher script needs and nothing else: no mvn, no java (JAVA_HOME gives it)
        bin = Files.createDirectories(dir.resolve("path"));
        for (String tool : List.of("bash", "dirname", "readlink")) {
            Path real = Path.of("/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/usr/bin", tool));
        }
    }

    /** Runs the unpacked launcher in the Maven-free environment; returns its exit code and output. */
    private static CliTest.Run easimage(String... args) throws IOException, InterruptedException {
        Path launcher;
        try (var s = Files.list(dir.resolve("install"))) {
            launcher = s.findFirst().orElseThrow().resolve("bin/easimage");
        }
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(bin.resolve("bash").toString(),
                launcher.toString())));
        pb.command().addAll(List.of(args));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", bin.toString());
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        pb.directory(dir.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "easimage " + String.join(" ", args));
        return new CliTest.Run(p.exitValue(), out, err);
    }

    @Test
    void noMavenOnThePath() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("bash").toString(), "-c", "command -v mvn java");
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        Process p = pb.redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, "neither mvn nor java may be on the launcher's PATH");
    }

    @Test
    void infoAndConvertRunFromTheUnpackedTarball() throws Exception {
        CliTest.Run info = easimage("info", "synthetic:64x48:gray16:10");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("64x48"), info.out());

        Path mkv = dir.resolve("out.mkv");
        CliTest.Run convert = easimage("convert", "--quiet", "synthetic:64x48:gray16:10", mkv.toString());
        assertEquals(0, convert.code(), convert.err());
        try (SequenceReader r = Formats.open(mkv)) {
            assertEquals(10, r.frameCount());
        }
        Path png = dir.resolve("frames");
        CliTest.Run frames = easimage("frames", "--quiet", mkv.toString(), png.resolve("f_%02d.png").toString(),
                "--annotate", "frame {index}");
        assertEquals(0, frames.code(), frames.err());
        assertEquals(10, Files.list(png).count());
    }
}
