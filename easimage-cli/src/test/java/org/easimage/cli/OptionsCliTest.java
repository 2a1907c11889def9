package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.easimage.cli.CliTest.Run;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.Formats;
import org.easimage.io.SequenceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Options and messages (issue 18): --quiet prints nothing on success, an option the output format does not take
 * is a usage error (exit 2) naming it, the formats table is aligned, {@code frames --help} offers no video option
 * and triggers no picocli warning, and --annotate fills {file} and {elapsed}.
 */
class OptionsCliTest {

    @TempDir
    Path dir;

    /** Frames 10 ms apart with one 50 ms gap: a y4m output has to warn that it stores one constant rate. */
    private Path irregular() throws Exception {
        Path p = dir.resolve("irregular.seq");
        long[] ms = {0, 10, 20, 70, 80};
        FrameSpec spec = FrameSpec.of(16, 8, PixelType.GRAY8);
        try (SequenceWriter w = Formats.create(p)) {
            for (int i = 0; i < ms.length; i++) {
                w.write(new Frame(spec, ByteBuffer.allocate(128), i, Duration.ofMillis(ms[i]), null));
            }
            w.finish();
        }
        return p;
    }

    /** Each run in its own process, so anything printed on the real standard streams counts. */
    @Test
    void quietPrintsNothingOnSuccess() throws Exception {
        Path src = irregular();
        Files.createDirectories(dir.resolve("batch-in"));
        Files.copy(src, dir.resolve("batch-in/rec.seq"));
        String[][] runs = {
            {"convert", "--quiet", src.toString(), "o.y4m"}, // would print a notice about the constant rate
            {"convert", "--quiet", "--threads", "100000", src.toString(), "o.tif"}, // would print a notice
            {"frames", "--quiet", src.toString(), "f_%02d.png"},
            {"batch", "--quiet", "batch-in", "-o", "batch-out", "--ext", "tif"},
            {"convert", "--quiet", src.toString(), "null"},
        };
        for (String[] args : runs) {
            ChildCli.Result r = ChildCli.run(dir, args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.err(), String.join(" ", args));
            assertEquals("", r.out(), String.join(" ", args));
        }
        ChildCli.Result pipe = ChildCli.run(dir, List.of("-Xmx256m"), null, "pipe.y4m", "convert", "--quiet",
                src.toString(), "-");
        assertEquals(0, pipe.code(), pipe.err());
        assertEquals("", pipe.err());
        assertTrue(Files.size(pipe.stdout()) > 5 * 128, "frames only on standard output");
        // without --quiet the notice is there: the runs above were quiet for a reason
        ChildCli.Result loud = ChildCli.run(dir, "convert", src.toString(), "loud.y4m");
        assertTrue(loud.err().contains("notice: ") && loud.out().startsWith("Done"), loud.err() + loud.out());
    }

    /** The input is missing: exit 2 shows each option was refused before the input was opened. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "o.mp4        | --loop 0            | --loop applies to GIF outputs only",
        "o.seq        | --loop 1            | --loop applies to GIF outputs only",
        "o.png        | --compression lzw   | --compression applies to TIFF and Norpix .seq outputs only",
        "o.mkv        | --compression lzw   | --compression applies to TIFF and Norpix .seq outputs only",
        "o.gif        | --compression lzw   | --compression applies to TIFF and Norpix .seq outputs only",
        "o.tif        | --compression jpeg  | none, lzw or deflate",
        "o.tif        | --bitrate 800k      | --bitrate applies to video outputs only",
        "o.gif        | --bitrate 1M        | --bitrate applies to video outputs only",
        "o.mp4        | --bitrate 12        | 1k to 10000M",
        "o.gif        | --loop -2           | --loop",
        "f_%03d.png   | --fps 10            | a frame rate does not apply",
        "o.tif        | --quality 50        | a quality setting does not apply",
        "o.png        | --quality 50        | a quality setting does not apply",
        "o.mkv        | --quality 50        | quality",
        "o.seq        | --start-number 3    | --start-number applies to numbered image outputs only",
        "o.tif        | --crf 20            | video outputs only",
        "o.y4m        | --pix-fmt gray      | video outputs only",
        "-            | --bitrate 1M        | --bitrate applies to video outputs only",
        "null         | --compression lzw   | --compression applies to TIFF and Norpix .seq outputs only",
    })
    void optionsTheOutputFormatDoesNotTakeAreRefused(String out, String options, String hint) throws Exception {
        List<String> args = new ArrayList<>(List.of("convert", "--quiet"));
        args.addAll(List.of(options.split(" ")));
        args.add(dir.resolve("missing.seq").toString());
        args.add(out.equals("-") || out.equals("null") ? out : dir.resolve(out).toString());
        Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(hint), "'" + hint + "' in: " + r.err());
        assertEquals(List.of(), ChildCli.names(dir));
    }

    /** The same options are taken where they apply, and land in the file. */
    @Test
    void optionsThatApplyAreTaken() throws Exception {
        String src = "synthetic:32x16:gray8:4:10";
        assertEquals(0, CliTest.run("convert", "--quiet", "--compression", "lzw", src, dir.resolve("o.tif").toString())
                .code());
        assertTrue(CliTest.run("info", "--json", dir.resolve("o.tif").toString()).out().contains("\"compression\":\"lzw\""));
        assertEquals(0, CliTest.run("convert", "--quiet", "--loop", "3", src, dir.resolve("o.gif").toString()).code());
        assertEquals(0, CliTest.run("convert", "--quiet", "--bitrate", "200k", src, dir.resolve("o.mp4").toString())
                .code());
        assertEquals(4, ChildCli.frameCount(dir.resolve("o.mp4")));
    }

