package org.easimage.frame;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Random access to the frames of a sequence: the least a transform needs to measure the sequence it will be
 * applied to (see {@link FrameTransform#bind}). Every {@code SequenceReader} is one; {@link #of} wraps frames held
 * in memory. Implementations are safe to read from several threads.
 */
public interface FrameSource {

    /** Exact number of frames. */
    int frameCount();

    /** The spec every frame has. */
    FrameSpec spec();

    /**
     * The frame at {@code index}, exactly.
     *
     * @throws IndexOutOfBoundsException if index is outside {@code [0, frameCount())}
     */
    Frame read(int index) throws IOException;

    /**
     * A short name of where the frames come from (a file name), for texts such as an annotation's {@code {file}};
     * empty when unknown, the default.
     */
    default String name() {
        return "";
    }

    /**
     * Frames held in memory, in order (a single frame makes a sequence of one).
     *
     * @throws IllegalArgumentException if there are no frames or their layouts differ
     */
    static FrameSource of(List<Frame> frames) {
        List<Frame> all = List.copyOf(frames);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a frame source needs at least one frame");
        }
        FrameSpec spec = all.get(0).spec();
        for (Frame f : all) {
            if (!f.spec().sameLayout(spec)) {
                throw new IllegalArgumentException("frames of a source must share one layout: " + f.spec()
                        + " differs from " + spec);
            }
        }
        return new FrameSource() {
            @Override
            public int frameCount() {
                return all.size();
            }

            @Override
            public FrameSpec spec() {
                return spec;
            }

            @Override
            public Frame read(int index) {
                return all.get(Objects.checkIndex(index, all.size()));
            }
        };
    }

    /** The frames given, in order. */
    static FrameSource of(Frame... frames) {
        return of(List.of(frames));
    }
}
