package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import org.bytedeco.opencv.opencv_core.Size;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.transform.Args;
import org.easimage.frame.IntoTransform;

/**
 * Gaussian blur with standard deviation {@code sigma} pixels; the kernel size is derived from sigma by OpenCV
 * (about 6 sigma for 8-bit, 8 sigma otherwise, odd). Borders are reflected (OpenCV's default).
 */
public final class GaussianBlur implements IntoTransform {

    /**
     * The largest sigma any blur takes (gaussian, sharpen, flatfield): OpenCV's kernel is about 8 sigma wide,
     * so 1000 is a 8001-tap kernel, wider than most frames; far larger sigmas overflow OpenCV's kernel size.
     */
    public static final double MAX_SIGMA = 1000;

    private final double sigma;

    public GaussianBlur(double sigma) {
        this.sigma = checkSigma("gaussian", "sigma", sigma);
    }

    /** {@code sigma} when it is in (0, {@link #MAX_SIGMA}], else an error naming the transform and the range. */
    static double checkSigma(String transform, String argument, double sigma) {
        if (!(sigma > 0 && sigma <= MAX_SIGMA)) {
            throw new IllegalArgumentException(transform + ": " + argument + " must be in (0, " + Args.num(MAX_SIGMA)
                    + "] pixels, got " + Args.num(sigma));
        }
        return sigma;
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        return input;
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        return CvFrames.runInto(input, output, (src, dst) -> {
            try (Size k = new Size(0, 0)) {
                GaussianBlur(src, dst, k, sigma);
            }
        });
    }

    @Override
    public String describe() {
        return "gaussian(" + Args.num(sigma) + ")";
    }
}
