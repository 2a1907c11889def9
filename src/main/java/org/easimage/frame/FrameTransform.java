package org.easimage.frame;

import java.util.Objects;

/**
 * A per-frame operation: maps a frame to a new frame, and a frame spec to the spec it will produce, so that a
 * writer knows the output geometry before the first frame is transformed.
 *
 * <p>Implementations must be safe to call from several threads at once (the conversion pipeline applies one
 * transform instance on N worker threads), must not modify their input, and must keep the input's index, time
 * and timestamp on the output ({@link Frame#withPositionOf}).
 */
public interface FrameTransform {

    /**
     * The spec of the frames {@link #apply} returns for input frames of {@code input}.
     *
     * @throws IllegalArgumentException when this transform cannot handle that input (e.g. an RGB-only operation
     *                                  on gray frames), with a message naming both
     */
    FrameSpec outputSpec(FrameSpec input);

    /** Transforms one frame; the result's spec equals {@code outputSpec(input.spec())}. */
    Frame apply(Frame input);

    /** A short description used in logs and the command line's summary, e.g. {@code clahe(2.0, 8x8)}. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** This transform followed by {@code next}. */
    default FrameTransform andThen(FrameTransform next) {
        Objects.requireNonNull(next, "next");
        FrameTransform first = this;
        return new FrameTransform() {
            @Override
            public FrameSpec outputSpec(FrameSpec input) {
                return next.outputSpec(first.outputSpec(input));
            }

            @Override
            public Frame apply(Frame input) {
                return next.apply(first.apply(input));
            }

            @Override
            public String describe() {
                return first.describe() + " | " + next.describe();
            }
        };
    }

    /** The transform that returns its input unchanged. */
    static FrameTransform identity() {
        return new FrameTransform() {
            @Override
            public FrameSpec outputSpec(FrameSpec input) {
                return input;
            }

            @Override
            public Frame apply(Frame input) {
                return input;
            }

            @Override
            public String describe() {
                return "identity";
            }
        };
    }
}
