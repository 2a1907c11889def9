package org.easimage.transform;

import org.bytedeco.opencv.global.opencv_imgproc;

/** Resampling methods, mapped to OpenCV's INTER_* flags. AREA is the best choice for shrinking. */
public enum Interpolation {
    NEAREST(opencv_imgproc.INTER_NEAREST),
    LINEAR(opencv_imgproc.INTER_LINEAR),
    AREA(opencv_imgproc.INTER_AREA),
    CUBIC(opencv_imgproc.INTER_CUBIC),
    LANCZOS(opencv_imgproc.INTER_LANCZOS4);

    private final int cv;

    Interpolation(int cv) {
        this.cv = cv;
    }

    /** The OpenCV flag. */
    public int cvFlag() {
        return cv;
    }
}
