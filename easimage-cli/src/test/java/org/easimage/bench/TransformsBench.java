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
import org.easimage.opencv.CvFrames;
import org.easimage.transform.Interpolation;
import org.easimage.frame.IntoTransform;
import org.easimage.transform.Transforms;

/**
 * The cost our transform layer adds to OpenCV, on the same 1024x1024 GRAY8 and GRAY16 frames in the same run
 * (interleaved repetitions, medians):
 * <ul>
 *   <li><b>wrap</b>: {@code applyInto} on direct frames (the zero-copy path: the Mats share the frames' memory)
 *       against the raw OpenCV call on Mats pre-allocated over the same memory. This is the wrapping overhead
 *       (target ratio &lt;= 1.2).</li>
 *   <li><b>heap</b>: {@code apply} on an ordinary heap frame, allocating the output frame, against the same raw
 *       call. It adds a copy in and out of native memory (a heap array cannot be lent to native code) and the
 *       output allocation: shown so users know what the default frames cost.</li>
 * </ul>
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
        System.out.printf("%-20s %-7s %9s %9s %10s %9s %10s%n", "op", "type", "opencv ms", "wrap ms",
                "ratio-wrap", "heap ms", "ratio-heap");
        for (PixelType type : new PixelType[] {PixelType.GRAY8, PixelType.GRAY16}) {
            Frame heap = frame(type);
            Frame direct = Frames.allocateDirect(heap.spec(), 0);
            direct.buffer().put(heap.buffer());
            CLAHE clahe = createCLAHE(2.0, new Size(8, 8));
            run("clahe(2, 8x8)", heap, direct, org.easimage.opencv.CvTransforms.clahe(2.0, 8, 8), clahe::apply, reps);
            run("gaussian(2)", heap, direct, org.easimage.opencv.CvTransforms.gaussian(2), (s, d) -> GaussianBlur(s, d, new Size(0, 0), 2),
                    reps);
            run("resize 512 AREA", heap, direct, org.easimage.opencv.CvTransforms.resize(512, 512, false, Interpolation.AREA),
                    (s, d) -> resize(s, d, new Size(512, 512), 0, 0, INTER_AREA), reps);
            run("resize 2048 LINEAR", heap, direct, org.easimage.opencv.CvTransforms.resize(2048, 2048, false, Interpolation.LINEAR),
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

    static void run(String label, Frame heap, Frame direct, FrameTransform t, Raw raw, int reps) {
        FrameSpec out = t.outputSpec(direct.spec());
        IntoTransform it = (IntoTransform) t;
        Frame directOut = Frames.allocateDirect(out, 0);
        Frame rawOut = Frames.allocateDirect(out, 0);
        Mat src = CvFrames.wrap(direct);
        Mat dst = CvFrames.wrap(rawOut);
        for (int i = 0; i < 15; i++) {
            it.applyInto(direct, directOut);
            t.apply(heap);
            raw.run(src, dst);
        }
        double[] cv = new double[reps];
        double[] wrap = new double[reps];
        double[] onHeap = new double[reps];
        for (int i = 0; i < reps; i++) {
            // interleaved, so machine noise hits every side alike
            long a = System.nanoTime();
            raw.run(src, dst);
            long b = System.nanoTime();
            it.applyInto(direct, directOut);
            long c = System.nanoTime();
            Frame o = t.apply(heap);
            long d = System.nanoTime();
            cv[i] = (b - a) / 1e6;
            wrap[i] = (c - b) / 1e6;
            onHeap[i] = (d - c) / 1e6;
            if (o.width() != out.width()) {
                throw new AssertionError();
            }
        }
        if (Frames.crc32(directOut) != Frames.crc32(rawOut)) {
            throw new AssertionError(label + ": our result differs from OpenCV's");
        }
        double mc = median(cv);
        double mw = median(wrap);
        double mh = median(onHeap);
        System.out.printf("%-20s %-7s %9.3f %9.3f %10.2f %9.3f %10.2f%n", label, heap.pixelType(), mc, mw, mw / mc,
                mh, mh / mc);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
