package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * easimage removes or replaces only files it is writing now: outputs into folders that hold other files,
 * replacement of exactly the files of a set, temporaries of live writers in other processes, and a writer killed
 * at every step of publishing (the previous output survives; the next job in the folder finishes the publication).
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    /** A folder as a user leaves it: notes, a subfolder, a recording, a hidden file. */
    private Path userFolder() throws IOException {
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.writeString(d.resolve("notes.txt"), "lab notes");
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("sub").resolve("inner.txt"), "inner");
        Files.write(d.resolve("video.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        Files.writeString(d.resolve(".hidden"), "hidden");
        for (Path p : List.of(d.resolve("notes.txt"), d.resolve("video.mp4"), d.resolve(".hidden"))) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
        }
        return d;
    }

    /** Every entry under {@code d} (relative name → content, or "dir") except those named in {@code except}. */
    static Map<String, String> snapshot(Path d, List<String> except) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = d.relativize(p).toString();
                if (rel.isEmpty() || except.contains(rel)) {
                    continue;
                }
                m.put(rel, Files.isDirectory(p) ? "dir"
                        : Files.readString(p, StandardCharsets.ISO_8859_1) + "@" + Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Overwrite.class)
    void aSetOfFilesInAUserFolderTouchesNothingElse(Overwrite overwrite) throws Exception {
        Path d = userFolder();
        Map<String, String> before = snapshot(d, List.of());
        try (AtomicOutput o = AtomicOutput.files(d, overwrite)) {
            Files.writeString(o.stage("f_00000.png"), "a");
            Files.writeString(o.stage("f_00001.png"), "b");
            o.commit();
        }
        assertEquals(before, snapshot(d, List.of("f_00000.png", "f_00001.png")));
        assertEquals("a", Files.readString(d.resolve("f_00000.png")));
        assertEquals(List.of(), temporaries(d));
    }

    @Test
    void replaceReplacesExactlyTheFilesOfTheSet() throws Exception {
        Path d = userFolder();
        Files.writeString(d.resolve("f_00000.png"), "old0");
        Files.writeString(d.resolve("f_00007.png"), "old7");
        Map<String, String> before = snapshot(d, List.of("f_00000.png"));
        try (AtomicOutput o = AtomicOutput.files(d, Overwrite.NEVER)) {
            assertThrows(OutputExistsException.class, () -> o.stage("f_00000.png"));
        }
        try (AtomicOutput o = AtomicOutput.files(d, Overwrite.REPLACE)) {
            Files.writeString(o.stage("f_00000.png"), "new0");
            o.commit();
        }
        assertEquals("new0", Files.readString(d.resolve("f_00000.png")));
        assertEquals(before, snapshot(d, List.of("f_00000.png")), "f_00007 and the user's files are untouched");
    }

    @Test
    void aFolderOutputNeverReplacesAFolderItDoesNotRecognise() throws Exception {
        Path d = userFolder();
        Map<String, String> before = snapshot(d, List.of());
        OutputExistsException e = assertThrows(OutputExistsException.class,
                () -> AtomicOutput.directory(d, Overwrite.REPLACE, f -> Files.exists(f.resolve("marker"))));
        assertTrue(e.getMessage().contains("never replaced"), e.getMessage());
        assertThrows(OutputExistsException.class, () -> AtomicOutput.file(d, Overwrite.REPLACE));
        assertEquals(before, snapshot(d, List.of()));
    }

    @Test
    void aNewFolderAppearsWholeOnlyOnCommit() throws Exception {
        Path d = dir.resolve("new");
        try (AtomicOutput o = AtomicOutput.files(d, Overwrite.NEVER)) {
            Files.writeString(o.stage("a.png"), "a");
            assertFalse(Files.exists(d));
        }
        assertFalse(Files.exists(d), "an abandoned new folder never appears");
        assertEquals(List.of(), temporaries(dir));
    }

    /** A temporary whose writer is alive in another process (or pid namespace) is never swept. */
    @Test
    void temporariesOfALiveWriterInAnotherProcessSurviveASweep() throws Exception {
        Path target = dir.resolve("x.bin");
        Process child = child(List.of(), "hold", target.toString(), "NEVER");
        try {
            awaitLine(child, "READY");
            List<String> temps = temporaries(dir);
            assertEquals(2, temps.size(), temps.toString()); // the temporary and its lock
            try (AtomicOutput o = AtomicOutput.file(dir.resolve("y.bin"), Overwrite.NEVER)) {
                Files.writeString(o.temporary(), "y");
                o.commit();
            }
            assertEquals(temps, temporaries(dir), "the live writer's temporary was swept");
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: its lock is released
            try (AtomicOutput o = AtomicOutput.file(dir.resolve("z.bin"), Overwrite.NEVER)) {
                Files.writeString(o.temporary(), "z");
                o.commit();
            }
            assertEquals(List.of(), temporaries(dir), "a dead writer's temporary is swept");
            assertFalse(Files.exists(target));
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * A set of files replacing an older set in a user's folder, killed before the journal and after each rename:
     * every destination always holds one complete file (old or new), the user's files are untouched, and the next
     * job in the folder finishes the publication (or, killed before it began, discards it).
     */
    @Test
    void aSetKilledAtEveryPublishingStepLosesNothing() throws Exception {
        String[] names = {"f_0.png", "f_1.png", "f_2.png"};
        for (String at : List.of("staged", "0", "1", "2", "published")) {
            Path d = dir.resolve("set-" + at);
            Files.createDirectories(d);
            Files.writeString(d.resolve("notes.txt"), "mine");
            for (String n : names) {
                Files.writeString(d.resolve(n), "old " + n);
            }
            List<String> args = new ArrayList<>(List.of("files", d.toString(), "REPLACE"));
            args.addAll(List.of(names));
            Process p = child(List.of("-Deasimage.failpoint.publish=" + at), args.toArray(String[]::new));
            assertEquals(86, exit(p), "halted at step " + at);
            for (String n : names) {
                String content = Files.readString(d.resolve(n));
                assertTrue(content.equals("old " + n) || content.equals("new " + n), at + ": " + n + " = " + content);
            }
            AtomicOutput.sweep(d);
            for (String n : names) {
                assertEquals((at.equals("staged") ? "old " : "new ") + n, Files.readString(d.resolve(n)), "after " + at);
            }
            assertEquals("mine", Files.readString(d.resolve("notes.txt")));
            assertEquals(List.of(), temporaries(d), at);
        }
    }

    /** A folder output replacing its previous version, killed between the renames: the previous one survives. */
    @Test
    void aFolderReplacementKilledBetweenRenamesKeepsThePreviousOutput() throws Exception {
        for (String at : List.of("staged", "0", "aside", "1", "published")) {
            Path parent = Files.createDirectories(dir.resolve("dir-" + at));
            Path target = Files.createDirectories(parent.resolve("store"));
            Files.writeString(target.resolve("marker"), "old marker");
            Files.writeString(target.resolve("data"), "old data");
            Process p = child(List.of("-Deasimage.failpoint.publish=" + at), "directory", target.toString(), "REPLACE");
            assertEquals(86, exit(p), "halted at step " + at);
            boolean oldThere = Files.exists(target) && Files.readString(target.resolve("data")).equals("old data");
            boolean newThere = Files.exists(target) && Files.readString(target.resolve("data")).equals("new data");
            boolean parked = temporaries(parent).stream().anyMatch(n -> n.contains("-previous-"));
            // until the new output is in place, the previous one exists, in place or parked
            assertTrue(newThere || oldThere || parked, at + ": neither the previous nor the new output exists");
            AtomicOutput.sweep(parent);
            assertEquals(at.equals("staged") ? "old data" : "new data", Files.readString(target.resolve("data")), at);
            assertEquals(List.of(), temporaries(parent), at);
        }
    }

    @Test
    void twoWritersOfOneSetHaveOneWinner() throws Exception {
        Path d = Files.createDirectories(dir.resolve("race"));
        AtomicOutput a = AtomicOutput.files(d, Overwrite.NEVER);
        AtomicOutput b = AtomicOutput.files(d, Overwrite.NEVER);
        Files.writeString(a.stage("f.png"), "a");
        Files.writeString(b.stage("f.png"), "b");
        a.commit();
        assertThrows(OutputExistsException.class, b::commit);
        assertEquals("a", Files.readString(d.resolve("f.png")));
        assertEquals(List.of(), temporaries(d));
    }

    /**
     * A published output survives a power cut: every staged file is forced to the device before it is renamed into
     * place, and its folder entry after (a rename alone may be reordered before the data by the file system).
     */
    @Test
    void everyFileIsForcedBeforeItIsPublishedAndTheFolderAfter() throws Exception {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Outputs.trace = events::add;
        try {
            Path d = userFolder();
            try (AtomicOutput o = AtomicOutput.files(d, Overwrite.NEVER)) {
                Files.writeString(o.stage("a.png"), "a");
                Files.writeString(o.stage("b.png"), "b");
                o.commit();
            }
            try (AtomicOutput o = AtomicOutput.file(d.resolve("c.tif"), Overwrite.NEVER)) {
                Files.writeString(o.temporary(), "c");
                o.commit();
            }
        } finally {
            Outputs.trace = null;
        }
        for (String name : List.of("a.png", "b.png", "c.tif")) {
            int published = events.indexOf("publish " + name);
            assertTrue(published > 0, name + " " + events);
            int forced = -1;
            for (int i = 0; i < published; i++) {
                if (events.get(i).startsWith("force ") && events.get(i).endsWith(name)) {
                    forced = i;
                }
            }
            assertTrue(forced >= 0, name + " forced before publishing: " + events);
            assertTrue(events.subList(published, events.size()).contains("forceDir d"), "folder forced after " + name);
        }
    }

    private Process child(List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmArgs);
        cmd.add(PublishChild.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static int exit(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not end");
        return p.exitValue();
    }

    private static void awaitLine(Process p, String line) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String l; (l = r.readLine()) != null;) {
            if (l.equals(line)) {
                return;
            }
        }
        throw new AssertionError("child ended without " + line);
    }

    static List<String> temporaries(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".easimage-")).sorted().toList();
        }
    }
}
