package org.easimage.io;

import java.io.IOException;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;

/**
 * A reader whose decoder produces another layout than the frames it hands out by default, and that can hand out
 * that layout as it is: a video decoded to planar Y'CbCr that {@link SequenceReader#read} converts to RGB. A
 * consumer that takes the layout (an encoder of the same layout, transforms that work on it) then skips the colour
 * conversion, and one that needs RGB can run {@link #fromNative()} where it likes, e.g. on its transform threads
 * rather than on the reading thread. {@code fromNative().apply(readNative(i, f))} equals {@code read(i)} exactly.
 */
public interface NativeFrames {

    /** The spec of frames in the decoder's own layout, or empty when {@code read} already gives that layout. */
    Optional<FrameSpec> nativeSpec();

    /**
     * Frame {@code index} in the decoder's layout, written into {@code into} (a frame of {@link #nativeSpec()}
     * that the caller owns and gives up); returns a frame over {@code into}'s pixels with the index and times
     * {@code read(index)} gives.
     *
     * @throws IllegalArgumentException when {@code into} does not have the native layout
     */
    Frame readNative(int index, Frame into) throws IOException;

    /**
     * The conversion of native frames (of {@link #nativeSpec()}, or of its layout at another size) into the
     * frames {@code read} gives, bit for bit; safe to use from several threads, also after other transforms that
     * keep the layout (a crop). It stays usable while this reader is open.
     */
    FrameTransform fromNative();
}
