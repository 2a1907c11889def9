package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easimage.cli.CliTest.Run;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames by time (issue 18): --start, --end, --duration and --at, in seconds, HH:MM:SS.ms and ISO instants, select
 * exactly the frames of the equivalent --range, on recordings with real, jittery camera times and on a video.
 * Each case's range was worked out from the file's own times ({@code info --frames}, the shared data README).
 */
class TimeSelectionCliTest {

    @TempDir
    Path dir;

    /** Converts {@code in} twice, by time and by index, and checks both outputs hold the same frames. */
    private void assertSameSelection(Path in, String ext, String timeOptions, String range, int frames)
            throws Exception {
        Path byTime = dir.resolve("by-time." + ext);
        Path byIndex = dir.resolve("by-index." + ext);
        List<String> args = new ArrayList<>(List.of("convert", "--quiet", in.toString(), byTime.toString()));
        args.addAll(List.of(timeOptions.trim().split(" +")));
        Run t = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, t.code(), t.err());
        Run r = CliTest.run("convert", "--quiet", "--range", range, in.toString(), byIndex.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(frames, ChildCli.frameCount(byTime), timeOptions);
        ChildCli.assertSameFrames(byTime, byIndex);
        ChildCli.assertSameFrames(byIndex, slice(in, range));
    }

    /** The source's frames {@code range}, read by the library (a third opinion on what the range holds). */
    private Path slice(Path in, String range) throws Exception {
        Path out = dir.resolve("slice.tif");
        Files.deleteIfExists(out);
        var a = range.split(":", -1);
        int from = Integer.parseInt(a[0]);
        try (var r = ChildCli.open(in); var w = org.easimage.io.Formats.create(out)) {
            int to = a[1].isEmpty() ? r.frameCount() : Integer.parseInt(a[1]);
            for (int i = from; i < to; i++) {
                w.write(r.read(i));
            }
            w.finish();
        }
        return out;
    }

    /**
     * The PIMS StreamPix 6 file: times 0, 0.032797, 0.065798, 0.0988, 0.135389, 0.168943 s, from
     * 2015-07-01T18:41:15.775430Z (jittery: not i/10 as the nominal 10 fps would say).
     */
    @ParameterizedTest(name = "{0} = --range {1}")
    @CsvSource(delimiter = '|', value = {
        "--start 0.05 --end 0.12                                           | 2:4 | 2",
        "--start 0.065798                                                   | 2:  | 4",
        "--start 0.065799                                                   | 3:  | 3",
        "--end 0.0988                                                       | 0:3 | 3",
        "--start 00:00:00.050 --duration 0.07                              | 2:4 | 2",
        "--start 00:00:00.033 --end 00:00:00.135389                        | 2:4 | 2",
        "--start 2015-07-01T18:41:15.841228Z --end 2015-07-01T18:41:15.9Z  | 2:4 | 2",
        "--start 2015-07-01T20:41:15.80+02:00 --duration 00:00:00.1        | 1:4 | 3",
        "--at 0.1                                                           | 3:4 | 1",
        "--at 0                                                             | 0:1 | 1",
        "--at 0.2                                                           | 5:6 | 1",
        "--at 2015-07-01T18:41:15.874230Z                                   | 3:4 | 1",
    })
    void seqTimesSelectTheFramesOfTheEquivalentRange(String times, String range, int frames) throws Exception {
        assertSameSelection(SharedData.file("seq/pims_sample_norpix6.seq"), "seq", times, range, frames);
    }

    /** The Celeritas file: 5 frames about 1.00004 s apart from 2022-08-11T18:49:10.652366Z, 12 of 16 bits. */
    @ParameterizedTest(name = "{0} = --range {1}")
    @CsvSource(delimiter = '|', value = {
        "--start 1 --end 3                                 | 1:3 | 2",
        "--start 00:00:01.5 --duration 2                   | 2:4 | 2",
        "--start 2022-08-11T18:49:12.652438Z               | 2:  | 3",
        "--end 2022-08-11T18:49:12.652437Z                 | 0:2 | 2",
        "--at 3.9                                          | 3:4 | 1",
    })
    void celeritasTimesSelectTheFramesOfTheEquivalentRange(String times, String range, int frames) throws Exception {
        assertSameSelection(SharedData.file("seq/rsciio_de_celeritas_Movie_00785_Top.seq"), "seq", times, range,
                frames);
    }

    /**
     * realshort.mp4: 36 frames at 45000/1499 fps (frame i at i*1499/45000 s), creation time
     * 2014-11-05T13:51:33Z. 0.5 s falls between frames 15 (0.49967) and 16 (0.53298); 1.0 s between 30 and 31.
     */
    @ParameterizedTest(name = "{0} = --range {1}")
    @CsvSource(delimiter = '|', value = {
        "--start 0.5 --end 1.0                                         | 16:31 | 15",
        "--start 00:00:00.9 --duration 0.2                            | 28:34 | 6",
        "--start 2014-11-05T13:51:33.5Z --end 2014-11-05T13:51:34Z    | 16:31 | 15",
        "--at 0.5                                                      | 15:16 | 1",
    })
    void videoTimesSelectTheFramesOfTheEquivalentRange(String times, String range, int frames) throws Exception {
        assertSameSelection(SharedData.file("video/realshort.mp4"), "tif", times, range, frames);
    }

