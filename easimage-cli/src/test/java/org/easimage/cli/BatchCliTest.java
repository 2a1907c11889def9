package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.easimage.cli.CliTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch archives (issue 18): -R mirrors the folder tree, a folder of images is one sequence, --skip-existing
 * resumes doing only what is missing, --dry-run prints the plan and creates nothing, colliding plans are refused
 * before any work (exit 2), one bad input does not stop the others, and --report writes the results as JSON.
 */
class BatchCliTest {

    @TempDir
    Path dir;

    Path in;

    private static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

    /** in/r1.seq (5 frames), in/a/r2.seq (3), in/a/b/r3.tif (4), in/imgs/ (6 numbered PNGs), notes and a hidden file. */
    @BeforeEach
    void recordings() throws Exception {
        in = dir.resolve("in");
        make("synthetic:17x9:gray8:5:10", in.resolve("r1.seq"));
        make("synthetic:17x9:gray16:3:10", in.resolve("a/r2.seq"));
        make("synthetic:17x9:rgb24:4:10", in.resolve("a/b/r3.tif"));
        make("synthetic:17x9:gray8:6:10", in.resolve("imgs/img_%02d.png"));
        Files.writeString(in.resolve("notes.txt"), "lab notes");
        make("synthetic:17x9:gray8:2", in.resolve(".hidden.seq"));
    }

