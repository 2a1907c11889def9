package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.*;

import org.bytedeco.opencv.opencv_core.Scalar;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.transform.Args;
import org.easimage.frame.IntoTransform;
import org.easimage.transform.Transforms;

/**
 * Adds a border of the given width on each side: a constant value (in sample units, all channels), a copy of the
 * edge pixels ({@link Mode#REPLICATE}) or a mirror image without repeating the edge ({@link Mode#REFLECT},
 * like NumPy's "reflect" and OpenCV's BORDER_REFLECT_101).
 */
public final class Pad implements IntoTransform {

    /** How the border is filled. */
    public enum Mode { CONSTANT, REPLICATE, REFLECT }

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private final Mode mode;
    private final double value;

    public Pad(int top, int bottom, int left, int right, Mode mode, double value) {
        if (Math.min(Math.min(top, bottom), Math.min(left, right)) < 0
                || Math.max(Math.max(top, bottom), Math.max(left, right)) > Transforms.MAX_SIDE) {
            throw new IllegalArgumentException("pad: widths must be 0.." + Transforms.MAX_SIDE + " pixels, got " + top + ", "
                    + bottom + ", " + left + ", " + right);
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.value = value;
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        long w = (long) input.width() + left + right;
        long h = (long) input.height() + top + bottom;
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pad makes the " + input + " frame too large");
        }
        if (mode == Mode.REFLECT && (Math.max(top, bottom) >= input.height() || Math.max(left, right) >= input.width())) {
            throw new IllegalArgumentException("pad: reflect needs widths smaller than the " + input + " frame");
        }
        return input.withSize((int) w, (int) h);
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        FrameSpec out = outputSpec(input.spec());
        int border = switch (mode) {
            case CONSTANT -> BORDER_CONSTANT;
            case REPLICATE -> BORDER_REPLICATE;
            case REFLECT -> BORDER_REFLECT_101;
        };
        return CvFrames.runInto(input, output, (src, dst) -> {
            try (Scalar s = Scalar.all(value)) {
                copyMakeBorder(src, dst, top, bottom, left, right, border, s);
            }
        });
    }

    @Override
    public String describe() {
        String tail = (mode != Mode.CONSTANT ? ", mode=" + mode.name().toLowerCase() : "")
                + (value != 0 ? ", value=" + Args.num(value) : "");
        return "pad(" + top + ", " + bottom + ", " + left + ", " + right + tail + ")";
    }
}