    @Test
    void badTimeSelectionsAreUsageErrorsWithNothingWritten() throws Exception {
        String in = "synthetic:8x8:gray8:10:10";
        String out = dir.resolve("o.tif").toString();
        String[][] cases = {
            {"--range", "0:2", "--start", "0.1"},
            {"--at", "0.1", "--end", "0.5"},
            {"--end", "0.5", "--duration", "0.2"},
            {"--duration", "2024-01-01T00:00:00Z"},
            {"--duration", "0"},
            {"--start", "yesterday"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("convert", "--quiet", in, out));
            args.addAll(List.of(c));
            Run r = CliTest.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("easimage: ")).count(), r.err());
        }
        // an instant on a source without acquisition times, and a time past the end, say why (no frame is made up)
        Run instant = CliTest.run("convert", "--quiet", in, out, "--start", "2024-01-01T00:00:00Z");
        assertTrue(instant.code() == 2 || instant.code() == 3, instant.err());
        Run past = CliTest.run("convert", "--quiet", in, out, "--start", "5");
        assertTrue(past.code() == 2 || past.code() == 3, past.err());
        assertTrue(past.err().contains("0.9"), "the message gives the recording's span: " + past.err());
        assertEquals(List.of(), ChildCli.names(dir));
    }

    /**
     * --at selects the frame shown at a time: the last frame is shown for its interval, then the recording has
     * ended, and a time after that (a mistyped 125 for 12.5) is refused rather than answered with the last frame.
     */
    @Test
    void atAfterTheEndOfTheRecordingIsRefused() throws Exception {
        String in = "synthetic:8x8:gray8:10:10"; // frames at 0 .. 0.9 s, the last shown until 1.0 s
        Path out = dir.resolve("o.tif");
        Run shown = CliTest.run("convert", "--quiet", in, out.toString(), "--at", "0.999");
        assertEquals(0, shown.code(), shown.err());
        assertTrue(ChildCli.frame(out, 0).pixelsEqual(ChildCli.frame(Path.of(in), 9)));
        Files.delete(out);
        for (String at : new String[] {"1.0", "00:00:10", "125"}) {
            Run r = CliTest.run("convert", "--quiet", in, out.toString(), "--at", at);
            assertEquals(2, r.code(), at + ": " + r.err());
            assertTrue(r.err().contains("is after the end of the recording (10 frames, 0 to 0.9 s)"), r.err());
        }
        Path seq = SharedData.file("seq/pims_sample_norpix6.seq"); // last frame 0.168943 s, 0.033554 s after the one before
        Run late = CliTest.run("convert", "--quiet", seq.toString(), out.toString(), "--at",
                "2015-07-01T18:41:15.977927Z");
        assertEquals(2, late.code(), late.err());
        assertEquals(0, CliTest.run("convert", "--quiet", seq.toString(), out.toString(), "--at",
                "2015-07-01T18:41:15.977926Z").code());
    }

    /** Every ffmpeg user reads -r as a frame rate: --range has no short form, and -r is an unknown option. */
    @Test
    void rangeHasNoShortFormR() throws Exception {
        Run r = CliTest.run("convert", "-r", "0:2", "synthetic:8x8:gray8:3", dir.resolve("o.tif").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'-r'"), r.err());
        for (String command : new String[] {"convert", "frames", "batch"}) {
            String help = CliTest.run(command, "--help").out();
            assertTrue(help.contains("--range"), help);
            assertFalse(help.matches("(?s).*-r[ ,=].*") || help.matches("(?s).*\\[-[a-zA-Z]*r[a-zA-Z]*\\].*"),
                    command + " --help offers -r: " + help);
        }
        assertEquals(List.of(), ChildCli.names(dir));
    }

    /** --fps 29.97, 23.976 and 59.94 are the NTSC rates N*1000/1001, as every video tool writes them. */
    @ParameterizedTest
    @CsvSource({"29.97, 30000:1001", "23.976, 24000:1001", "59.94, 60000:1001", "25, 25:1", "30000/1001, 30000:1001"})
    void decimalNtscRatesAreExact(String fps, String y4mRate) throws Exception {
        Path out = dir.resolve("o.y4m");
        Run r = CliTest.run("convert", "--quiet", "--fps", fps, "synthetic:8x8:gray8:3", out.toString());
        assertEquals(0, r.code(), r.err());
        String header = new String(Files.readAllBytes(out), 0, 60, StandardCharsets.ISO_8859_1).lines().findFirst()
                .orElseThrow();
        assertTrue(header.contains(" F" + y4mRate + " "), header);
        Run info = CliTest.run("info", "--json", out.toString());
        String rational = y4mRate.endsWith(":1") ? y4mRate.substring(0, y4mRate.length() - 2) : y4mRate.replace(':', '/');
        assertTrue(info.out().contains("\"fpsRational\":\"" + rational + "\""), info.out());
    }
}
