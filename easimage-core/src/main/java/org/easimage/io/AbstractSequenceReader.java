package org.easimage.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.easimage.frame.Frame;

/**
 * The behaviour every reader shares, in one place, so that formats differ only in how they decode: the checks
 * made before a file is opened ({@link #requireFile}), index and closed checks before every read, the errors a
 * decoder's failure becomes, and an idempotent {@link #close()}. The rules are those of {@link SequenceReader}.
 *
 * <p>A format implements {@link #readFrame}, {@link #frameTime}, {@link #frameTimestamp} and, when it holds
 * resources, {@link #release}; they are called with an index already checked, on a reader not yet closed. A reader
 * whose reads are serialised and that frees native or ImageIO state on close calls {@link #ensureOpen()} again
 * under its own lock, since a close may have come between the check and the lock.
 */
public abstract class AbstractSequenceReader implements SequenceReader {

    /** The file read, named by every error; {@code null} for a source without a file (an image in memory). */
    protected final Path path;
    private final AtomicBoolean closed = new AtomicBoolean();

    protected AbstractSequenceReader(Path path) {
        this.path = path;
    }

    /** Decodes frame {@code index} (checked), into {@code reuse}'s storage when the format can (see SequenceReader). */
    protected abstract Frame readFrame(int index, Frame reuse) throws IOException;

    /** Frame {@code index}'s time (checked): what {@code readFrame(index).time()} would be, without the pixels. */
    protected abstract Optional<Duration> frameTime(int index) throws IOException;

    /** Frame {@code index}'s timestamp (checked): what {@code readFrame(index).timestamp()} would be. */
    protected abstract Optional<Instant> frameTimestamp(int index) throws IOException;

    /**
     * The file read, when it is one (a format of several files lists them all): a job given this open reader
     * never writes over it.
     */
    @Override
    public java.util.List<Path> sourceFiles() {
        return path != null && Files.isRegularFile(path) ? java.util.List.of(path) : java.util.List.of();
    }

    /** Frees what the reader holds; called once, by the first {@link #close()}. */
    protected void release() throws IOException {
    }

    @Override
    public final Frame read(int index) throws IOException {
        return read(index, null);
    }

    @Override
    public final Frame read(int index, Frame reuse) throws IOException {
        checkReadable(index);
        try {
            return readFrame(index, reuse);
        } catch (IOException | RuntimeException e) {
            throw failure(e, "frame " + index);
        }
    }

    @Override
    public final Optional<Duration> time(int index) throws IOException {
        checkReadable(index);
        try {
            return frameTime(index);
        } catch (IOException | RuntimeException e) {
            throw failure(e, "the time of frame " + index);
        }
    }

    @Override
    public final Optional<Instant> timestamp(int index) throws IOException {
        checkReadable(index);
        try {
            return frameTimestamp(index);
        } catch (IOException | RuntimeException e) {
            throw failure(e, "the timestamp of frame " + index);
        }
    }

    /** Closes the reader once; later calls do nothing. {@link #info()} still answers after it. */
    @Override
    public final void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** True once {@link #close()} was called. */
    protected final boolean isClosed() {
        return closed.get();
    }

    /**
     * Throws {@link IllegalStateException} when the reader is closed: called by the base before every read, and by
     * a reader again under the lock that serialises its reads.
     */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the reader of " + (path == null ? "this sequence" : path)
                    + " is closed");
        }
    }

    private void checkReadable(int index) {
        ensureOpen();
        checkIndex(index, frameCount(), path);
    }

    /**
     * What a failure inside a format becomes: a typed error stays as it is; another I/O error becomes an
     * {@link EasimageException} naming the file and what was read; a runtime exception from a decoder (damaged data
     * it did not expect) a {@link CorruptInputException}. A failure caused by a concurrent {@link #close()} is
     * reported as the close ({@link IllegalStateException}), not as damage, and so is one of a closed source.
     */
    private IOException failure(Exception e, String what) {
        if (closed.get()) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("the reader of "
                    + (path == null ? "this sequence" : path) + " was closed while reading " + what, e);
        }
        if (e instanceof IllegalStateException ise) { // a closed source under a wrapper: a state, not damage
            throw ise;
        }
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof EasimageException ee) {
            return ee;
        }
        if (cause instanceof IOException) {
            return new EasimageException(path, what + " cannot be read: " + cause, cause);
        }
        return new CorruptInputException(path, -1, what + " cannot be decoded: " + cause, cause);
    }

    /**
     * {@code index} when it is in {@code [0, count)}, else the {@link IndexOutOfBoundsException} every reader and
     * view throws, naming the sequence.
     */
    public static int checkIndex(int index, int count, Path path) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("frame " + index + " is outside [0, " + count + ")"
                    + (path == null ? "" : " of " + path));
        }
        return index;
    }

    /**
     * The checks made before a format opens {@code path} as one file of {@code kind} (e.g. "a GIF file"), with
     * one outcome per case: missing: {@link NoSuchFileException}; a folder, or a FIFO, device or socket (which
     * could block or be consumed): {@link UnsupportedFormatException}; empty: {@link CorruptInputException} at
     * byte 0.
     *
     * @return the file's size in bytes, at least 1
     */
    public static long requireFile(Path path, String kind) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new UnsupportedFormatException(path, "is a folder, not " + kind);
        }
        refuseSpecialFile(path);
        long size = Files.size(path);
        if (size == 0) {
            throw new CorruptInputException(path, 0, "the file is empty");
        }
        return size;
    }

    /**
     * A FIFO, device or socket cannot be read with random access, and probing one could block or consume it:
     * refused by kind ({@link UnsupportedFormatException}) before any format looks at it.
     */
    public static void refuseSpecialFile(Path path) throws UnsupportedFormatException {
        if (Files.exists(path) && !Files.isDirectory(path) && !Files.isRegularFile(path)) {
            throw new UnsupportedFormatException(path, "is not a regular file (" + kindOf(path) + "); easimage "
                    + "reads files and folders, not streams: save the data to a file first");
        }
    }

    private static String kindOf(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file"; // no unix view on this platform
        }
    }
}
