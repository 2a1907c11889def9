package org.easimage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Runs a main class of the test class path in a child JVM under glibc's heap checking, so that native code
 * writing past a buffer aborts the child (exit status 134) instead of silently corrupting the test JVM.
 *
 * <p>The child gets {@code MALLOC_CHECK_=3} (check every heap operation, print and abort on corruption) and
 * {@code MALLOC_PERTURB_=165} (fill allocated and freed memory with a pattern, so reads of uninitialised or freed
 * memory show up as garbage rather than as plausible zeros). Since glibc 2.34 {@code MALLOC_CHECK_} only works
 * with {@code libc_malloc_debug.so} preloaded; it is preloaded when found. With it, a single byte written past
 * the end of any {@code malloc}/{@code av_malloc} block is caught when the block is freed.
 * {@link Canary} proves on a machine that the checker is armed.
 */
public final class HeapCheckedJvm {

    private HeapCheckedJvm() {
    }

    /** How the child ended: its exit status and everything it printed (stdout then stderr). */
    public record Result(int exitCode, String output) {
        /** True when glibc (or anything else) aborted the child: SIGABRT, status 128 + 6. */
        public boolean aborted() {
            return exitCode == 134;
        }

        /** The last {@code n} lines of the output, for failure messages. */
        public String tail(int n) {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** glibc's heap-debugging library, when this machine has one. */
    public static Optional<Path> mallocDebugLibrary() {
        for (String dir : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
                "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib", "/usr/lib")) {
            Path p = Path.of(dir, "libc_malloc_debug.so.0");
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code main} with {@code args} in a checked child JVM whose working and temporary folder is
     * {@code workDir} (so whatever an aborted child leaves behind is in the caller's folder); a child still
     * running after {@code timeout} is killed.
     */
    public static Result run(Duration timeout, Path workDir, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + workDir.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        Path log = workDir.resolve("heap-checked-" + main.getSimpleName() + ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("MALLOC_CHECK_", "3");
            env.put("MALLOC_PERTURB_", "165");
            mallocDebugLibrary().ifPresent(lib -> env.put("LD_PRELOAD", lib.toString()));
            Process p = pb.start();
            int code;
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                p.destroyForcibly().waitFor();
                code = -1;
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(code, code == -1 ? out + "\n(killed after " + timeout + ")" : out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Writes one byte past the end of a 100-byte {@code av_malloc} block, then frees it: a checked JVM aborts. */
    public static final class Canary {
        private Canary() {
        }

        public static void main(String[] args) {
            BytePointer p = new BytePointer(avutil.av_malloc(100)).capacity(101);
            p.put(100, (byte) 1);
            avutil.av_free(p);
            System.out.println("the overflow went unnoticed");
            Pointer.deallocateReferences();
        }
    }
}
