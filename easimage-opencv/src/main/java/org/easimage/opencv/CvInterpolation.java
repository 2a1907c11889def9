package org.easimage.opencv;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.easimage.transform.Interpolation;

/** OpenCV's INTER_* flag of each {@link Interpolation}: the mapping lives here, not in the public enum. */
final class CvInterpolation {

    private CvInterpolation() {
    }

    static int flag(Interpolation i) {
        return switch (i) {
            case NEAREST -> opencv_imgproc.INTER_NEAREST;
            case LINEAR -> opencv_imgproc.INTER_LINEAR;
            case AREA -> opencv_imgproc.INTER_AREA;
            case CUBIC -> opencv_imgproc.INTER_CUBIC;
            case LANCZOS -> opencv_imgproc.INTER_LANCZOS4;
        };
    }
}
