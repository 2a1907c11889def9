package org.easimage.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;

/**
 * Frames read once, in order, from a stream that cannot seek and does not say how many frames it holds: a pipe
 * ({@code ffmpeg ... -f yuv4mpegpipe - | easimage convert - out.seq}). What a {@link SequenceReader} is for a
 * file, without random access or a frame count.
 */
public interface FrameStream extends Closeable {

    /** The spec every frame has, known from the stream's header (or from the options of a raw stream). */
    FrameSpec spec();

    /** The nominal frame rate the stream states. */
    Optional<Rational> frameRate();

    /** A short description of the stream's format, e.g. {@code y4m mono16}. */
    String description();

    /**
     * The next frame (index counting from 0, time index / rate when the stream states a rate), or {@code null}
     * at the end of the stream.
     *
     * @throws TruncatedInputException when the stream ends inside a frame
     */
    Frame next() throws IOException;
}
