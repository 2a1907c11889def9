package org.easimage.io.raw;

import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.FrameSpec;
import org.easimage.io.FormatOptions;
import org.easimage.io.Rational;

/**
 * What a raw file or stream does not say about itself: the frames' size and pixel format, and their rate.
 *
 * @param width  frame width
 * @param height frame height
 * @param format the samples' layout
 * @param rate   the frame rate, when known (frames then have times i / rate)
 */
public record RawReadOptions(int width, int height, RawPixelFormat format, Optional<Rational> rate)
        implements FormatOptions {

    public RawReadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rate, "rate");
        FrameSpec.of(width, height, format.pixelType()); // checks the size
    }

    /** The spec of the frames. */
    public FrameSpec spec() {
        return FrameSpec.of(width, height, format.pixelType());
    }
}
