package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.*;
import static org.bytedeco.opencv.global.opencv_imgproc.*;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.transform.Args;
import org.easimage.transform.Interpolation;

/**
 * Rotation counter-clockwise by {@code degrees}. Multiples of 90 are exact pixel moves (lossless). Other angles
 * are resampled about the frame centre with the given interpolation; uncovered pixels get {@code fill}; with
 * {@code expand} the canvas grows to hold the whole rotated frame, otherwise it keeps the input size.
 */
public final class Rotate implements FrameTransform {

    private final double degrees;
    private final boolean expand;
    private final Interpolation interpolation;
    private final double fill;

    public Rotate(double degrees, boolean expand, Interpolation interpolation, double fill) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("rotate: angle must be finite, got " + degrees);
        }
        this.degrees = degrees;
        this.expand = expand;
        this.interpolation = java.util.Objects.requireNonNull(interpolation, "interpolation");
        this.fill = fill;
    }

    /** Quarter turns counter-clockwise (0..3 after reduction), or -1 for a free angle. */
    private int quarterTurns() {
        double q = degrees / 90.0;
        if (q != Math.rint(q)) {
            return -1;
        }
        return (int) Math.floorMod((long) q, 4L);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec in) {
        int q = quarterTurns();
        if (q >= 0) {
            return q % 2 == 1 ? in.withSize(in.height(), in.width()) : in;
        }
        if (!expand) {
            return in;
        }
        double r = Math.toRadians(degrees);
        double c = Math.abs(Math.cos(r));
        double s = Math.abs(Math.sin(r));
        int w = (int) Math.ceil(in.width() * c + in.height() * s - 1e-6);
        int h = (int) Math.ceil(in.width() * s + in.height() * c - 1e-6);
        return in.withSize(Math.max(1, w), Math.max(1, h));
    }

    @Override
    public Frame apply(Frame input) {
        FrameSpec out = outputSpec(input.spec());
        int q = quarterTurns();
        if (q == 0) {
            return input.copy();
        }
        if (q > 0) {
            int code = switch (q) {
                case 1 -> ROTATE_90_COUNTERCLOCKWISE;
                case 2 -> ROTATE_180;
                default -> ROTATE_90_CLOCKWISE;
            };
            return CvFrames.run(input, out, (src, dst) -> rotate(src, dst, code));
        }
        FrameSpec in = input.spec();
        return CvFrames.run(input, out, (src, dst) -> {
            try (Point2f centre = new Point2f((in.width() - 1) / 2f, (in.height() - 1) / 2f);
                 Mat m = getRotationMatrix2D(centre, degrees, 1.0);
                 Size size = new Size(out.width(), out.height());
                 Scalar border = Scalar.all(fill)) {
                // move the rotated centre to the centre of the (possibly larger) output canvas
                var idx = m.createIndexer();
                org.bytedeco.javacpp.indexer.DoubleIndexer d = (org.bytedeco.javacpp.indexer.DoubleIndexer) idx;
                d.put(0, 2, d.get(0, 2) + (out.width() - in.width()) / 2.0);
                d.put(1, 2, d.get(1, 2) + (out.height() - in.height()) / 2.0);
                d.close();
                warpAffine(src, dst, m, size, CvInterpolation.flag(interpolation), BORDER_CONSTANT, border);
            }
        });
    }

    @Override
    public String describe() {
        if (quarterTurns() >= 0) {
            return "rotate(" + Args.num(degrees) + ")";
        }
        return "rotate(" + Args.num(degrees) + ", expand=" + expand + ", interpolation="
                + interpolation.name().toLowerCase() + (fill != 0 ? ", fill=" + Args.num(fill) : "") + ")";
    }
}
