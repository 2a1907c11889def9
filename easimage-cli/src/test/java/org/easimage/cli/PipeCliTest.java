package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.easimage.cli.ChildCli.Result;
import org.easimage.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pipes and sinks (issue 18), each side a real process: {@code -} as output (y4m, raw, NUT) and as input (y4m, or
 * raw with --size and --pix-fmt), exact for gray 8 and 16 bits; {@code null} decodes without writing; text never
 * mixes with the frames on standard output.
 */
class PipeCliTest {

    @TempDir
    Path dir;

    /** A recording of odd size (37x23) whose frames all differ, written by easimage. */
    private Path source(String type) throws Exception {
        Path p = dir.resolve("src-" + type + ".seq");
        assertEquals(0, CliTest.run("convert", "--quiet", "synthetic:37x23:" + type + ":5:25", p.toString()).code());
        return p;
    }

    private static String head(Path p, int n) throws Exception {
        byte[] b = Files.readAllBytes(p);
        return new String(b, 0, Math.min(n, b.length), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray8", "gray16"})
    void y4mOutThenInIsExact(String type) throws Exception {
        Path src = source(type);
        Result out = ChildCli.run(dir, List.of("-Xmx256m"), null, "a.y4m", "convert", src.toString(), "-");
        assertEquals(0, out.code(), out.err());
        assertTrue(head(out.stdout(), 40).startsWith("YUV4MPEG2 W37 H23 F25:1 "), head(out.stdout(), 40));
        assertTrue(out.err().contains("Done") && out.err().contains("standard output"), "text on stderr: " + out.err());

        Path back = dir.resolve("back.seq");
        Result in = ChildCli.run(dir, List.of("-Xmx256m"), out.stdout(), "stdout", "convert", "-", back.toString());
        assertEquals(0, in.code(), in.err());
        assertTrue(in.out().startsWith("Done"), in.out());
        ChildCli.assertSameFrames(src, back);
    }

    @Test
    void rawOutThenInWithSizeAndPixFmtIsExact() throws Exception {
        Path src = source("gray16");
        Result out = ChildCli.run(dir, List.of("-Xmx256m"), null, "a.raw", "convert", "--pipe", "raw",
                src.toString(), "-");
        assertEquals(0, out.code(), out.err());
        assertEquals(5L * 37 * 23 * 2, Files.size(out.stdout()), "no header, no text: only the frames");
        assertTrue(out.err().contains("-f rawvideo -video_size 37x23 -pixel_format gray16le"), out.err());
        // little-endian, as ffmpeg's gray16le: the first sample of frame 0
        Frame f0 = ChildCli.frame(src, 0);
        byte[] b = Files.readAllBytes(out.stdout());
        assertEquals(f0.shorts().get(0) & 0xFFFF, (b[0] & 0xFF) | (b[1] & 0xFF) << 8);

        Path back = dir.resolve("back.tif");
        Result in = ChildCli.run(dir, List.of("-Xmx256m"), out.stdout(), "stdout", "convert", "--size", "37x23",
                "--pix-fmt", "gray16le", "--fps", "25", "-", back.toString());
        assertEquals(0, in.code(), in.err());
        ChildCli.assertSameFrames(src, back);
    }

    @Test
    void nutOutHoldsTheExactFrames() throws Exception {
        Path src = source("gray16");
        Result out = ChildCli.run(dir, List.of("-Xmx256m"), null, "a.nut", "convert", "--pipe", "nut",
                src.toString(), "-");
        assertEquals(0, out.code(), out.err());
        assertTrue(head(out.stdout(), 24).startsWith("nut/multimedia container"), head(out.stdout(), 24));
        assertEquals(5, ChildCli.frameCount(out.stdout()));
        for (int i = 0; i < 5; i++) {
            Frame a = ChildCli.frame(src, i);
            Frame b = ChildCli.frame(out.stdout(), i);
            short[] sa = new short[37 * 23];
            short[] sb = new short[37 * 23];
            a.shorts().get(0, sa);
            b.shorts().get(0, sb);
            assertArrayEquals(sa, sb, "frame " + i);
        }
    }

    /** A pipe has no end known in advance: times count from its first frame, as --range counts from its start. */
    @Test
    void timeSelectionOnAPipeMatchesTheRangeOnTheFile() throws Exception {
        Path src = source("gray8");
        Result y4m = ChildCli.run(dir, List.of("-Xmx256m"), null, "a.y4m", "convert", "--quiet", src.toString(), "-");
        assertEquals(0, y4m.code(), y4m.err());
        assertEquals("", y4m.err(), "--quiet");
        Path byTime = dir.resolve("t.seq");
        Result in = ChildCli.run(dir, List.of("-Xmx256m"), y4m.stdout(), "stdout", "convert", "--quiet",
                "--start", "0.08", "--end", "0.16", "-", byTime.toString());
        assertEquals(0, in.code(), in.err());
        Path byIndex = dir.resolve("i.seq");
        assertEquals(0, CliTest.run("convert", "--quiet", "--range", "2:4", src.toString(), byIndex.toString()).code());
        ChildCli.assertSameFrames(byIndex, byTime);

        // --at on a pipe: the frame shown then, and past the last frame's display (0.16 + 0.04 s) none
        Path at = dir.resolve("at.tif");
        Result shown = ChildCli.run(dir, List.of("-Xmx256m"), y4m.stdout(), "stdout", "convert", "--quiet",
                "--at", "0.199", "-", at.toString());
        assertEquals(0, shown.code(), shown.err());
        assertTrue(ChildCli.frame(at, 0).pixelsEqual(ChildCli.frame(src, 4)));
        Result late = ChildCli.run(dir, List.of("-Xmx256m"), y4m.stdout(), "stdout", "convert", "--quiet",
                "--at", "0.2", "-", dir.resolve("late.tif").toString());
        assertEquals(2, late.code(), late.err());
        assertTrue(late.err().contains("is after the end of the stream"), late.err());
        assertFalse(Files.exists(dir.resolve("late.tif")));
    }

    @Test
    void nullDecodesAndTransformsWithoutWriting() throws Exception {
        Path src = source("gray16");
        List<String> before = ChildCli.names(dir);
        Result r = ChildCli.run(dir, "convert", "--to-8bit", "bits", src.toString(), "null");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 frames") && r.out().contains("null (discarded)"), r.out());
        assertEquals(before, ChildCli.names(dir, "stdout"), "nothing written, not even a file named null");
    }

    @Test
    void badPipesAndOutputsAreRefusedWithTheirExitCode() throws Exception {
        Path src = source("gray8");
        Path text = dir.resolve("text.txt");
        Files.writeString(text, "not frames\n");
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        Path y4m = dir.resolve("a.y4m");
        assertEquals(0, CliTest.run("convert", "--quiet", src.toString(), y4m.toString()).code());
        List<String> before = ChildCli.names(dir);
        Object[][] cases = {
            {text, 3, "not a y4m stream", new String[] {"convert", "-", "o.seq"}},
            {empty, 3, "standard input is empty", new String[] {"convert", "-", "o.seq"}},
            {y4m, 2, "apply to raw input only", new String[] {"convert", "--size", "37x23", "--pix-fmt", "gray",
                "-", "o.seq"}},
            {null, 2, "needs its pixel format", new String[] {"convert", "--size", "37x23", "-", "o.seq"}},
            {null, 2, "--pipe applies to the output '-' only", new String[] {"convert", "--pipe", "raw",
                src.toString(), "o.seq"}},
            {null, 2, "y4m, raw or nut", new String[] {"convert", "--pipe", "gif", src.toString(), "-"}},
            {null, 2, "easimage convert IN - --pipe", new String[] {"frames", src.toString(), "-"}},
            {null, 2, "counts from the end", new String[] {"convert", "--range", "-2:", "-", "o.seq"}},
            {null, 2, "outdir", new String[] {"convert", src.toString(), "outdir"}},
            {y4m, 2, "easimage convert - null", new String[] {"info", "-"}},
            {null, 2, "frames_%d.xyz", new String[] {"convert", src.toString(), "frames_%d.xyz"}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[3];
            Result r = ChildCli.run(dir, List.of("-Xmx256m"), (Path) c[0], "stdout", args);
            String what = Arrays.toString(args) + ": " + r.err();
            assertEquals((int) c[1], r.code(), what);
            List<String> errors = r.err().lines().filter(l -> l.startsWith("easimage: ")).toList();
            assertEquals(1, errors.size(), what);
            assertTrue(errors.get(0).contains((String) c[2]), what);
            assertFalse(r.err().contains("\tat "), what);
            assertEquals(0, Files.size(r.stdout()), "nothing on standard output: " + what);
            assertEquals(before, ChildCli.names(dir, "stdout"), "nothing created: " + what);
        }
    }
}