    @Test
    void formatsIsAnAlignedTableOfEveryFormat() {
        Run r = CliTest.run("formats");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        String header = lines.get(0);
        assertTrue(header.matches("NAME +MODE +EXTENSIONS +DESCRIPTION"), header);
        int mode = header.indexOf("MODE");
        int ext = header.indexOf("EXTENSIONS");
        int desc = header.indexOf("DESCRIPTION");
        List<String> names = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.charAt(0) != ' ') { // a format's row: every column starts where its heading does
                names.add(l.substring(0, mode).strip());
                assertTrue(l.substring(mode).matches("[r-][w-] +.*") && l.charAt(ext - 1) == ' '
                        && l.charAt(ext) != ' ' && l.charAt(desc - 1) == ' ' && l.charAt(desc) != ' ', l);
            } else { // a continuation of the extensions, under their heading
                assertTrue(l.substring(0, ext).isBlank() && l.charAt(ext) != ' ', l);
            }
        }
        assertEquals(FormatRegistry.getDefault().formats().stream().map(Format::name).toList(), names);
    }

    /** frames writes image files: no video, codec or pipe option, and nothing from picocli on stderr. */
    @Test
    void framesHelpOffersNoVideoOptionsAndNoPicocliWarning() throws Exception {
        ChildCli.Result frames = ChildCli.run(dir, "frames", "--help");
        assertEquals(0, frames.code(), frames.err());
        assertEquals("", frames.err(), "no picocli warning");
        for (String video : new String[] {"--fps", "--crf", "--codec", "--preset", "--pix-fmt", "--gop", "--bitrate",
                "--loop", "--compression", "--pipe", "--size", "--output-format"}) {
            assertFalse(frames.out().contains(video), video + " in frames --help");
        }
        assertTrue(frames.out().contains("--start-number") && frames.out().contains("--at"), frames.out());
        ChildCli.Result convert = ChildCli.run(dir, "convert", "--help");
        assertEquals("", convert.err(), "no picocli warning");
        for (String option : new String[] {"--fps", "--crf", "--bitrate", "--loop", "--compression", "--pipe"}) {
            assertTrue(convert.out().contains(option), option + " in convert --help");
        }
        assertTrue(convert.out().contains("{elapsed}"), "--annotate documents {elapsed}");
    }

    /** {file} is the input's name and {elapsed} the seconds from the first frame, drawn as if typed literally. */
    @Test
    void annotateFillsFileAndElapsed() throws Exception {
        Path rec = dir.resolve("rec.seq");
        assertEquals(0, CliTest.run("convert", "--quiet", "synthetic:96x24:gray8:3:10", rec.toString()).code());
        Path file = annotate(rec, "{file}", "file.tif");
        assertSamePixels(file, annotate(rec, "rec.seq", "literal-file.tif"));
        assertDifferentPixels(file, annotate(rec, "", "empty.tif"));
        Path elapsed = annotate(rec, "t={elapsed}", "elapsed.tif");
        assertSamePixels(elapsed, annotate(rec, "t=0.200", "literal-elapsed.tif"));
        assertDifferentPixels(elapsed, annotate(rec, "t=", "empty-elapsed.tif"));
    }

    /** Frame 2 of {@code rec} annotated with {@code text}. */
    private Path annotate(Path rec, String text, String name) throws Exception {
        Path out = dir.resolve(name);
        Run r = CliTest.run("convert", "--quiet", "--range", "2:3", "--annotate", text, rec.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        return out;
    }

    private static void assertSamePixels(Path a, Path b) throws Exception {
        assertTrue(ChildCli.frame(a, 0).pixelsEqual(ChildCli.frame(b, 0)), a + " vs " + b);
    }

    private static void assertDifferentPixels(Path a, Path b) throws Exception {
        assertNotEquals(true, ChildCli.frame(a, 0).pixelsEqual(ChildCli.frame(b, 0)), a + " vs " + b);
    }
}
