package org.easimage.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;

/**
 * The common life cycle of every writer: an {@link AtomicOutput} created up front (so an existing destination
 * fails before any work), the spec learnt from the first frame, mismatches rejected, I/O failures reported as
 * {@link OutputWriteException}, and the output published on {@link #finish()} or discarded on {@link #close()}.
 *
 * <p>A format implements {@link #begin}, {@link #writeFrame}, {@link #end} and, for native resources,
 * {@link #release}, all writing under {@link #temporary()} (one file) or the names its {@link #output()} stages.
 */
public abstract class AbstractSequenceWriter implements SequenceWriter {

    protected final Path path;
    protected final WriteOptions options;
    private final AtomicOutput output;
    private FrameSpec spec;
    private int written;
    private boolean finished;
    private boolean closed;

    /** A writer of one file at {@code path}. */
    protected AbstractSequenceWriter(Path path, WriteOptions options) throws IOException {
        this(path, options, AtomicOutput.file(path, options.overwrite()));
    }

    /**
     * A writer whose output has another shape (a set of files, a folder), made by the subclass with
     * {@code options.overwrite()}; this writer owns it from now on.
     */
    protected AbstractSequenceWriter(Path path, WriteOptions options, AtomicOutput output) {
        this.path = Objects.requireNonNull(path, "path");
        this.options = Objects.requireNonNull(options, "options");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Where a one-file format writes until the output is published. */
    protected final Path temporary() {
        return output.temporary();
    }

    /** The output being built (to stage the files of a set). */
    protected final AtomicOutput output() {
        return output;
    }

    /**
     * Checks that this format can store frames of {@code spec} and prepares the output. Throw
     * {@link UnsupportedFormatException} for a pixel type the format cannot hold.
     */
    protected abstract void begin(FrameSpec spec) throws IOException;

    /** Writes one frame, already checked against the spec; {@code index} counts from 0. */
    protected abstract void writeFrame(Frame frame, int index) throws IOException;

    /** Completes the output under {@link #temporary()} (trailers, header fields, flush and close files). */
    protected abstract void end() throws IOException;

    /** Frees resources after success or failure; called once by {@link #close()}. */
    protected void release() throws IOException {
    }

    @Override
    public final void write(Frame frame) throws IOException {
        Objects.requireNonNull(frame, "frame");
        if (closed || finished) {
            throw new IllegalStateException("writer for " + path + " is already " + (closed ? "closed" : "finished"));
        }
        if (spec == null) {
            try {
                begin(frame.spec());
            } catch (EasimageException e) {
                throw e;
            } catch (IOException e) {
                throw new OutputWriteException(path, "cannot start writing: " + e.getMessage(), e);
            }
            spec = frame.spec();
        } else if (!spec.sameLayout(frame.spec())) {
            throw new FrameMismatchException(path, written, spec, frame.spec());
        }
        try {
            writeFrame(frame, written);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) {
            throw new OutputWriteException(path, "writing frame " + written + " failed: " + e.getMessage(), e);
        }
        written++;
    }

    @Override
    public final void finish() throws IOException {
        if (closed || finished) {
            throw new IllegalStateException("writer for " + path + " is already " + (closed ? "closed" : "finished"));
        }
        if (written == 0) {
            throw new EasimageException(path, "no frame was written, so no output was created");
        }
        try {
            end();
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) {
            throw new OutputWriteException(path, "completing the output failed: " + e.getMessage(), e);
        }
        output.commit();
        finished = true;
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            release();
        } finally {
            output.abort(); // does nothing once committed
        }
    }

    @Override
    public final Path path() {
        return path;
    }

    @Override
    public final java.util.List<Path> destinations() {
        return output.destinations();
    }

    @Override
    public final int framesWritten() {
        return written;
    }

    @Override
    public final Optional<FrameSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /** The frame rate to record: the options', else {@code fallback}. */
    protected final Rational frameRate(Rational fallback) {
        return options.frameRateOr(fallback);
    }
}
