package org.easimage.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output under construction: written under temporary names beside its destination, published by
 * {@link #commit()}, discarded by {@link #abort()}. easimage only ever removes or replaces files it is writing
 * now; this class is where that rule is kept.
 *
 * <p>Three shapes of output:
 * <ul>
 * <li>{@link #file}: one file, published with one rename (or a hard link that fails if the destination appeared
 * meanwhile, so another writer is never replaced without {@link Overwrite#REPLACE}).</li>
 * <li>{@link #files}: a set of named files in a folder (numbered images, a HIRIS {@code .seq} with its
 * {@code .bin}). The folder may exist and hold other files: they are never touched, and {@code REPLACE} replaces
 * exactly the files of the set. A folder that does not exist yet is built under a temporary name and appears
 * whole with one rename.</li>
 * <li>{@link #directory}: a folder that is itself the output (a chunked array store); {@code REPLACE} replaces a
 * previous one as a whole, and only if the caller recognises it as an output of the same kind.</li>
 * </ul>
 *
 * <p>Temporaries are named {@code .easimage-<token>-<name>} (ending with the destination's own name so tools that
 * choose a container by extension see the right one). While an output is alive its writer holds an exclusive
 * lock on {@code .easimage-<token>.lock}; a job that creates an output sweeps its folder and removes only the
 * temporaries whose lock no process holds, so a job in another process, container or pid namespace sharing the
 * folder is never disturbed. Before publishing, every staged file and folder entry is forced to the device
 * (fsync), so a published output survives a power cut. Publishing more than one rename is first written to a
 * journal ({@code .easimage-<token>.commit}): a job killed between the renames is finished by the next sweep of
 * that folder, and a previous output being replaced is kept (parked under a temporary name) until the new one is
 * in place. Temporaries still registered when the JVM exits normally or on SIGINT/SIGTERM are deleted by a
 * shutdown hook.
 */
public final class AtomicOutput implements AutoCloseable {

    private static final String PREFIX = ".easimage-";
    private static final Pattern ENTRY = Pattern.compile("\\.easimage-([0-9a-f]{16})(-.*|\\.lock|\\.commit)");
    private static final Set<String> LIVE_TOKENS = ConcurrentHashMap.newKeySet();
    private static final Set<AtomicOutput> LIVE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AtomicOutput o : LIVE) {
                o.abort();
            }
        }, "easimage-discard-outputs"));
    }

    private enum Shape { FILE, FILES, DIRECTORY }

    private final Shape shape;
    private final Path target;
    private final Overwrite overwrite;
    /** The folder holding the temporaries, the lock and the journal. */
    private final Path stagingFolder;
    private final String token;
    private final FileChannel lockChannel;
    /** FILE: the temporary file; DIRECTORY and FILES in a new folder: the temporary folder; else null. */
    private final Path temporary;
    /** FILES: final name → staged path, in the order they were staged. */
    private final Map<String, Path> members = new LinkedHashMap<>();
    private final Predicate<Path> replaceable;
    private boolean done;
    private boolean committed;

    private AtomicOutput(Shape shape, Path target, Overwrite overwrite, Path stagingFolder, String token,
            FileChannel lockChannel, Predicate<Path> replaceable) throws IOException {
        this.shape = shape;
        this.target = target;
        this.overwrite = overwrite;
        this.stagingFolder = stagingFolder;
        this.token = token;
        this.lockChannel = lockChannel;
        this.replaceable = replaceable;
        boolean inPlace = shape == Shape.FILES && Files.isDirectory(target);
        this.temporary = inPlace ? null : stagingFolder.resolve(PREFIX + token + "-" + target.getFileName());
        if (temporary != null) {
            if (shape == Shape.FILE) {
                Files.createFile(temporary);
            } else {
                Files.createDirectory(temporary);
            }
        }
    }

    /** Starts a one-file output; an existing destination fails now (before any work) unless {@code REPLACE}. */
    public static AtomicOutput file(Path target, Overwrite overwrite) throws IOException {
        Path abs = absolute(target);
        if (Files.isDirectory(abs)) {
            throw new OutputExistsException(target, "is a folder; easimage never replaces a folder with a file");
        }
        checkDestination(target, overwrite);
        return start(Shape.FILE, abs, overwrite, abs.getParent(), null);
    }

    /**
     * Starts a set of files to be published together in {@code folder} (created if missing). Name each file with
     * {@link #stage}; an existing file of the set fails there unless {@code REPLACE}.
     */
    public static AtomicOutput files(Path folder, Overwrite overwrite) throws IOException {
        Path abs = absolute(folder);
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs)) {
            throw new OutputExistsException(folder, "is a file, not a folder to write into");
        }
        return start(Shape.FILES, abs, overwrite, Files.isDirectory(abs) ? abs : abs.getParent(), null);
    }

    /**
     * Starts a folder that is itself the output. With {@code REPLACE}, an existing folder is replaced as a whole
     * only when {@code replaceable} recognises it as an earlier output of the same kind; any other folder (or a
     * file) at the destination is refused, whatever the overwrite mode.
     */
    public static AtomicOutput directory(Path target, Overwrite overwrite, Predicate<Path> replaceable)
            throws IOException {
        Path abs = absolute(target);
        Objects.requireNonNull(replaceable, "replaceable");
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (overwrite == Overwrite.NEVER) {
                throw new OutputExistsException(target);
            }
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS) || !replaceable.test(abs)) {
                throw new OutputExistsException(target, "exists and is not an output of this format, so it is "
                        + "never replaced; choose another name or remove it yourself");
            }
        }
        return start(Shape.DIRECTORY, abs, overwrite, abs.getParent(), replaceable);
    }

    /** Fails with {@link OutputExistsException} if {@code target} exists and overwriting is not allowed. */
    public static void checkDestination(Path target, Overwrite overwrite) throws IOException {
        if (overwrite == Overwrite.NEVER && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputExistsException(target);
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static AtomicOutput start(Shape shape, Path target, Overwrite overwrite, Path stagingFolder,
            Predicate<Path> replaceable) throws IOException {
        try {
            Files.createDirectories(stagingFolder);
        } catch (IOException e) {
            throw new OutputWriteException(target, "cannot create the output folder: " + e.getMessage(), e);
        }
        sweep(stagingFolder);
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            String token = HexFormat.of().formatHex(randomBytes());
            LIVE_TOKENS.add(token); // first, so that no sweeper of this JVM takes the lock file for a dead one
            Path lockFile = stagingFolder.resolve(PREFIX + token + ".lock");
            FileChannel ch = null;
            try {
                ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                // between creating and locking, another process's sweeper may have taken the file for a dead
                // writer's and deleted it: start again under another name
                if (lock == null || !Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                    closeQuietly(ch);
                    LIVE_TOKENS.remove(token);
                    continue;
                }
                AtomicOutput out = new AtomicOutput(shape, target, overwrite, stagingFolder, token, ch, replaceable);
                LIVE.add(out);
                return out;
            } catch (FileAlreadyExistsException | OverlappingFileLockException e) {
                closeQuietly(ch);
                LIVE_TOKENS.remove(token);
            } catch (IOException e) {
                deleteQuietly(stagingFolder.resolve(PREFIX + token + "-" + target.getFileName()));
                deleteQuietly(lockFile);
                closeQuietly(ch);
                LIVE_TOKENS.remove(token);
                last = e;
                break;
            }
        }
        throw new OutputWriteException(target, "cannot create a temporary output"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The destination (for {@link #files}, the folder). */
    public Path target() {
        return target;
    }

    /** The paths this output publishes: the file or folder, or each file of a set staged so far. */
    public synchronized List<Path> destinations() {
        if (shape != Shape.FILES) {
            return List.of(target);
        }
        List<Path> l = new ArrayList<>();
        for (String name : members.keySet()) {
            l.add(target.resolve(name));
        }
        return l;
    }

    /**
     * Where to write until {@link #commit()}: the temporary file of {@link #file}, the temporary folder of
     * {@link #directory}.
     */
    public Path temporary() {
        if (shape == Shape.FILES) {
            throw new IllegalStateException("a set of files is written with stage(name)");
        }
        return temporary;
    }

    /**
     * Reserves {@code name} in a {@link #files} output and returns where to write it until {@link #commit()}.
     * Fails with {@link OutputExistsException} when the destination file exists and overwriting is not allowed.
     */
    public synchronized Path stage(String name) throws IOException {
        if (shape != Shape.FILES) {
            throw new IllegalStateException("only a set of files stages names");
        }
        if (done) {
            throw new IllegalStateException("output already committed or discarded: " + target);
        }
        Path name0 = Path.of(name);
        if (name0.getNameCount() != 1 || name.startsWith(PREFIX) || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        Path existing = members.get(name);
        if (existing != null) {
            return existing;
        }
        Path destination = target.resolve(name);
        checkMember(destination);
        Path staged = temporary != null ? temporary.resolve(name) : target.resolve(PREFIX + token + "-" + name);
        members.put(name, staged);
        return staged;
    }

    private void checkMember(Path destination) throws IOException {
        if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputExistsException(destination, "is a folder; easimage never replaces a folder with a file");
        }
        checkDestination(destination, overwrite);
    }

    /**
     * Publishes the output. Without {@link Overwrite#REPLACE} an existing destination is never replaced: the
     * output is then discarded and {@link OutputExistsException} thrown. In the rare case where another job
     * creates one file of a {@link #files} set while this set is being published, that file is kept, the rest is
     * published, and {@link OutputExistsException} names it.
     */
    public synchronized void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("output already committed or discarded: " + target);
        }
        List<Path> taken;
        try {
            List<PublishJournal.Step> steps = plan();
            forceStaged();
            PublishJournal.failpoint("staged");
            if (steps.size() == 1) {
                taken = PublishJournal.run(stagingFolder, steps); // one rename is atomic: no journal needed
            } else {
                Path journal = stagingFolder.resolve(PREFIX + token + ".commit");
                PublishJournal.write(journal, steps);
                taken = PublishJournal.run(stagingFolder, steps);
                PublishJournal.failpoint("published");
                Files.delete(journal);
            }
        } catch (IOException | UncheckedIOException e) {
            abortLocked();
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            if (io instanceof EasimageException ee) {
                throw ee;
            }
            throw new OutputWriteException(target, "cannot move the finished output into place: " + io, io);
        }
        committed = shape == Shape.FILES || taken.isEmpty();
        abortLocked(); // nothing of ours is left to delete but stray temporaries; releases the lock
        if (!taken.isEmpty()) {
            throw shape == Shape.FILES
                    ? new OutputExistsException(taken.get(0), "appeared while this output was being published; "
                            + "it was kept and " + taken.size() + " file(s) of the new output were dropped")
                    : new OutputExistsException(target);
        }
    }

    /** The renames that publish this output; checks the destinations once more (another job may have run). */
    private List<PublishJournal.Step> plan() throws IOException {
        List<PublishJournal.Step> steps = new ArrayList<>();
        boolean replace = overwrite == Overwrite.REPLACE;
        PublishJournal.Action publish = replace ? PublishJournal.Action.PUBLISH_REPLACE
                : PublishJournal.Action.PUBLISH_NEW;
        switch (shape) {
            case FILE -> {
                if (Files.isDirectory(target)) {
                    throw new OutputExistsException(target, "is a folder; easimage never replaces a folder with a file");
                }
                checkDestination(target, overwrite);
                steps.add(PublishJournal.Step.of(publish, rel(temporary), rel(target)));
            }
            case DIRECTORY -> {
                boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                if (exists && (!replace || !Files.isDirectory(target) || !replaceable.test(target))) {
                    throw new OutputExistsException(target);
                }
                if (exists) {
                    Path parked = stagingFolder.resolve(PREFIX + token + "-previous-" + target.getFileName());
                    steps.add(new PublishJournal.Step(PublishJournal.Action.REPLACE_FOLDER, rel(temporary), rel(target),
                            rel(parked)));
                    steps.add(PublishJournal.Step.of(PublishJournal.Action.DELETE, rel(parked), null));
                } else {
                    steps.add(PublishJournal.Step.of(PublishJournal.Action.PUBLISH_NEW, rel(temporary), rel(target)));
                }
            }
            case FILES -> {
                if (members.isEmpty()) {
                    throw new OutputWriteException(target, "no file was written", null);
                }
                for (String name : members.keySet()) {
                    checkMember(target.resolve(name));
                }
                if (temporary != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    steps.add(PublishJournal.Step.of(PublishJournal.Action.PUBLISH_NEW, rel(temporary), rel(target)));
                } else {
                    // the folder exists (or appeared meanwhile): publish file by file, in staging order
                    for (Map.Entry<String, Path> m : members.entrySet()) {
                        steps.add(PublishJournal.Step.of(publish, rel(m.getValue()), rel(target.resolve(m.getKey()))));
                    }
                    if (temporary != null) {
                        steps.add(PublishJournal.Step.of(PublishJournal.Action.DELETE, rel(temporary), null));
                    }
                }
            }
            default -> throw new IllegalStateException(shape.toString());
        }
        return steps;
    }

    private String rel(Path p) {
        return stagingFolder.relativize(p).toString();
    }

    private void forceStaged() throws IOException {
        if (temporary != null) {
            Outputs.force(temporary);
        } else {
            for (Path p : members.values()) {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new OutputWriteException(target, "the staged file " + p.getFileName()
                            + " was never written", null);
                }
                Outputs.force(p);
            }
        }
        Outputs.forceDirectory(stagingFolder);
    }


    /** Deletes the temporaries; safe to call more than once and after a commit (then it does nothing more). */
    public synchronized void abort() {
        abortLocked();
    }

    private void abortLocked() {
        if (done) {
            return;
        }
        done = true;
        try {
            deleteTokenEntries(stagingFolder, token, true);
            if (temporary == null) {
                for (Path p : members.values()) {
                    deleteQuietly(p);
                }
            }
        } finally {
            release();
        }
    }

    private void release() {
        LIVE.remove(this);
        deleteQuietly(stagingFolder.resolve(PREFIX + token + ".lock"));
        closeQuietly(lockChannel); // releases the lock
        LIVE_TOKENS.remove(token);
    }

    /** Same as {@link #abort()}: an output not committed by now is discarded. */
    @Override
    public void close() {
        abort();
    }

    /** True once {@link #commit()} published the output. */
    public synchronized boolean isCommitted() {
        return committed;
    }

    /**
     * Removes the temporaries of dead jobs from {@code folder}, finishing the publication of any that was killed
     * half-way through publishing. A temporary whose lock another process holds is left alone.
     */
    static void sweep(Path folder) {
        Map<String, List<Path>> byToken = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, PREFIX + "*")) {
            for (Path p : ds) {
                Matcher m = ENTRY.matcher(p.getFileName().toString());
                if (m.matches() && !LIVE_TOKENS.contains(m.group(1))) {
                    byToken.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // sweeping is a courtesy; never let it fail a job
        }
        for (String token : byToken.keySet()) {
            sweepToken(folder, token);
        }
    }

    private static void sweepToken(Path folder, String token) {
        Path lockFile = folder.resolve(PREFIX + token + ".lock");
        FileChannel ch = null;
        try {
            if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held in this JVM
                }
                if (lock == null) {
                    return; // its writer is alive
                }
            }
            Path journal = folder.resolve(PREFIX + token + ".commit");
            if (Files.exists(journal)) {
                // killed while publishing: everything was complete and forced, so finish what it started
                PublishJournal.run(folder, PublishJournal.read(journal));
            }
            deleteTokenEntries(folder, token, false);
            deleteQuietly(lockFile);
        } catch (NoSuchFileException e) {
            // another sweeper got there first
        } catch (IOException | RuntimeException e) {
            // leave it for a later sweep
        } finally {
            closeQuietly(ch);
        }
    }

    /** Deletes {@code .easimage-<token>-*} and the journal; the lock file stays until the lock is released. */
    private static void deleteTokenEntries(Path folder, String token, boolean quiet) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, PREFIX + token + "*")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().endsWith(".lock")) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!quiet) {
                throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Outputs.deleteRecursively(p);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temporary carries our prefix and is swept later
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
