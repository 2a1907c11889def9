package org.easimage.opencv;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.IntoTransform;

/** Mirrors the frame horizontally (left-right), vertically (top-bottom) or both (lossless). */
public final class Flip implements IntoTransform {

    /** The mirror axis. */
    public enum Axis { HORIZONTAL, VERTICAL, BOTH }

    private final Axis axis;

    public Flip(Axis axis) {
        this.axis = java.util.Objects.requireNonNull(axis, "axis");
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        return input;
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        int code = switch (axis) {
            case HORIZONTAL -> 1;
            case VERTICAL -> 0;
            case BOTH -> -1;
        };
        return CvFrames.runInto(input, output,
                (src, dst) -> org.bytedeco.opencv.global.opencv_core.flip(src, dst, code));
    }

    @Override
    public String describe() {
        return "flip(" + switch (axis) {
            case HORIZONTAL -> "h";
            case VERTICAL -> "v";
            case BOTH -> "hv";
        } + ")";
    }
}
