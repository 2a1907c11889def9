package org.easimage.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;

/**
 * A sequence of frames with exact random access: {@code read(i)} is the i-th frame of a sequential decode, for
 * every i in {@code [0, frameCount())}.
 *
 * <p>{@link #info()} is cheap (no pixel is decoded). Frames returned belong to the caller. Every implementation is
 * safe to use from several threads (formats that decode sequentially serialise access internally; opening a
 * second reader on the same file is cheap when true parallelism is wanted). Views made with {@link #slice} and
 * {@link #map} stay lazy and keep random access; closing a view closes the reader it was made from.
 *
 * <p><b>Errors</b>, the same for every format (readers extend {@link AbstractSequenceReader}, which enforces them):
 * <table>
 * <caption>What opening or reading gives</caption>
 * <tr><th>case</th><th>result</th></tr>
 * <tr><td>the path does not exist</td><td>{@link java.nio.file.NoSuchFileException} (the JDK's, naming it)</td></tr>
 * <tr><td>a folder where the format reads a file; a FIFO, device or socket (refused before anything reads it,
 * since it could block or be consumed)</td><td>{@link UnsupportedFormatException}</td></tr>
 * <tr><td>an empty file</td><td>{@link CorruptInputException} at byte 0</td></tr>
 * <tr><td>content that does not follow the format, or a frame that does not decode</td>
 * <td>{@link CorruptInputException}; {@link TruncatedInputException} when data the header promises is missing</td></tr>
 * <tr><td>another I/O error</td><td>{@link EasimageException} naming the file (and the frame)</td></tr>
 * <tr><td>an index outside {@code [0, frameCount())} in {@code read}, {@code time} or {@code timestamp}</td>
 * <td>{@link IndexOutOfBoundsException}</td></tr>
 * <tr><td>{@code read}, {@code time} or {@code timestamp} after {@link #close()} (also through a view)</td>
 * <td>{@link IllegalStateException}: a use after close is the caller's error, as for writers; {@link #info()}
 * still answers, and closing again does nothing</td></tr>
 * </table>
 */
public interface SequenceReader extends FrameSource, Iterable<Frame>, Closeable {

    /** Standard properties and format metadata, known without decoding pixels. */
    SequenceInfo info();

    /**
     * The frame at {@code index}, exactly.
     *
     * @throws IndexOutOfBoundsException if index is outside {@code [0, frameCount())}
     * @throws IllegalStateException     if the reader is closed
     * @throws TruncatedInputException   if the frame is not fully present in the file
     * @throws CorruptInputException     if the frame cannot be decoded
     */
    @Override
    Frame read(int index) throws IOException;

    /**
     * The frame at {@code index}, written into {@code reuse}'s storage when this format can (same layout and
     * enough capacity; the caller owns {@code reuse} and gives up its previous content), else a new frame as
     * {@link #read(int)} gives. Lets a streaming loop allocate nothing per frame:
     * {@code Frame f = null; for (...) { f = reader.read(i, f); ... }}. {@code reuse} may be {@code null}. The
     * frame equals {@code read(index)} (pixels, index, time and timestamp) whatever {@code reuse} is.
     */
    default Frame read(int index, Frame reuse) throws IOException {
        return read(index);
    }

    /**
     * The files this reader reads beyond the path it was opened with (the images of a folder, the {@code .bin}
     * files of a HIRIS sequence), so a job can refuse to write over its own input. Empty by default.
     */
    default java.util.List<java.nio.file.Path> sourceFiles() {
        return java.util.List.of();
    }

    /** Exact number of frames. */
    @Override
    default int frameCount() {
        return info().frameCount();
    }

    /** The spec every frame has. */
    @Override
    default FrameSpec spec() {
        return info().spec();
    }

    /**
     * The time of frame {@code index} since the first frame (see {@link Frame#time()}), when the source states it.
     * Formats that store times apart from pixels answer without decoding the frame.
     */
    default Optional<Duration> time(int index) throws IOException {
        return read(index).time();
    }

    /**
     * The absolute acquisition instant of frame {@code index} (see {@link Frame#timestamp()}), only when the source
     * states one. Formats that store timestamps apart from pixels answer without decoding the frame.
     */
    default Optional<Instant> timestamp(int index) throws IOException {
        return read(index).timestamp();
    }

    /**
     * The frame shown at time {@code t}: the last one whose {@link #time(int) time} is at or before {@code t}, or
     * -1 when {@code t} precedes the first frame. A binary search on {@code time(i)} (times are presentation
     * times, so they do not decrease), which decodes no pixel where the format stores times apart.
     *
     * @throws IllegalStateException when the source states no frame times
     */
    default int indexAt(Duration t) throws IOException {
        int lo = 0;
        int hi = frameCount() - 1;
        if (hi < 0 || t.compareTo(requireTime(this, 0)) < 0) {
            return -1;
        }
        while (lo < hi) { // invariant: time(lo) <= t, and every frame after hi is after t
            int mid = (lo + hi + 1) >>> 1;
            if (requireTime(this, mid).compareTo(t) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The frame acquired at instant {@code t}: the last one whose {@link #timestamp(int) timestamp} is at or before
     * {@code t}, or -1 when {@code t} precedes the first frame. A binary search on {@code timestamp(i)}, which
     * decodes no pixel where the format stores times apart.
     *
     * @throws IllegalStateException when the source states no acquisition time
     */
    default int indexAt(Instant t) throws IOException {
        int lo = 0;
        int hi = frameCount() - 1;
        if (hi < 0 || t.isBefore(requireTimestamp(this, 0))) {
            return -1;
        }
        while (lo < hi) { // invariant: timestamp(lo) <= t, and every frame after hi is after t
            int mid = (lo + hi + 1) >>> 1;
            if (!requireTimestamp(this, mid).isAfter(t)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static Instant requireTimestamp(SequenceReader r, int index) throws IOException {
        return r.timestamp(index).orElseThrow(() -> new IllegalStateException("frame " + index + " of this "
                + r.info().format() + " sequence has no timestamp (the source states no acquisition time)"));
    }

    private static Duration requireTime(SequenceReader r, int index) throws IOException {
        return r.time(index).orElseThrow(() -> new IllegalStateException("frame " + index + " of this "
                + r.info().format() + " sequence has no time (the source states neither times nor a frame rate)"));
    }

    /** Frames in order; an I/O error surfaces as {@link UncheckedIOException} wrapping the typed exception. */
    @Override
    default Iterator<Frame> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < frameCount();
            }

            @Override
            public Frame next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return read(next++);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The frames as an ordered, lazy stream. */
    default Stream<Frame> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), frameCount(),
                Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL), false);
    }

    /**
     * A lazy view of frames {@code start, start+step, ...} below {@code stop}. Frames keep their original index.
     *
     * @throws IllegalArgumentException if the range is empty or outside the sequence, or step is not positive
     */
    default SequenceReader slice(int start, int stop, int step) {
        return new Views.Sliced(this, start, stop, step);
    }

    /**
     * A lazy view whose frames pass through {@code transform}; its spec is the transform's output spec. The
     * transform is {@linkplain FrameTransform#bind bound} to this reader on the first read, once: a transform that
     * measures the sequence (e.g. {@code to_8bit(auto)}) reads some of this reader's frames then.
     */
    default SequenceReader map(FrameTransform transform) {
        return new Views.Mapped(this, transform);
    }
}
