package org.easimage.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An output under construction: a temporary file or directory beside the destination, published by
 * {@link #commit()} with a rename, discarded by {@link #abort()}.
 *
 * <p>The temporary name is {@code .easimage-<pid>-<random>-<destination name>}, in the destination's directory so
 * the rename stays on one file system, and ending with the destination's own name so tools that choose a
 * container by extension (FFmpeg) see the right one. Temporaries still registered when the JVM exits (SIGINT,
 * SIGTERM) are deleted by a shutdown hook; those of a killed process are removed the next time an output is
 * created in that directory, once their owner's pid is gone.
 */
public final class AtomicOutput implements AutoCloseable {

    private static final String PREFIX = ".easimage-";
    private static final Pattern TEMP = Pattern.compile("\\.easimage-(\\d+)-[0-9a-f]+-.*");
    private static final Set<AtomicOutput> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AtomicOutput o : LIVE) {
                o.abort();
            }
        }, "easimage-discard-outputs"));
    }

    private final Path target;
    private final Path temporary;
    private final boolean directory;
    private final Overwrite overwrite;
    private volatile boolean done;

    private AtomicOutput(Path target, Path temporary, boolean directory, Overwrite overwrite) {
        this.target = target;
        this.temporary = temporary;
        this.directory = directory;
        this.overwrite = overwrite;
    }

    /** Starts a file output: checks the destination now, so an existing one fails before any work. */
    public static AtomicOutput file(Path target, Overwrite overwrite) throws IOException {
        return create(target, overwrite, false);
    }

    /** Starts a directory output (e.g. a folder of images), created empty under its temporary name. */
    public static AtomicOutput directory(Path target, Overwrite overwrite) throws IOException {
        return create(target, overwrite, true);
    }

    /** Fails with {@link OutputExistsException} if {@code target} exists and overwriting is not allowed. */
    public static void checkDestination(Path target, Overwrite overwrite) throws IOException {
        if (overwrite == Overwrite.NEVER && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputExistsException(target);
        }
    }

    private static AtomicOutput create(Path target, Overwrite overwrite, boolean directory) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (overwrite == Overwrite.NEVER) {
                throw new OutputExistsException(target);
            }
            if (Files.isDirectory(abs) != directory) {
                throw new OutputExistsException(target);
            }
        }
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputWriteException(target, "cannot create the output directory: " + e.getMessage(), e);
        }
        removeStaleTemporaries(dir);
        String name = PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL) + "-" + abs.getFileName();
        Path tmp = dir.resolve(name);
        try {
            if (directory) {
                Files.createDirectory(tmp);
            } else {
                Files.createFile(tmp);
            }
        } catch (IOException e) {
            throw new OutputWriteException(target, "cannot create a temporary output: " + e.getMessage(), e);
        }
        AtomicOutput out = new AtomicOutput(abs, tmp, directory, overwrite);
        LIVE.add(out);
        return out;
    }

    /** The destination. */
    public Path target() {
        return target;
    }

    /** Where to write until {@link #commit()}. */
    public Path temporary() {
        return temporary;
    }

    /** Moves the temporary into place. Without {@link Overwrite#REPLACE} an existing destination is never replaced. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("output already committed or discarded: " + target);
        }
        try {
            if (overwrite == Overwrite.NEVER) {
                publishNoReplace();
            } else if (directory && Files.isDirectory(target)) {
                replaceDirectory();
            } else {
                moveReplacing(temporary, target);
            }
            done = true;
            LIVE.remove(this);
        } catch (FileAlreadyExistsException e) {
            abort();
            throw new OutputExistsException(target);
        } catch (IOException e) {
            abort();
            if (e instanceof EasimageException) {
                throw e;
            }
            throw new OutputWriteException(target, "cannot move the finished output into place: " + e, e);
        }
    }

    private void publishNoReplace() throws IOException {
        if (!directory) {
            try {
                // a hard link fails if the target exists: no window in which another writer could be replaced
                Files.createLink(target, temporary);
                Files.delete(temporary);
                return;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof FileAlreadyExistsException fe) {
                    throw fe;
                }
                // file system without hard links: fall back to a rename after a check
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(temporary, target); // renaming a directory onto an existing one fails too
    }

    private void replaceDirectory() throws IOException {
        Path old = target.resolveSibling(PREFIX + ProcessHandle.current().pid() + "-0-old-" + target.getFileName());
        Files.move(target, old);
        try {
            Files.move(temporary, target);
        } catch (IOException e) {
            Files.move(old, target); // put the original back
            throw e;
        }
        deleteRecursively(old);
    }

    private static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the temporary output; safe to call more than once and after a commit (then it does nothing). */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        LIVE.remove(this);
        try {
            deleteRecursively(temporary);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temporary carries our prefix and is swept later
        }
    }

    /** Same as {@link #abort()}: an output not committed by now is discarded. */
    @Override
    public void close() {
        abort();
    }

    public boolean isCommitted() {
        return done && !Files.exists(temporary, LinkOption.NOFOLLOW_LINKS) && Files.exists(target);
    }

    private static void removeStaleTemporaries(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(1));
                    if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                        deleteRecursively(p);
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // sweeping is a courtesy; never let it fail a job
        }
    }

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
}
