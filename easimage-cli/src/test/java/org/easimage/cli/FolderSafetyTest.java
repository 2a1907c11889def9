package org.easimage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.easimage.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line never deletes or alters a file it is not writing now: folder outputs with and without
 * {@code --overwrite} in folders full of a user's files (the input among them), batch plans whose outputs collide,
 * and jobs whose output would be their own input.
 */
class FolderSafetyTest {

    @TempDir
    Path dir;

    private static final String SOURCE = "synthetic:37x23:gray8:5";

    /** A user's folder: notes, a subfolder, a recording (the job's input, as a TIFF stack), a hidden file. */
    private Path userFolder(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("notes.txt"), "lab notes");
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("sub").resolve("inner.txt"), "inner");
        Files.writeString(d.resolve(".hidden"), "hidden");
        assertEquals(0, CliTest.run("convert", "--quiet", SOURCE, d.resolve("rec.tif").toString()).code());
        for (Path p : List.of(d.resolve("notes.txt"), d.resolve("rec.tif"), d.resolve(".hidden"))) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
        }
        return d;
    }

    /** Every entry under {@code d} with its content and time, except names starting with one of {@code outputs}. */
    private static Map<String, String> snapshot(Path d, String... outputs) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            outer:
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = d.relativize(p).toString();
                for (String o : outputs) {
                    if (rel.startsWith(o)) {
                        continue outer;
                    }
                }
                m.put(rel, Files.isDirectory(p) ? "dir"
                        : Files.readString(p, StandardCharsets.ISO_8859_1).hashCode() + "@" + Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    private static List<String> list(Path d, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    /** The reported loss: {@code cd d && easimage frames video.mp4 'f_%05d.png' --overwrite} emptied the folder. */
    @Test
    void framesWithOverwriteIntoTheInputsFolderKeepsEverythingElse() throws Exception {
        Path d = userFolder("d");
        Map<String, String> before = snapshot(d);
        Run r = CliTest.run("frames", "--quiet", d.resolve("rec.tif").toString(), d.resolve("f_%05d.png").toString(),
                "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, snapshot(d, "f_"));
        assertEquals(5, list(d, "f_").size());
        assertEquals(List.of(), list(d, ".easimage-"));
    }

    /** {@code convert d/rec.seq d --overwrite}: the folder is a place to write into, never something to replace. */
    @Test
    void convertIntoTheInputsOwnFolderKeepsTheInput() throws Exception {
        Path d = userFolder("d");
        Map<String, String> before = snapshot(d);
        Run r = CliTest.run("convert", "--quiet", d.resolve("rec.tif").toString(), d.toString(), "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, snapshot(d, "frame_"));
        assertEquals(5, list(d, "frame_").size());
    }

    /** {@code convert 'imgs/*.png' 'imgs/T%05d.png' --overwrite} must not touch the input images. */
    @Test
    void convertAGlobIntoItsOwnFolderKeepsTheInputs() throws Exception {
        Path imgs = Files.createDirectories(dir.resolve("imgs"));
        assertEquals(0, CliTest.run("frames", "--quiet", SOURCE, imgs.resolve("T76S3F%05d.png").toString()).code());
        Files.writeString(imgs.resolve("readme.txt"), "keep");
        Map<String, String> before = snapshot(imgs);
        Run r = CliTest.run("convert", "--quiet", imgs.resolve("*.png").toString(), imgs.resolve("T%05d.png").toString(),
                "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, snapshot(imgs, "T0"));
        assertEquals(5, list(imgs, "T0").size());
    }

    /** An existing folder is written into without --overwrite; only an existing file of the set is refused. */
    @Test
    void withoutOverwriteAnExistingFolderIsFineAndAnExistingFileIsRefused() throws Exception {
        Path d = userFolder("d");
        Run first = CliTest.run("frames", "--quiet", d.resolve("rec.tif").toString(), d.resolve("f_%03d.png").toString());
        assertEquals(0, first.code(), first.err());
        Map<String, String> before = snapshot(d);
        Run again = CliTest.run("frames", "--quiet", d.resolve("rec.tif").toString(), d.resolve("f_%03d.png").toString());
        assertEquals(4, again.code(), again.err());
        assertTrue(again.err().contains("f_000.png"), again.err());
        assertEquals(before, snapshot(d));
    }

    /** Every writer, in a folder full of a user's files, with and without --overwrite, touches only its output. */
    @ParameterizedTest
    @ValueSource(strings = {"out.seq", "out.tif", "out.gif", "out.mkv", "out.mp4", "out.avi", "out.webm", "run.seq|hiris",
            "o_%04d.png", "o_%04d.tif"})
    void everyWriterTouchesOnlyItsOutput(String output) throws Exception {
        Path d = userFolder("d");
        Files.writeString(d.resolve("run2.seq"), "another recording's settings");
        Files.write(d.resolve("run2.bin"), new byte[] {1, 2, 3});
        String[] parts = output.split("\\|");
        List<String> args = new ArrayList<>(List.of("convert", "--quiet", d.resolve("rec.tif").toString(),
                d.resolve(parts[0]).toString()));
        if (parts.length > 1) {
            args.addAll(List.of("-F", "hiris-seq"));
        }
        String stem = parts[0].contains("%") ? parts[0].substring(0, parts[0].indexOf('%'))
                : parts[0].substring(0, parts[0].lastIndexOf('.') + 1);
        Map<String, String> before = snapshot(d);
        Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(before, snapshot(d, stem), "first write");
        args.add("--overwrite");
        Run again = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertEquals(before, snapshot(d, stem), "overwrite");
        assertEquals(List.of(), list(d, ".easimage-"));
    }

    /** {@code batch rec.seq rec.tif rec.gif --ext mkv}: three inputs, one output name. Refused before any work. */
    @Test
    void batchRefusesOutputsThatCollide() throws Exception {
        Path d = Files.createDirectories(dir.resolve("in"));
        for (String n : List.of("rec.seq", "rec.tif", "Rec.gif")) {
            assertEquals(0, CliTest.run("convert", "--quiet", SOURCE, d.resolve(n).toString()).code());
        }
        Path out = dir.resolve("out");
        Run r = CliTest.run("batch", "--quiet", d.toString(), "-o", out.toString(), "--ext", "mkv", "--overwrite");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("rec.mkv"), r.err());
        assertFalse(Files.exists(out), "nothing was converted");
    }

    /** A job never writes over its own input, even with --overwrite. */
    @Test
    void aJobNeverWritesOverItsInput() throws Exception {
        Path d = userFolder("d");
        Map<String, String> before = snapshot(d);
        Run convert = CliTest.run("convert", "--quiet", d.resolve("rec.tif").toString(), d.resolve("rec.tif").toString(),
                "--overwrite");
        assertEquals(4, convert.code(), convert.err());
        assertTrue(convert.err().contains("input"), convert.err());
        Run batch = CliTest.run("batch", "--quiet", d.resolve("rec.tif").toString(), "-o", d.toString(), "--ext", "tif",
                "--overwrite");
        assertEquals(2, batch.code(), batch.err());
        assertEquals(before, snapshot(d));
    }
}
