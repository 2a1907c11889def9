package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile options and misleading messages (issue 17, items 9 and 10): every bad option is a usage error (exit 2)
 * naming the valid values, raised before the input is opened and before anything appears in the output folder.
 */
class CliValidationTest {

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The input does not exist: a command that opened it before checking its options would exit 3 ("no such
     * file"), so exit 2 shows the options were refused first.
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "out.mp4  | --crf 99                  | 0..51",
        "out.mp4  | --crf -1                  | 0..51",
        "out.webm | --crf 99                  | 0..63",
        "out.mkv  | --crf 10                  | takes no crf",
        "out.avi  | --crf 5                   | takes no crf",
        "out.mp4  | --preset bogus            | veryslow",
        "out.webm | --preset bogus            | has no presets",
        "out.mp4  | --pix-fmt bogus           | unknown FFmpeg pixel format",
        "out.avi  | --pix-fmt gray16le        | it takes",
        "out.mp4  | --fps 1e12                | 1/1000000..1000000000",
        "out.mp4  | --fps 1/10000000          | 1/1000000..1000000000",
        "out.mp4  | --gop 0                   | 1 or more",
        "out.tif  | --codec H264              | video outputs only",
        "out.seq  | --crf 20 --preset slow    | video outputs only",
        "out.tif  | --clahe 2:100000x100000   | 1024x1024",
        "out.tif  | --clahe 0:8x8             | positive",
        "out.tif  | --gaussian 1e9            | (0, 1000]",
        "out.tif  | --sharpen 1:1e9           | (0, 1000]",
        "out.tif  | --flatfield 1e300         | (0, 1000]",
        "out.tif  | --resize 2000000x10       | 0..1048576",
        "out.tif  | --resize 1e9              | (0, 1048576]",
        "out.tif  | --pad 2000000             | 0..1048576",
        "out.tif  | --threads -3              | 0 or more",
        "out.tif  | --quality 0               | 1..100",
    })
    void badOptionExits2BeforeOpeningTheInputNamingTheValidValues(String out, String options, String hint)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("convert", "--quiet"));
        args.addAll(List.of(options.split(" ")));
        args.add(dir.resolve("missing.seq").toString());
        args.add(dir.resolve(out).toString());
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(hint), "'" + hint + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(List.of(), files(), "no output, no temporary");
    }

    /** Frames the output format cannot hold are a usage error (2), not a bad input (3), and nothing is created. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "synthetic:16x16:gray16:3  | frames/f_%03d.jpg | jpg files cannot store GRAY16",
        "synthetic:16x16:gray32f:3 | out.mp4    | video cannot hold GRAY32F",
        "synthetic:16x16:gray16:3  | out.mp4    | without losing bits",
        "synthetic:16x16:gray16:3  | out.gif    | cannot store GRAY16",
    })
    void framesTheOutputCannotHoldExit2WithNothingCreated(String in, String out, String hint) throws Exception {
        CliTest.Run r = CliTest.run("convert", "--quiet", in, dir.resolve(out).toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(hint), "'" + hint + "' in: " + r.err());
        assertEquals(List.of(), files(), "no output, no temporary");
    }

    /**
     * The error for an output nobody writes lists the extensions that are written, and only those: each one it names
     * picks a format (it named .mpg, which the video format reads but does not write, in the same line that
     * refused .mpg).
     */
    @Test
    void theWritableExtensionsAnErrorListsAreWritten() {
        org.easimage.io.FormatRegistry registry = org.easimage.io.FormatRegistry.getDefault();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(org.easimage.io.UnsupportedOutputException.class,
                () -> registry.forOutput(Path.of("out.mpg"), null));
        String message = e.getMessage();
        int open = message.indexOf("writable extension (");
        assertTrue(open > 0, message);
        String[] listed = message.substring(open + 20, message.indexOf(')', open)).split(", ");
        assertTrue(listed.length > 10, message);
        for (String ext : listed) {
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> registry.forOutput(Path.of("out." + ext), null),
                    "." + ext + " is listed as writable");
        }
        assertFalse(List.of(listed).contains("mpg"), message);
    }

    @Test
    void threadsAreCappedWithANotice() throws Exception {
        CliTest.Run r = CliTest.run("convert", "--threads", "100000", "--gray", "synthetic:16x16:rgb24:40",
                dir.resolve("o.tif").toString());
        assertEquals(0, r.code(), r.err());
        int cap = 2 * Runtime.getRuntime().availableProcessors();
        assertTrue(r.err().contains("notice: 100000 transform threads asked; using " + cap), r.err());
        // --quiet is quiet: no notice, no Done line (issue 18)
        CliTest.Run q = CliTest.run("convert", "--quiet", "--threads", "100000", "--gray", "synthetic:16x16:rgb24:40",
                dir.resolve("q.tif").toString());
        assertEquals(0, q.code(), q.err());
        assertEquals("", q.err());
        assertEquals("", q.out());
    }

    @Test
    void existingOutputNamesTheOptionThatReplacesIt() throws Exception {
        Path out = dir.resolve("o.tif");
        Files.writeString(out, "precious");
        CliTest.Run r = CliTest.run("convert", "--quiet", "synthetic:8x8:gray8:2", out.toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("--overwrite") && r.err().contains("-y"), r.err());
        assertEquals("precious", Files.readString(out));
    }

    @Test
    void aFifoInputIsNotARegularFileNotAMissingOne() throws Exception {
        Path fifo = dir.resolve("camera.mp4");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available");
        for (String[] args : new String[][] {{"info", fifo.toString()},
                {"convert", "--quiet", fifo.toString(), dir.resolve("o.tif").toString()}}) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("not a regular file (a FIFO)"), r.err());
            assertFalse(r.err().contains("no such file"), r.err());
        }
        assertEquals(List.of("camera.mp4"), files());
    }

    /** A chain file given by mistake, such as /etc/shadow, must never be echoed: name the file and the line. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "root:$6$s3cr3tHash:19000:0:99999:7:::; 1",
        "gray\\nclahe(s3cr3tHash, 8x8); 2",
        "gray\\n\\n# note\\ngaussian(s3cr3tHash; 4",
        "annotate(\"s3cr3tHash                ; 1",
        "gray | s3cr3tHash(1)                 ; 1",
    })
    void chainFileErrorsNeverEchoTheFile(String content, int line) throws Exception {
        Path chain = dir.resolve("chain.txt");
        Files.writeString(chain, content.replace("\\n", "\n") + "\n");
        CliTest.Run r = CliTest.run("convert", "--quiet", "--transforms", chain.toString(), "synthetic:8x8:gray8:2",
                dir.resolve("o.tif").toString());
        assertEquals(2, r.code(), r.err());
        assertFalse(r.err().contains("s3cr3t"), "file content echoed: " + r.err());
        assertTrue(r.err().contains(chain.toString() + ", line " + line), r.err());
        assertEquals(List.of("chain.txt"), files());
    }
}
