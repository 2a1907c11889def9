package org.easimage.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Times: a writer stores each frame's time measured from the first frame it is given ({@link #timeOf}), and
 * the first frame's absolute timestamp when it has one ({@link #start()}); it never invents a date.
 */
public abstract class AbstractSequenceWriter implements SequenceWriter {

    protected final Path path;
    protected final WriteOptions options;
    private final AtomicOutput output;
    private FrameSpec spec;
    private Duration firstTime;
    private Instant firstTimestamp;
    private Duration worstTimeChange = Duration.ZERO;
    private int worstTimeChangeFrame;
    private int written;
    private boolean finished;
    private boolean closed;
    /** The byte stream of {@link #openStream}, or null. */
    private OutputStream stream;

    /** A writer of one file at {@code path}. */
    protected AbstractSequenceWriter(Path path, WriteOptions options) throws IOException {
        this(path, options, AtomicOutput.file(path, options.overwrite()));
    }

    /**
     * A writer to a stream ({@link StandardStreams#PATH}, a pipe): no file, nothing to publish or discard, so a
     * reader of the pipe sees the frames as they are written, and a failure leaves what was sent. The subclass
     * writes to {@link #openStream} (or to {@link StandardStreams} itself); {@link #temporary()} and
     * {@link #output()} do not apply.
     */
    protected AbstractSequenceWriter(WriteOptions options) {
        this.path = StandardStreams.PATH;
        this.options = Objects.requireNonNull(options, "options");
        this.output = null;
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
        return requireOutput().temporary();
    }

    private AtomicOutput requireOutput() {
        if (output == null) {
            throw new IllegalStateException("a writer to a stream has no file output");
        }
        return output;
    }

    /**
     * For a format written as one byte stream, opened from {@link #begin}: the pipe of a writer to a stream, else a
     * stream over {@link #temporary()}, buffered by {@code bufferBytes} (0 for none). This class owns it: after each
     * frame to a pipe it flushes it (the reader at the other end gets each frame as it is written), once
     * {@link #end} returns it flushes and closes it, and it never closes a pipe, which is not this writer's.
     */
    protected final OutputStream openStream(int bufferBytes) throws IOException {
        if (stream != null) {
            throw new IllegalStateException("the stream of " + path + " is already open");
        }
        OutputStream s = output == null ? StandardStreams.of(options).out() : Files.newOutputStream(temporary());
        stream = bufferBytes > 0 ? new BufferedOutputStream(s, bufferBytes) : s;
        return stream;
    }

    /** Flushes the stream of {@link #openStream}, and closes it unless it is the pipe; no stream, nothing. */
    private void closeStream(boolean flush) throws IOException {
        OutputStream s = stream;
        stream = null;
        if (s == null) {
            return;
        }
        if (flush) {
            s.flush();
        }
        if (output != null) {
            s.close();
        }
    }

    /** The output being built (to stage the files of a set). */
    protected final AtomicOutput output() {
        return requireOutput();
    }

    /**
     * Checks that this format can store frames of {@code spec} and prepares the output. Throw
     * {@link UnsupportedFormatException} for a pixel type the format cannot hold.
     */
    protected abstract void begin(FrameSpec spec) throws IOException;

    /** Writes one frame, already checked against the spec; {@code index} counts from 0. */
    protected abstract void writeFrame(Frame frame, int index) throws IOException;

    /**
     * Completes the output under {@link #temporary()} (trailers, header fields, flush and close files; the stream
     * of {@link #openStream} is flushed and closed after this returns).
     */
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
            firstTime = frame.time().orElse(null);
            firstTimestamp = frame.timestamp().orElse(null);
        } else if (!spec.sameLayout(frame.spec())) {
            throw new FrameMismatchException(path, written, spec, frame.spec());
        }
        try {
            writeFrame(frame, written);
            if (stream != null && output == null) {
                stream.flush();
            }
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
            closeStream(true);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) {
            throw new OutputWriteException(path, "completing the output failed: " + e.getMessage(), e);
        }
        if (output != null) {
            output.commit();
        }
        finished = true;
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                release();
            } finally {
                closeStream(false); // after a failure: the file is discarded, the pipe has what was sent
            }
        } finally {
            if (output != null) {
                output.abort(); // does nothing once committed
            }
        }
    }

    @Override
    public final Path path() {
        return path;
    }

    @Override
    public final java.util.List<Path> destinations() {
        return output == null ? java.util.List.of() : output.destinations();
    }

    @Override
    public final int framesWritten() {
        return written;
    }

    @Override
    public final Optional<FrameSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /**
     * The time to store for frame {@code index} (counted from 0 in this output), measured from the first frame
     * written: from the frames' {@link Frame#time() times} when both have one, else from their timestamps, else
     * {@code index / rate} exactly (frames that state no time at all).
     */
    protected final Duration timeOf(Frame frame, int index, Rational rate) {
        if (frame.time().isPresent() && firstTime != null) {
            return frame.time().get().minus(firstTime);
        }
        if (frame.timestamp().isPresent() && firstTimestamp != null) {
            return Duration.between(firstTimestamp, frame.timestamp().get());
        }
        return Times.atIndex(index, rate);
    }

    /**
     * Notes that frame {@code index}, whose own time is {@code time}, is stored at {@code stored} (a format that
     * rounds times to its resolution or to a nominal rate); see {@link #warnIfTimesChanged}.
     */
    protected final void storedTime(int index, Duration time, Duration stored) {
        Duration change = stored.minus(time).abs();
        if (change.compareTo(worstTimeChange) > 0) {
            worstTimeChange = change;
            worstTimeChangeFrame = index;
        }
    }

    /**
     * Warns once, through {@link WriteOptions#warnings()}, when a stored time differed from the frame's own by
     * more than {@link Times#TOLERANCE}; {@code why} says what the format stores.
     */
    protected final void warnIfTimesChanged(String why) {
        if (worstTimeChange.compareTo(Times.TOLERANCE) > 0) {
            options.warnings().accept(path + ": " + why + "; the frames' own times differ from the stored ones by"
                    + " up to " + Times.seconds(worstTimeChange) + " s (frame " + worstTimeChangeFrame + ")");
        }
    }

    /** True when the first frame written states a time or a timestamp (so later ones are expected to). */
    protected final boolean framesHaveTimes() {
        return firstTime != null || firstTimestamp != null;
    }

    /** The absolute timestamp of the first frame written, when it has one: the output's start. */
    protected final Optional<Instant> start() {
        return Optional.ofNullable(firstTimestamp);
    }

    /** The frame rate to record: the options', else {@code fallback}. */
    protected final Rational frameRate(Rational fallback) {
        return options.frameRateOr(fallback);
    }
}