    private static void make(String source, Path out) throws Exception {
        Files.createDirectories(out.getParent());
        Run r = CliTest.run("convert", "--quiet", source, out.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** Every file under {@code root} (relative path) with its modification time. */
    private static Map<String, FileTime> tree(Path root) throws Exception {
        Map<String, FileTime> m = new TreeMap<>();
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    m.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
                }
            }
        }
        return m;
    }

    /** A budget too small for a job's frames names the budget, not the heap, and suggests no -Xmx. */
    @Test
    void aMemoryBudgetTooSmallForTheFramesSaysSo() throws Exception {
        Path big = dir.resolve("big");
        make("synthetic:1024x1024:gray16:2", big.resolve("big.seq")); // 2 MiB frames: 8 MiB in flight at least
        Run r = CliTest.run("batch", big.toString(), "--out-dir", dir.resolve("out").toString(), "--ext", "tif",
                "--memory", "1");
        assertEquals(6, r.code(), r.out() + r.err());
        String fail = r.out().lines().filter(l -> l.startsWith("FAIL")).findFirst().orElse(r.out());
        String input = big.resolve("big.seq").toString();
        assertTrue(fail.startsWith("FAIL  " + input + ": 1024x1024 GRAY16 frames"), "the input named once: " + fail);
        assertTrue(fail.contains("the memory budget these conversions share is 1 MiB; give them at least 8 MiB"),
                fail);
        assertFalse(r.out().contains("-Xmx") || r.err().contains("-Xmx"), r.out() + r.err());
    }

    @Test
    void recursiveMirrorsTheTreeWithImageFoldersAsOneSequenceAndReports() throws Exception {
        Path out = dir.resolve("out");
        Path report = dir.resolve("report.json");
        Run r = CliTest.run("batch", in.toString(), "--out-dir", out.toString(), "--ext", "tif", "-R", "--report",
                report.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("a/b/r3.tif", "a/r2.tif", "imgs.tif", "r1.tif"), List.copyOf(tree(out).keySet()));
        ChildCli.assertSameFrames(in.resolve("r1.seq"), out.resolve("r1.tif"));
        ChildCli.assertSameFrames(in.resolve("a/r2.seq"), out.resolve("a/r2.tif"));
        ChildCli.assertSameFrames(in.resolve("a/b/r3.tif"), out.resolve("a/b/r3.tif"));
        assertEquals(6, ChildCli.frameCount(out.resolve("imgs.tif")), "the folder's 6 images are one sequence");

        assertTrue(r.out().startsWith("plan: 4 input(s)"), r.out());
        assertTrue(r.out().contains(in.resolve("imgs") + " (image sequence) -> " + out.resolve("imgs.tif")), r.out());
        assertTrue(r.out().matches("(?s).*STATUS +INPUT +OUTPUT +FRAMES +SECONDS +SIZE +NOTE.*"), r.out());
        assertTrue(r.out().contains("4 input(s): 4 converted, 0 skipped, 0 failed"), r.out());

        String json = Files.readString(report);
        for (String key : new String[] {"\"outDir\":\"" + out + "\"", "\"extension\":\"tif\"", "\"converted\":4",
                "\"skipped\":0", "\"failed\":0", "\"input\":\"" + in.resolve("imgs") + "\",\"output\":\""
                + out.resolve("imgs.tif") + "\",\"imageSequence\":true,\"status\":\"converted\",\"frames\":6",
                "\"input\":\"" + in.resolve("a/r2.seq") + "\",\"output\":\"" + out.resolve("a/r2.tif")
                + "\",\"imageSequence\":false,\"status\":\"converted\",\"frames\":3"}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertFalse(json.contains("hidden") || json.contains("notes"), json);

        // without -R only the folder's own files
        Path flat = dir.resolve("flat");
        assertEquals(0, CliTest.run("batch", "--quiet", in.toString(), "-o", flat.toString(), "--ext", "seq").code());
        assertEquals(List.of("r1.seq"), List.copyOf(tree(flat).keySet()));
    }

    @Test
    void skipExistingRerunDoesOnlyWhatIsMissing() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, CliTest.run("batch", "--quiet", in.toString(), "-o", out.toString(), "--ext", "seq", "-R")
                .code());
        // a crash after two of four: two outputs left, dated in the past so any rewrite shows
        Files.delete(out.resolve("a/r2.seq"));
        Files.delete(out.resolve("imgs.seq"));
        for (String kept : List.of("r1.seq", "a/b/r3.seq")) {
            Files.setLastModifiedTime(out.resolve(kept), OLD);
        }
        Path report = dir.resolve("resume.json");
        Run r = CliTest.run("batch", in.toString(), "-o", out.toString(), "--ext", "seq", "-R", "--skip-existing",
                "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 to convert, 2 to skip (output exists)"), r.out());
        assertTrue(r.out().contains("4 input(s): 2 converted, 2 skipped, 0 failed"), r.out());
        Map<String, FileTime> after = tree(out);
        assertEquals(List.of("a/b/r3.seq", "a/r2.seq", "imgs.seq", "r1.seq"), List.copyOf(after.keySet()));
        assertEquals(OLD, after.get("r1.seq"));
        assertEquals(OLD, after.get("a/b/r3.seq"));
        ChildCli.assertSameFrames(in.resolve("a/r2.seq"), out.resolve("a/r2.seq"));
        String json = Files.readString(report);
        assertTrue(json.contains("\"converted\":2,\"skipped\":2,\"failed\":0"), json);
        assertTrue(json.contains("\"input\":\"" + in.resolve("r1.seq") + "\",\"output\":\"" + out.resolve("r1.seq")
                + "\",\"imageSequence\":false,\"status\":\"skipped\""), json);

        // without --skip-existing the existing outputs are refused (exit 4), never replaced
        Run again = CliTest.run("batch", "--quiet", in.toString(), "-o", out.toString(), "--ext", "seq", "-R");
        assertEquals(4, again.code(), again.err());
        assertEquals(after, tree(out));
    }

    /**
     * The archive kept inside the recordings' tree ({@code batch in -R -o in/archive}): its files are outputs, not
     * inputs, so a resumed run skips them instead of refusing them as collisions or converting them again (before
     * the fix the rerun stopped with exit 2, "in/archive/r1.seq is an input and would be written over").
     */
    @Test
    void anOutputFolderInsideTheInputTreeIsNotTakenAsInput() throws Exception {
        Path out = in.resolve("archive");
        assertEquals(0, CliTest.run("batch", "--quiet", in.toString(), "-o", out.toString(), "--ext", "seq", "-R")
                .code());
        Map<String, FileTime> first = tree(out);
        assertEquals(4, first.size(), first.toString());
        Run resume = CliTest.run("batch", in.toString(), "-o", out.toString(), "--ext", "seq", "-R",
                "--skip-existing");
        assertEquals(0, resume.code(), resume.err());
        assertTrue(resume.out().startsWith("plan: 4 input(s) -> " + out + ": 0 to convert, 4 to skip"), resume.out());
        Run other = CliTest.run("batch", "--dry-run", in.toString(), "-o", out.toString(), "--ext", "tif", "-R");
        assertEquals(0, other.code(), other.err());
        assertTrue(other.out().startsWith("plan: 4 input(s)"), other.out());
        assertFalse(other.out().contains("archive" + java.io.File.separator + "r1.seq ->"), other.out());
        assertEquals(first, tree(out));
    }

    @Test
    void dryRunPrintsThePlanAndCreatesNothing() throws Exception {
        Map<String, FileTime> before = tree(dir);
        Path out = dir.resolve("out");
        Run r = CliTest.run("batch", in.toString(), "-o", out.toString(), "--ext", "mkv", "-R", "--dry-run",
                "--report", dir.resolve("r.json").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(
                "plan: 4 input(s) -> " + out + ": 4 to convert",
                "  convert  " + in.resolve("r1.seq") + " -> " + out.resolve("r1.mkv"),
                "  convert  " + in.resolve("a/r2.seq") + " -> " + out.resolve("a/r2.mkv"),
                "  convert  " + in.resolve("a/b/r3.tif") + " -> " + out.resolve("a/b/r3.mkv"),
                "  convert  " + in.resolve("imgs") + " (image sequence) -> " + out.resolve("imgs.mkv")),
                r.out().lines().toList());
        assertEquals(before, tree(dir), "nothing created, not even the output folder or the report");
        assertFalse(Files.exists(out));
        // -n is the short form, and --quiet does not hide the plan that was asked for
        Run q = CliTest.run("batch", "--quiet", "-n", in.toString(), "-o", out.toString(), "--ext", "mkv");
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().startsWith("plan: 1 input(s)"), q.out());
        assertEquals(before, tree(dir));
    }

    @Test
    void collidingPlansAreRefusedBeforeAnyWork() throws Exception {
        make("synthetic:17x9:gray8:2", in.resolve("r1.tif")); // r1.seq and r1.tif -> one r1.mkv
        Map<String, FileTime> before = tree(dir);
        Path out = dir.resolve("out");
        Run r = CliTest.run("batch", in.toString(), "-o", out.toString(), "--ext", "mkv");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("would both be written to " + out.resolve("r1.mkv")), r.err());
        assertEquals(before, tree(dir));

        // an output that is an input, even with --overwrite
        Run self = CliTest.run("batch", "--overwrite", in.resolve("a/b/r3.tif").toString(), "-o",
                in.resolve("a/b").toString(), "--ext", "tif");
        assertEquals(2, self.code(), self.err());
        assertTrue(self.err().contains("is an input and would be written over"), self.err());
        assertEquals(before, tree(dir));
    }

    @Test
    void oneBadInputDoesNotStopTheOthers() throws Exception {
        Files.writeString(in.resolve("broken.seq"), "not a recording");
        Path out = dir.resolve("out");
        Path report = dir.resolve("r.json");
        Run r = CliTest.run("batch", "--quiet", in.toString(), "-o", out.toString(), "--ext", "tif", "--report",
                report.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("FAIL  " + in.resolve("broken.seq")), r.err());
        assertEquals("", r.out(), "--quiet");
        assertEquals(List.of("r1.tif"), List.copyOf(tree(out).keySet()));
        String json = Files.readString(report);
        assertTrue(json.contains("\"converted\":1,\"skipped\":0,\"failed\":1"), json);
        assertTrue(json.contains("\"status\":\"failed\",\"frames\":null") && json.contains("\"exitCode\":3"), json);
    }
}
