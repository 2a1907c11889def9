package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.transform.Args;
import org.easimage.frame.IntoTransform;

/**
 * Unsharp mask: {@code out = in + amount * (in - gaussian(in, radius))}, saturated to the pixel type's range.
 */
public final class Sharpen implements IntoTransform {

    /**
     * The blurred copy, one per thread and reused (OpenCV keeps its memory while size and type repeat): a new one
     * per frame was a fresh mapping of a frame's size, paid again in page faults on every frame.
     */
    private static final ThreadLocal<Mat> BLUR = ThreadLocal.withInitial(Mat::new);

    private final double amount;
    private final double radius;

    /** @param amount strength (0.5..2 typical); @param radius sigma of the blur in pixels */
    public Sharpen(double amount, double radius) {
        if (!(amount >= 0) || !Double.isFinite(amount)) {
            throw new IllegalArgumentException("sharpen: need a finite amount >= 0, got " + amount);
        }
        this.amount = amount;
        this.radius = GaussianBlur.checkSigma("sharpen", "radius", radius);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        return input;
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        return CvFrames.runInto(input, output, (src, dst) -> {
            Mat blur = BLUR.get();
            try (Size k = new Size(0, 0)) {
                GaussianBlur(src, blur, k, radius);
                addWeighted(src, 1 + amount, blur, -amount, 0, dst);
            }
        });
    }

    @Override
    public String describe() {
        return "sharpen(" + Args.num(amount) + ", " + Args.num(radius) + ")";
    }
}
