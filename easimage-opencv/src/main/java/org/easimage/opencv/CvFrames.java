package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.*;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;

/**
 * Bridges frames and OpenCV {@link Mat}s. A direct frame buffer is wrapped without copying (the Mat shares the
 * frame's memory); a heap buffer cannot be shared with native code (the GC may move it), so it is copied once.
 * Frames are RGB, OpenCV usually assumes BGR: only channel-agnostic calls (or explicit RGB conversion codes)
 * may be used on these Mats.
 */
public final class CvFrames {

    private CvFrames() {
    }

    /** The OpenCV type (e.g. CV_16UC3) of a frame spec. */
    public static int cvType(FrameSpec spec) {
        int depth = switch (spec.sampleType()) {
            case U8 -> CV_8U;
            case U16 -> CV_16U;
            case F32 -> CV_32F;
        };
        return CV_MAKETYPE(depth, spec.channels());
    }

    /**
     * A Mat over the frame's pixels: shared when the frame is direct, else a copy. Callers must only read it
     * when it wraps an input frame, and must close it.
     */
    public static Mat wrap(Frame frame) {
        FrameSpec s = frame.spec();
        ByteBuffer buf = frame.buffer();
        if (frame.isDirect()) {
            return new Mat(s.height(), s.width(), cvType(s), new BytePointer(buf));
        }
        Mat m = new Mat(s.height(), s.width(), cvType(s));
        m.data().capacity(s.frameBytes()).asByteBuffer().put(buf);
        return m;
    }

    /** A new output frame keeping the input's index and times. */
    public static Frame allocateLike(Frame input, FrameSpec spec) {
        return Frames.allocateLike(input, spec);
    }

    /**
     * Runs {@code op(src, dst)} with {@code dst} a Mat over a freshly allocated output frame of {@code outSpec},
     * so OpenCV writes straight into the frame. Fails loudly if OpenCV reallocated {@code dst} (a spec mistake).
     */
    public static Frame run(Frame input, FrameSpec outSpec, CvOp op) {
        return runInto(input, allocateLike(input, outSpec), op);
    }

    /**
     * Runs {@code op(src, dst)} with {@code dst} over {@code out}'s pixels (written in place when {@code out} is
     * direct, else copied back) and returns {@code out} relabelled with the input's index and times.
     * Heap frames go through native Mats kept per thread, so a stream of same-sized frames costs two memory
     * copies per call and no native allocation.
     */
    public static Frame runInto(Frame input, Frame output, CvOp op) {
        Frame out = output.withPositionOf(input);
        FrameSpec outSpec = out.spec();
        Scratch scratch = SCRATCH.get();
        boolean useScratch = !scratch.busy; // a nested call (an op that runs a transform) allocates its own
        scratch.busy = true;
        Mat src = null;
        Mat dst = null;
        try {
            src = input.isDirect() || !useScratch ? wrap(input) : scratch.load(scratch.src, input);
            dst = out.isDirect() ? wrap(out)
                    : useScratch ? scratch.shape(scratch.dst, outSpec) : new Mat(outSpec.height(), outSpec.width(),
                            cvType(outSpec));
            long before = dst.data().address();
            op.apply(src, dst);
            if (dst.data().address() != before) {
                throw new IllegalStateException("OpenCV produced " + dst.cols() + "x" + dst.rows()
                        + " type " + dst.type() + " instead of " + outSpec);
            }
            if (!out.isDirect()) {
                out.buffer().put(dst.data().capacity(outSpec.frameBytes()).asByteBuffer());
            }
        } finally {
            if (useScratch) {
                scratch.busy = false;
            }
            if (src != null && src != scratch.src) {
                src.close();
            }
            if (dst != null && dst != scratch.dst) {
                dst.close();
            }
        }
        return out;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Two native Mats per thread; {@code Mat.create} keeps their memory while size and type repeat. */
    private static final class Scratch {
        final Mat src = new Mat();
        final Mat dst = new Mat();
        boolean busy;

        Mat shape(Mat m, FrameSpec s) {
            m.create(s.height(), s.width(), cvType(s));
            return m;
        }

        Mat load(Mat m, Frame frame) {
            FrameSpec s = frame.spec();
            shape(m, s).data().capacity(s.frameBytes()).asByteBuffer().put(frame.buffer());
            return m;
        }
    }

    /** Copies a Mat of matching size and type into a new frame (used when OpenCV must allocate itself). */
    public static Frame fromMat(Mat m, Frame like, FrameSpec spec) {
        Frame out = allocateLike(like, spec);
        try (Mat dst = wrap(out)) {
            m.copyTo(dst);
        }
        return out;
    }

    /** Checks that {@code output} has the layout {@code t} produces for {@code input} and is a separate frame. */
    static void requireLayout(FrameTransform t, Frame input, Frame output) {
        FrameSpec expected = t.outputSpec(input.spec());
        if (!output.spec().sameLayout(expected)) {
            throw new IllegalArgumentException(t.describe() + ": output frame " + output.spec() + " should be "
                    + expected);
        }
    }

    /** An OpenCV operation from a source Mat into a destination Mat. */
    @FunctionalInterface
    public interface CvOp {
        void apply(Mat src, Mat dst);
    }
}
