package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Size;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.transform.Args;
import org.easimage.transform.Interpolation;
import org.easimage.frame.IntoTransform;
import org.easimage.transform.Transforms;

/**
 * Resamples the frame by a scale factor ({@link #scale}) or to a target size ({@link #to}); with keepAspect the
 * frame is fitted inside the target box, and a target side of 0 is derived from the other one keeping the
 * aspect ratio. Sizes are rounded to the nearest pixel, at least 1.
 */
public final class Resize implements IntoTransform {

    private final double factor;
    private final int width;
    private final int height;
    private final boolean keepAspect;
    private final Interpolation interpolation;

    private Resize(double factor, int width, int height, boolean keepAspect, Interpolation interpolation) {
        this.factor = factor;
        this.width = width;
        this.height = height;
        this.keepAspect = keepAspect;
        this.interpolation = java.util.Objects.requireNonNull(interpolation, "interpolation");
    }

    /** Both sides multiplied by {@code factor} (> 0). */
    public static Resize scale(double factor, Interpolation interpolation) {
        if (!(factor > 0) || !(factor <= Transforms.MAX_SIDE)) {
            throw new IllegalArgumentException("resize: the scale factor must be in (0, " + Transforms.MAX_SIDE + "], got "
                    + factor);
        }
        return new Resize(factor, 0, 0, false, interpolation);
    }

    /** To {@code width x height} (0 = derived from the other side keeping the aspect ratio). */
    public static Resize to(int width, int height, boolean keepAspect, Interpolation interpolation) {
        if (width < 0 || height < 0 || (width == 0 && height == 0) || width > Transforms.MAX_SIDE || height > Transforms.MAX_SIDE) {
            throw new IllegalArgumentException("resize: each side of the target size must be 0.." + Transforms.MAX_SIDE
                    + " pixels (0 keeps the aspect, not both), got " + width + "x" + height);
        }
        return new Resize(0, width, height, keepAspect || width == 0 || height == 0, interpolation);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec in) {
        double w;
        double h;
        if (factor > 0) {
            w = in.width() * factor;
            h = in.height() * factor;
        } else if (keepAspect) {
            double sx = width > 0 ? (double) width / in.width() : Double.MAX_VALUE;
            double sy = height > 0 ? (double) height / in.height() : Double.MAX_VALUE;
            double s = Math.min(sx, sy);
            w = in.width() * s;
            h = in.height() * s;
        } else {
            w = width;
            h = height;
        }
        if (w > Integer.MAX_VALUE / 2.0 || h > Integer.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("resize makes the " + in + " frame too large");
        }
        return in.withSize(Math.max(1, (int) Math.round(w)), Math.max(1, (int) Math.round(h)));
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        FrameSpec out = outputSpec(input.spec());
        return CvFrames.runInto(input, output, (src, dst) -> {
            try (Size s = new Size(out.width(), out.height())) {
                resize(src, dst, s, 0, 0, CvInterpolation.flag(interpolation));
            }
        });
    }

    @Override
    public String describe() {
        String interp = ", " + interpolation.name().toLowerCase();
        if (factor > 0) {
            return "resize(" + Args.num(factor) + interp + ")";
        }
        return "resize(" + width + "x" + height + interp + (keepAspect ? ", keep_aspect=true" : "") + ")";
    }
}
