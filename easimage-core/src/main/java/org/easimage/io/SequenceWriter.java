package org.easimage.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;

/**
 * Writes frames to a new sequence. It learns size and pixel type from the first frame and rejects any later frame
 * of another spec with {@link FrameMismatchException} (nothing is resized or dropped).
 *
 * <p>Output goes to a temporary name beside the destination. {@link #finish()} completes the file and moves it
 * into place atomically; {@link #close()} without a successful {@code finish()} discards everything, so a failed
 * or interrupted job never leaves a half-written file under the destination's name. A writer is used by one thread.
 */
public interface SequenceWriter extends Closeable {

    /**
     * Appends one frame. The writer keeps no reference to {@code frame} (or its storage) once this returns, so
     * the caller may refill it, e.g. with {@link SequenceReader#read(int, Frame)}.
     */
    void write(Frame frame) throws IOException;

    /**
     * Tells the writer how many frames will follow, when the caller knows, so that a destination it would have to
     * refuse (an existing file of a numbered set) is refused now, before any frame is encoded. Optional: a writer
     * that ignores it checks each destination when it gets there.
     */
    default void expect(int frames) throws IOException {
    }

    /**
     * {@link #expect(int)}, telling also which frames will come: their {@linkplain Frame#index() indices} are
     * {@code firstIndex}, {@code firstIndex + step}, ... (a writer that names its files by source index, such as
     * numbered images, reserves those names now). By default the same as {@code expect(frames)}.
     */
    default void expect(int frames, int firstIndex, int step) throws IOException {
        expect(frames);
    }

    /**
     * Tells the writer what the source of the frames states about itself ({@code source}, e.g. a Norpix header's
     * description and Bayer pattern), before the first frame, so a format that has a place for such fields keeps
     * them. {@code samePixels} is true when the frames reach the writer as the source stores them (no transform),
     * so fields that describe the pixels themselves (a Bayer mosaic, a bit depth) still hold. Ignored by default.
     */
    default void inherit(SequenceInfo source, boolean samePixels) {
    }

    /** Completes the output and publishes it at {@link #path()}. */
    void finish() throws IOException;

    /** Discards the output unless {@link #finish()} succeeded; releases every resource. */
    @Override
    void close() throws IOException;

    /** The destination. */
    Path path();

    /**
     * Every path this writer will publish, as far as known now (all of a numbered set once {@link #expect} was
     * called; the {@code .seq} and {@code .bin} of a HIRIS sequence).
     */
    default java.util.List<Path> destinations() {
        return java.util.List.of(path().toAbsolutePath());
    }

    /** Frames written so far. */
    int framesWritten();

    /** The spec learnt from the first frame, once one was written. */
    Optional<FrameSpec> spec();

    /** Writes every frame of {@code frames} in order (unwrapping {@link UncheckedIOException}s). */
    default void writeAll(Iterable<Frame> frames) throws IOException {
        try {
            for (Frame f : frames) {
                write(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
