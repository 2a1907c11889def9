package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void infoJsonHasTheStandardFields() {
        Run r = run("info", "--json", "synthetic:64x48:gray16:100:30000/1001");
        assertEquals(0, r.code(), r.err());
        for (String key : new String[] {"\"format\":\"synthetic\"", "\"frames\":100", "\"width\":64", "\"height\":48",
                "\"channels\":1", "\"pixelType\":\"GRAY16\"", "\"bitsPerSample\":16", "\"fps\":29.97002997002997",
                "\"fpsRational\":\"30000/1001\"", "\"lastFrameTime\":3.3033", "\"firstTimestamp\":null",
                "\"lastTimestamp\":null"}) {
            assertTrue(r.out().contains(key), key + " in " + r.out());
        }
        assertEquals(1, r.out().strip().lines().count(), "one JSON object on one line");
    }

    @Test
    void infoShowsTimesAndSaysNoTimestampRatherThanInventingOne() {
        Run r = run("info", "synthetic:8x6:gray8:10:25");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("times:       0 .. 0.36 s"), r.out());
        assertTrue(r.out().contains("timestamps:  no timestamp"), r.out());
        assertFalse(r.out().contains("1970") || r.out().contains("2026-"), r.out());
    }

    @Test
    void exitCodesAndOneLineErrors() throws Exception {
        Run missing = run("info", dir.resolve("nope.seq").toString());
        assertEquals(3, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertFalse(missing.err().contains("at org."), "no stack trace without --debug");

        Path garbage = dir.resolve("garbage.bin");
        Files.writeString(garbage, "not a sequence");
        Run bad = run("info", garbage.toString());
        assertEquals(3, bad.code());
        assertTrue(bad.err().startsWith("easimage: "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());

        Run debug = run("info", "--debug", garbage.toString());
        assertEquals(3, debug.code());
        assertTrue(debug.err().contains("at org.easimage"), "stack trace with --debug");

        assertEquals(2, run("convert", "onlyone").code());
        assertEquals(2, run("info").code());
        assertEquals(2, run("nosuchcommand").code());
        assertEquals(2, run("convert", "synthetic:8x8:gray8:3", dir.resolve("x.unknownext").toString()).code());
        assertEquals(2, run("convert", "--range", "a:b", "synthetic:8x8:gray8:3", dir.resolve("x.unknownext").toString()).code());
        assertEquals(0, run("--help").code());
        assertEquals(0, run("convert", "--help").code());
    }

    /**
     * Only the command a line names is built (picocli's model of all of them took 0.3 s of every run); help, a
     * line without a command and an unknown command still see them all.
     */
    @Test
    void onlyTheNamedCommandIsBuiltAndHelpStillListsThemAll() {
        assertEquals(java.util.List.of(ConvertCommand.class), Main.commandsFor(new String[] {"convert", "a", "b"}));
        assertEquals(java.util.List.of(InfoCommand.class), Main.commandsFor(new String[] {"info", "--json", "x"}));
        for (String[] all : new String[][] {{}, {"--help"}, {"-V"}, {"help", "convert"}, {"convrt", "x"}}) {
            assertEquals(9, Main.commandsFor(all).size(), String.join(" ", all));
        }
        String help = run("--help").out();
        for (String command : new String[] {"info", "convert", "frames", "batch", "mosaic", "sheet", "demo",
                "formats", "help"}) {
            assertTrue(help.contains("\n  " + command + " "), command + " in " + help);
        }
        Run helpConvert = run("help", "convert");
        assertEquals(0, helpConvert.code(), helpConvert.err());
        assertTrue(helpConvert.out().contains("--clahe"), helpConvert.out());
        Run typo = run("convrt", "a", "b");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("convrt"), typo.err());
        Run convert = run("convert", "synthetic:8x8:gray8:3", dir.resolve("x.tif").toString(), "--gaussian", "1");
        assertEquals(0, convert.code(), convert.err());
    }

    @Test
    void progressInLineModePrintsPlainPeriodicLines() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ProgressReporter p = new ProgressReporter(ProgressReporter.Mode.LINES,
                new java.io.PrintWriter(buf, true, StandardCharsets.UTF_8), "convert", 0)) {
            p.started(500);
            for (int i = 1; i <= 500; i++) {
                p.progress(i, 500, 123.4);
            }
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("convert: frame 250/500 (50%), 123.4 frames/s, ETA 0:02"), s);
        assertFalse(s.contains("\r"), "no carriage returns in logs");
        assertFalse(s.contains("\u001b["), "no ANSI escapes in logs");
    }

    @Test
    void progressInTerminalModeDrawsABarAndStaysSilentForShortJobs() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ProgressReporter p = new ProgressReporter(ProgressReporter.Mode.TERMINAL,
                new java.io.PrintWriter(buf, true, StandardCharsets.UTF_8), "convert", 0)) {
            p.started(300);
            for (int i = 1; i <= 300; i++) {
                p.progress(i, 300, 100);
            }
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("convert") && s.contains("300/300"), s);
        assertTrue(s.contains("\r"), "a terminal bar redraws in place");

        ByteArrayOutputStream small = new ByteArrayOutputStream();
        for (ProgressReporter.Mode m : ProgressReporter.Mode.values()) {
            try (ProgressReporter p = new ProgressReporter(m, new java.io.PrintWriter(small, true, StandardCharsets.UTF_8), "x", 0)) {
                p.started(50);
                for (int i = 1; i <= 50; i++) {
                    p.progress(i, 50, 10);
                }
            }
        }
        assertEquals("", small.toString(StandardCharsets.UTF_8), "no progress for jobs of 100 frames or fewer");

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (ProgressReporter p = new ProgressReporter(ProgressReporter.Mode.QUIET,
                new java.io.PrintWriter(quiet, true, StandardCharsets.UTF_8), "x", 0)) {
            p.started(1000);
            p.progress(1000, 1000, 10);
        }
        assertEquals("", quiet.toString(StandardCharsets.UTF_8));
    }
}
