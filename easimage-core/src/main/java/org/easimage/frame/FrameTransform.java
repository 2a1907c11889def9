package org.easimage.frame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A per-frame operation: maps a frame to a new frame, and a frame spec to the spec it will produce, so that a
 * writer knows the output geometry before the first frame is transformed.
 *
 * <p>Implementations must be safe to call from several threads at once (the conversion pipeline applies one
 * transform instance on N worker threads), must not modify their input, and must keep the input's index, time
 * and timestamp on the output ({@link Frame#withPositionOf}).
 *
 * <p>Most transforms look at one frame at a time. A few need the whole sequence, e.g. {@code to_8bit(auto)},
 * which maps one display range measured on the sequence to every frame: those must be {@link #bind bound} to
 * their source before frames flow. {@code SequenceReader.map} and the converter do it; code that applies a
 * transform to frames itself calls {@code bind} first.
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

    /**
     * Whether this transform takes frames of {@code input}'s layout. {@linkplain PixelType#isPlanar() Planar
     * Y'CbCr} frames reach only the transforms that say so (a converter that reads them from a video turns them
     * into RGB before the first transform that does not); every packed type by default.
     */
    default boolean handles(FrameSpec input) {
        return !input.pixelType().isPlanar();
    }

    /**
     * The single transforms this one applies, in order: itself, or the steps of a chain made with
     * {@link #andThen}, so a pipeline can run a chain step by step (and recycle what each step leaves).
     */
    default List<FrameTransform> parts() {
        return List.of(this);
    }

    /** A short description used in logs and the command line's summary, e.g. {@code clahe(2.0, 8x8)}. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * This transform ready for the frames of {@code source}, the sequence it will be applied to (for a transform
     * after others in a chain, the source as they transform it). A transform that needs the whole sequence
     * measures it here, reading a bounded number of its frames, and returns a new, immutable transform that
     * applies what it measured to every frame; applied without being bound it throws
     * {@link IllegalStateException}. Binding a bound transform again returns it unchanged, so a transform bound
     * to one recording can be applied to others with the same result. All other transforms return
     * {@code this}, which is the default.
     *
     * @throws IOException when a frame of {@code source} cannot be read
     */
    default FrameTransform bind(FrameSource source) throws IOException {
        return this;
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
            public boolean handles(FrameSpec input) {
                return first.handles(input) && next.handles(first.outputSpec(input));
            }

            @Override
            public List<FrameTransform> parts() {
                List<FrameTransform> all = new ArrayList<>(first.parts());
                all.addAll(next.parts());
                return List.copyOf(all);
            }

            @Override
            public String describe() {
                return first.describe() + " | " + next.describe();
            }

            @Override
            public FrameTransform bind(FrameSource source) throws IOException {
                FrameTransform a = first.bind(source);
                FrameTransform b = next.bind(mapped(source, a)); // next sees the frames as first makes them
                return a == first && b == next ? this : a.andThen(b);
            }
        };
    }

    /** {@code source}'s frames passed through the (bound) transform {@code t}, read lazily. */
    private static FrameSource mapped(FrameSource source, FrameTransform t) {
        return new FrameSource() {
            @Override
            public int frameCount() {
                return source.frameCount();
            }

            @Override
            public FrameSpec spec() {
                return t.outputSpec(source.spec());
            }

            @Override
            public Frame read(int index) throws IOException {
                return t.apply(source.read(index));
            }

            @Override
            public String name() {
                return source.name();
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
