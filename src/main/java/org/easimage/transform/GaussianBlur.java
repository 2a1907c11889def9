package org.easimage.transform;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import org.bytedeco.opencv.opencv_core.Size;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;

/**
 * Gaussian blur with standard deviation {@code sigma} pixels; the kernel size is derived from sigma by OpenCV
 * (about 6 sigma for 8-bit, 8 sigma otherwise, odd). Borders are reflected (OpenCV's default).
 */
public final class GaussianBlur implements IntoTransform {

    private final double sigma;

    public GaussianBlur(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("gaussian: sigma must be positive, got " + sigma);
        }
        this.sigma = sigma;
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
