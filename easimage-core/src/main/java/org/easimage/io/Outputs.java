package org.easimage.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The file-system moves, deletions and forced writes that {@link AtomicOutput} is built from. */
final class Outputs {

    /**
     * Whether published outputs are forced to the device first (the default). {@code -Deasimage.sync=false} turns
     * it off, for outputs on scratch or RAM file systems and to measure what it costs (bench/fsync.sh).
     */
    private static final boolean SYNC = !"false".equalsIgnoreCase(System.getProperty("easimage.sync"));

    /** Test hook: sees every forced file and folder and every publishing move, in order ({@code null}: none). */
    static volatile java.util.function.Consumer<String> trace;

    private Outputs() {
    }

    private static void trace(String event, Path p) {
        java.util.function.Consumer<String> t = trace;
        if (t != null) {
            t.accept(event + " " + p.getFileName());
        }
    }

    /**
     * Moves {@code from} to {@code to} unless {@code to} exists; returns false (moving nothing) when it does. A
     * file is published with a hard link, which fails if the destination exists, so no other writer can be
     * replaced in between; a directory with a rename (renaming onto an existing folder fails too).
     */
    static boolean publishNew(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createLink(to, from);
                trace("publish", to);
                Files.delete(from);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // a file system without hard links: check, then rename
            }
        }
        try {
            moveNew(from, to);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Renames without replacing; {@link FileAlreadyExistsException} when {@code to} exists. */
    static void moveNew(Path from, Path to) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to);
        trace("publish", to);
    }

    /** Renames over {@code to} in one atomic step where the file system can. */
    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        trace("publish", to);
    }

    /** Deletes a file, or a folder and everything under it (symbolic links are removed, never followed). */
    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /** Forces a file's data and metadata to the storage device (fsync), or every file under a folder. */
    static void force(Path p) throws IOException {
        if (!SYNC) {
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : (Iterable<Path>) s::iterator) {
                    if (Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)) {
                        forceDirectory(q);
                    } else if (Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS)) {
                        forceFile(q);
                    }
                }
            }
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            forceFile(p);
        }
    }

    private static void forceFile(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
        trace("force", p);
    }

    /**
     * Forces a folder's entries (new names, renames) to the device, so a published name survives a power cut.
     * Where the platform cannot open a folder for that (Windows), its file system orders this itself.
     */
    static void forceDirectory(Path dir) {
        if (!SYNC) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
            trace("forceDir", dir);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported for directories on this platform
        }
    }
}
