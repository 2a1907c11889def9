package org.easimage.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The renames that publish an output, written down (and forced to disk) before the first of them runs, so that
 * a job killed half-way through publishing can be finished by the next job that sweeps the folder.
 *
 * <p>Every step is idempotent and never removes data that is not ours: running a journal again after a crash at
 * any point, any number of times, ends in the same state as an uninterrupted run. Paths are stored relative to
 * the folder that holds the journal (the output's staging folder), one step per line.
 */
final class PublishJournal {

    /** What one step does. */
    enum Action {
        /** Moves a staged entry to its destination unless one exists there (ours is then dropped). */
        PUBLISH_NEW,
        /** Moves a staged entry over its destination (a single atomic rename for files). */
        PUBLISH_REPLACE,
        /**
         * Puts a staged folder in the place of a previous one: the previous one is first moved aside (to
         * {@code aside}), so that at every instant one of the two is at the destination or parked.
         */
        REPLACE_FOLDER,
        /** Removes an entry (a parked previous output) once the new one is in place. */
        DELETE
    }

    /**
     * One step, its paths relative to the journal's folder: {@code to} is unused by DELETE, {@code aside} is used
     * only by REPLACE_FOLDER.
     */
    record Step(Action action, String from, String to, String aside) {
        static Step of(Action action, String from, String to) {
            return new Step(action, from, to, null);
        }

        String line() {
            return action + "\t" + from + "\t" + orEmpty(to) + "\t" + orEmpty(aside);
        }

        static Step parse(String line) throws IOException {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new IOException("malformed journal line");
            }
            return new Step(Action.valueOf(f[0]), f[1], f[2].isEmpty() ? null : f[2], f[3].isEmpty() ? null : f[3]);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    /**
     * Test hook: the JVM halts (as if killed) at the publishing point this system property names: {@code staged}
     * (everything written, no journal yet), {@code N} (before step N), {@code aside} (a previous folder moved
     * aside, the new one not yet in place) or {@code published} (every step done, journal not yet removed).
     */
    static final String FAILPOINT = "easimage.failpoint.publish";

    private PublishJournal() {
    }

    static void failpoint(String at) {
        if (at.equals(System.getProperty(FAILPOINT))) {
            Runtime.getRuntime().halt(86);
        }
    }

    /** Writes {@code steps} to {@code journal} and forces it (and its folder) to disk. */
    static void write(Path journal, List<Step> steps) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(s.line()).append('\n');
        }
        Files.write(journal, sb.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        Outputs.force(journal);
        Outputs.forceDirectory(journal.getParent());
    }

    static List<Step> read(Path journal) throws IOException {
        List<Step> steps = new ArrayList<>();
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                steps.add(Step.parse(line));
            }
        }
        return steps;
    }

    /**
     * Runs the steps in order. Returns the destinations that a {@link Action#PUBLISH_NEW} step found occupied
     * (their staged entry was dropped, the existing one kept).
     */
    static List<Path> run(Path folder, List<Step> steps) throws IOException {
        List<Path> occupied = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            failpoint(Integer.toString(i));
            Path from = folder.resolve(s.from());
            Path to = s.to() == null ? null : folder.resolve(s.to());
            switch (s.action()) {
                case PUBLISH_NEW -> {
                    if (exists(from) && !Outputs.publishNew(from, to)) {
                        occupied.add(to);
                        Outputs.deleteRecursively(from);
                    }
                }
                case PUBLISH_REPLACE -> {
                    if (exists(from)) {
                        Outputs.moveReplacing(from, to);
                    }
                }
                case REPLACE_FOLDER -> {
                    // once the staged folder is gone it is in place: never touch the destination again
                    if (exists(from)) {
                        Path aside = folder.resolve(s.aside());
                        if (exists(to) && !exists(aside)) {
                            Outputs.moveNew(to, aside);
                            failpoint("aside");
                        }
                        if (!Outputs.publishNew(from, to)) {
                            occupied.add(to);
                        }
                    }
                }
                case DELETE -> Outputs.deleteRecursively(from);
                default -> throw new IllegalStateException(s.action().toString());
            }
        }
        Outputs.forceDirectory(folder);
        return occupied;
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
