package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.*;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.transform.Args;

/**
 * Flat-field correction {@code out = in / flat * mean(flat)}, computed in float and saturated back to the input
 * type. The flat is a given frame (same size; gray or same channel count), or, without one, a Gaussian blur of
 * the frame itself with a large sigma (illumination estimate). Flat values below 1e-6 count as 1e-6 (no
 * division by zero). For colour frames the mean is taken over all channels, so the flat also white-balances.
 */
public final class FlatField implements FrameTransform {

    private final Frame flat;
    private final double sigma;

    private FlatField(Frame flat, double sigma) {
        this.flat = flat;
        this.sigma = sigma;
    }

    /** Divides by a given flat frame (kept by reference: it must not be modified afterwards). */
    public static FlatField of(Frame flat) {
        return new FlatField(java.util.Objects.requireNonNull(flat, "flat"), 0);
    }

    /** Divides by a Gaussian blur (standard deviation {@code sigma} pixels) of each frame. */
    public static FlatField selfBlur(double sigma) {
        return new FlatField(null, GaussianBlur.checkSigma("flatfield", "sigma", sigma));
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        if (flat != null) {
            FrameSpec f = flat.spec();
            if (f.width() != input.width() || f.height() != input.height()
                    || (f.channels() != 1 && f.channels() != input.channels())) {
                throw new IllegalArgumentException("flatfield: flat frame " + f + " does not fit frames " + input);
            }
        }
        return input;
    }

    @Override
    public Frame apply(Frame input) {
        FrameSpec spec = outputSpec(input.spec());
        int ch = spec.channels();
        int outType = CvFrames.cvType(spec);
        return CvFrames.run(input, spec, (src, dst) -> {
            try (Mat f32 = new Mat(); Mat q = new Mat()) {
                src.convertTo(f32, CV_32F);
                if (flat == null) {
                    try (Mat blur = new Mat(); Size k = new Size(0, 0)) {
                        GaussianBlur(f32, blur, k, sigma);
                        divide(f32, blur, q, floorAndMean(blur, ch), -1);
                    }
                } else {
                    Prepared p = prepared(ch);
                    divide(f32, p.flat32(), q, p.mean(), -1);
                }
                q.convertTo(dst, outType);
            }
        });
    }

    /** A given flat in float with the frames' channel count, floored, and its mean: the same for every frame. */
    private record Prepared(int channels, Mat flat32, double mean) {
    }

    private volatile Prepared prepared;

    /** Prepares the given flat once per channel count (OpenCV only reads it afterwards, from any thread). */
    private Prepared prepared(int ch) {
        Prepared p = prepared;
        if (p != null && p.channels() == ch) {
            return p;
        }
        synchronized (this) {
            p = prepared;
            if (p == null || p.channels() != ch) {
                Mat flat32 = new Mat();
                try (Mat fm = CvFrames.wrap(flat); Mat tmp = new Mat()) {
                    fm.convertTo(tmp, CV_32F);
                    if (tmp.channels() != ch) {
                        try (MatVector v = new MatVector(ch)) {
                            for (int i = 0; i < ch; i++) {
                                v.put(i, tmp);
                            }
                            merge(v, flat32);
                        }
                    } else {
                        tmp.copyTo(flat32);
                    }
                }
                p = new Prepared(ch, flat32, floorAndMean(flat32, ch));
                prepared = p;
            }
            return p;
        }
    }

    /** Floors {@code flat32} at 1e-6 in place (no division by zero) and returns its mean over all channels. */
    private static double floorAndMean(Mat flat32, int ch) {
        try (Scalar e = Scalar.all(1e-6); Mat floor = new Mat(flat32.size(), flat32.type(), e)) {
            max(flat32, floor, flat32);
        }
        Scalar m = mean(flat32);
        double sum = 0;
        for (int i = 0; i < ch; i++) {
            sum += m.get(i);
        }
        return sum / ch;
    }

    @Override
    public String describe() {
        return flat == null ? "flatfield(" + Args.num(sigma) + ")" : "flatfield(<frame " + flat.spec() + ">)";
    }
}
