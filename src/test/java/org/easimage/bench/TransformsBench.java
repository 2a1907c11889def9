package org.easimage.bench;

import static org.bytedeco.opencv.global.opencv_imgproc.*;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.PixelType;
import org.easimage.frame.Frames;
import org.easimage.transform.CvFrames;
import org.easimage.transform.Interpolation;
import org.easimage.transform.IntoTransform;
import org.easimage.transform.Transforms;

/**
 * Our FrameTransform.apply (output frame allocated on every call) against the raw OpenCV call on pre-allocated
 * Mats, on the same 1024x1024 GRAY8 and GRAY16 frames, in the same run. Prints medians and the ratio ours/OpenCV,
 * the median cost of {@code Frames.allocate} of the output alone, and {@code applyInto} a reused output frame.
 * Args: [reps] (default 60).
 */
public final class TransformsBench {

    private TransformsBench() {
    }

    interface Raw {
        void run(Mat src, Mat dst);
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.printf("%-20s %-7s %9s %9s %7s %11s %9s %10s%n", "op", "type", "apply ms", "opencv ms",
                "ratio", "alloc-only", "into ms", "ratio-into");
        for (PixelType type : new PixelType[] {PixelType.GRAY8, PixelType.GRAY16}) {
            Frame f = frame(type);
            CLAHE clahe = createCLAHE(2.0, new Size(8, 8));
            run("clahe(2, 8x8)", f, Transforms.clahe(2.0, 8, 8), clahe::apply, reps);
            run("gaussian(2)", f, Transforms.gaussian(2), (s, d) -> GaussianBlur(s, d, new Size(0, 0), 2), reps);
            run("resize 512 AREA", f, Transforms.resize(512, 512, false, Interpolation.AREA),
                    (s, d) -> resize(s, d, new Size(512, 512), 0, 0, INTER_AREA), reps);
            run("resize 2048 LINEAR", f, Transforms.resize(2048, 2048, false, Interpolation.LINEAR),
                    (s, d) -> resize(s, d, new Size(2048, 2048), 0, 0, INTER_LINEAR), reps);
        }
    }

    /** A camera-like frame: smooth gradient and blobs plus noise, deterministic. */
    static Frame frame(PixelType type) {
        FrameSpec spec = FrameSpec.of(1024, 1024, type);
        Frame f = Frames.allocate(spec);
        Random r = new Random(42);
        double max = spec.maxSampleValue();
        for (int y = 0; y < 1024; y++) {
            for (int x = 0; x < 1024; x++) {
                double v = 0.3 + 0.2 * Math.sin(x / 60.0) * Math.cos(y / 45.0) + 0.1 * (x + y) / 2048.0
                        + 0.05 * r.nextGaussian();
                f.setSample(x, y, 0, v * max);
            }
        }
        return f;
    }

    static void run(String label, Frame f, FrameTransform t, Raw raw, int reps) {
        FrameSpec out = t.outputSpec(f.spec());
        Frame dstFrame = Frames.allocate(out);
        Mat src = CvFrames.wrap(f);
        Mat dst = CvFrames.wrap(dstFrame);
        for (int i = 0; i < 15; i++) {
            t.apply(f);
            raw.run(src, dst);
        }
        double[] ours = new double[reps];
        double[] cv = new double[reps];
        double[] alloc = new double[reps];
        double[] into = new double[reps];
        IntoTransform it = (IntoTransform) t;
        Frame reused = Frames.allocate(out);
        for (int i = 0; i < reps; i++) {
            // interleaved, so machine noise hits both sides alike
            long a = System.nanoTime();
            Frame o = t.apply(f);
            long b = System.nanoTime();
            raw.run(src, dst);
            long c = System.nanoTime();
            Frames.allocate(out);
            long d = System.nanoTime();
            alloc[i] = (d - c) / 1e6;
            it.applyInto(f, reused);
            into[i] = (System.nanoTime() - d) / 1e6;
            ours[i] = (b - a) / 1e6;
            cv[i] = (c - b) / 1e6;
            if (o.width() != out.width()) {
                throw new AssertionError();
            }
        }
        double mo = median(ours);
        double mc = median(cv);
        double ma = median(alloc);
        double mi = median(into);
        // ratio-into: our transform layer alone, writing into a reused output frame (no fresh direct buffer)
        System.out.printf("%-20s %-7s %9.3f %9.3f %7.2f %11.3f %9.3f %10.2f%n", label, f.pixelType(), mo, mc,
                mo / mc, ma, mi, mi / mc);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
