package org.easimage.frame;

/**
 * A transform that can also write into an output frame the caller provides, so a pipeline can recycle output
 * buffers instead of allocating a fresh direct buffer per frame (on the JVM a fresh direct buffer is zeroed and
 * only freed by GC, which can cost more than the operation itself: see bench/transforms.sh).
 */
public interface IntoTransform extends FrameTransform {

    /**
     * Writes the result for {@code input} into {@code output}, whose layout must equal
     * {@code outputSpec(input.spec())} and which must not share memory with the input. Returns a frame over
     * {@code output}'s pixels carrying the input's index and timestamp.
     */
    Frame applyInto(Frame input, Frame output);

    /**
     * Fails with {@link IllegalArgumentException} unless {@code output} can take a result of layout {@code expected}
     * (the check {@link #applyInto} owes its caller).
     */
    static void requireOutput(Frame output, FrameSpec expected) {
        if (!output.spec().sameLayout(expected) || output.buffer().capacity() < expected.frameBytes()) {
            throw new IllegalArgumentException("output frame " + output.spec() + " should be " + expected);
        }
    }

    @Override
    default Frame apply(Frame input) {
        return applyInto(input, Frames.allocateLike(input, outputSpec(input.spec())));
    }
}
