package org.easimage.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.FormatRegistry;
import org.easimage.io.ReadOptions;
import org.easimage.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a machine where the bundled native codecs cannot load (here: a child JVM whose temporary folder does not
 * exist, so neither blosc-java nor zstd-jni can unpack its library), the zarr format fails with typed errors naming
 * the codec, while gzip and raw stores still work.
 */
class ZarrNativesTest {

    @TempDir
    Path dir;

    /** The child: prints one line per attempt, {@code <exception class>: <message>} or {@code ok}. */
    public static void main(String[] args) throws Exception {
        Path blosc = Path.of(args[0]);
        Path zstd = Path.of(args[1]);
        Path out = Path.of(args[2]);
        for (ZarrCompressor c : ZarrCompressor.values()) {
            attempt("write " + c, () -> FormatRegistry.getDefault().checkWrite(out.resolveSibling(c + ".zarr"),
                    WriteOptions.defaults().with(ZarrWriteOptions.DEFAULTS.withCompressor(c))));
        }
        attempt("read blosc", () -> new ZarrFormat().open(blosc, ReadOptions.defaults()).read(0));
        attempt("read zstd", () -> new ZarrFormat().open(zstd, ReadOptions.defaults()).read(0));
        attempt("store zstd", () -> ZarrStore.plan(out, FrameSpec.of(2, 2, PixelType.GRAY8), 1,
                ZarrWriteOptions.DEFAULTS.withCompressor(ZarrCompressor.ZSTD)));
        attempt("gzip round trip", () -> {
            ZarrRoundTripTest.write(out, ZarrRoundTripTest.randomFrames(FrameSpec.of(3, 3, PixelType.GRAY16), 2, 1),
                    WriteOptions.defaults().with(ZarrWriteOptions.DEFAULTS.withCompressor(ZarrCompressor.GZIP)));
            new ZarrFormat().open(out, ReadOptions.defaults()).read(1);
        });
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void attempt(String what, Attempt a) {
        try {
            a.run();
            System.out.println(what + " -> ok");
        } catch (Throwable t) {
            System.out.println(what + " -> " + t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }

    @Test
    void withoutLoadableNativesTheCodecIsNamedInATypedError() throws Exception {
        FrameSpec spec = FrameSpec.of(4, 3, PixelType.GRAY16);
        Path blosc = ZarrRoundTripTest.write(dir.resolve("blosc.zarr"), ZarrRoundTripTest.randomFrames(spec, 1, 1),
                WriteOptions.defaults());
        Path zstd = ZarrRoundTripTest.write(dir.resolve("zstd.zarr"), ZarrRoundTripTest.randomFrames(spec, 1, 1),
                WriteOptions.defaults().with(ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3)
                        .withCompressor(ZarrCompressor.ZSTD)));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir.resolve("no-such-folder"), "-cp", System.getProperty("java.class.path"),
                ZarrNativesTest.class.getName(), blosc.toString(), zstd.toString(), dir.resolve("g.zarr").toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> l.contains(" -> ")).toList();
        String all = String.join("\n", lines);
        assertTrue(all.contains("write none -> ok") && all.contains("write gzip -> ok"), all);
        for (String c : List.of("zstd", "blosc-lz4", "blosc-zstd")) {
            String line = lines.stream().filter(l -> l.startsWith("write " + c + " ->")).findFirst().orElse("");
            assertTrue(line.contains("UnsupportedOutputException") && line.contains(c) && line.contains("did not "
                    + "load"), all);
        }
        assertTrue(all.contains("read blosc -> UnsupportedFormatException") && all.contains("blosc-java"), all);
        assertTrue(all.contains("read zstd -> UnsupportedFormatException") && all.contains("zstd-jni"), all);
        assertTrue(all.contains("store zstd -> IllegalStateException"), all);
        assertTrue(all.contains("gzip round trip -> ok"), all);
    }
}
