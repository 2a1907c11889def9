package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code easimage mosaic} and {@code easimage sheet}: outputs, options checked first, exit codes. */
class ComposeCliTest {

    @TempDir
    Path dir;

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    private boolean noTemporaries() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> p.getFileName().toString().startsWith(".easimage-"));
        }
    }

    @Test
    void mosaicOfTwoSourcesAndATraceToVideo() throws Exception {
        Path csv = dir.resolve("force.csv");
        StringBuilder s = new StringBuilder("time,force,torque\n");
        for (int i = 0; i <= 200; i++) {
            s.append(i / 100.0).append(',').append(Math.sin(i / 10.0)).append(',').append(i % 7).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("all.mkv");
        CliTest.Run r = run("mosaic", "synthetic:64x48:gray16:40:20", "synthetic:32x48:rgb24:30:10",
                "--trace", csv + ":force,torque", "-o", out.toString(), "--offset", "0,0.5", "--rate", "1,2",
                "--titles", "a,b,c", "--padding", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "--quiet prints nothing, as convert (issue 18)");
        try (SequenceReader m = Formats.open(out)) {
            // 20 fps (the first input's); the trace lasts 2 s, the others 2 s and 0.5 + 3 s / 2: 2.0 s
            assertEquals(40, m.frameCount());
            assertEquals(0, m.spec().width() % 2);
        }
        assertTrue(noTemporaries());
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyInputIsOpened() throws Exception {
        Path out = dir.resolve("m.mp4");
        String missing = dir.resolve("missing.mp4").toString(); // would be exit 3 if it were opened first
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--rate", "0").code());
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--offset", "1,2").code());
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--size", "12").code());
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--sync", "sometimes").code());
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--layout", "spiral").code());
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--crf", "99").code());
        assertEquals(2, run("mosaic", missing, "-o", dir.resolve("m.xyz").toString()).code());
        assertEquals(2, run("mosaic", missing, "-o", out.toString(), "--trace", "nocolumns.csv").code());
        assertEquals(2, run("mosaic", "-o", out.toString()).code());
        CliTest.Run neg = run("mosaic", missing, "-o", out.toString(), "--offset", "-0.5");
        assertEquals(3, neg.code(), "a negative offset is a value, not an option: " + neg.err());
        assertEquals(1, neg.err().strip().lines().count(), neg.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void inputErrorsAndExistingOutputs() throws Exception {
        Path out = dir.resolve("m.mp4");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "t,v\n0,1\n1,x\n");
        assertEquals(3, run("mosaic", "synthetic:8x8:gray8:5", "--trace", csv + ":v", "-o", out.toString()).code());
        CliTest.Run col = run("mosaic", "synthetic:8x8:gray8:5", "--trace", csv + ":nope", "-o", out.toString());
        assertEquals(2, col.code());
        assertTrue(col.err().contains("columns: t, v"), col.err());
        Files.writeString(out, "mine");
        assertEquals(4, run("mosaic", "synthetic:8x8:gray8:5", "-o", out.toString()).code());
        assertEquals("mine", Files.readString(out));
        assertEquals(0, run("mosaic", "synthetic:8x8:gray8:5", "-o", out.toString(), "-y", "--quiet").code());
        // never over one of its own inputs
        Path in = dir.resolve("in.mkv");
        assertEquals(0, run("convert", "synthetic:16x16:gray8:5", in.toString(), "--quiet").code());
        long size = Files.size(in);
        assertEquals(4, run("mosaic", in.toString(), "synthetic:8x8:gray8:5", "-o", in.toString(), "-y").code());
        assertEquals(size, Files.size(in));
        assertTrue(noTemporaries());
    }

    @Test
    void sheetWritesOnePicture() throws Exception {
        Path png = dir.resolve("sheet.png");
        CliTest.Run r = run("sheet", "synthetic:160x90:gray16:5000:100", png.toString(), "--count", "6", "--cols",
                "3", "--width", "160");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 of 5000 frames"), r.out());
        var img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 3 * 160 && img.getHeight() > 2 * 90, img.getWidth() + "x" + img.getHeight());
        assertEquals(4, run("sheet", "synthetic:16x9:gray8:50", png.toString()).code());
        assertEquals(2, run("sheet", "synthetic:16x9:gray8:50", dir.resolve("s.mp4").toString()).code());
        assertEquals(2, run("sheet", "synthetic:16x9:gray8:50", dir.resolve("t.png").toString(), "--count", "0").code());
        assertEquals(3, run("sheet", dir.resolve("none.mp4").toString(), dir.resolve("t.png").toString()).code());
        assertFalse(Files.exists(dir.resolve("t.png")));
        assertTrue(noTemporaries());
    }
}
