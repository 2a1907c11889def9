package org.easimage.opencv;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.transform.Interpolation;

/**
 * Factory methods for the transforms that call OpenCV, e.g. {@code CvTransforms.clahe(2.0, 8, 8)
 * .andThen(Transforms.crop(10, 10, 10, 10))} (the plain-Java ones are in {@code org.easimage.transform.Transforms}).
 * Their text forms and command-line options come from {@link CvTransformProvider}.
 */
public final class CvTransforms {

    private CvTransforms() {
    }

    public static FrameTransform clahe(double clipLimit, int tilesX, int tilesY) {
        return new Clahe(clipLimit, tilesX, tilesY);
    }

    public static FrameTransform pad(int width) {
        return new Pad(width, width, width, width, Pad.Mode.CONSTANT, 0);
    }

    public static FrameTransform pad(int top, int bottom, int left, int right, Pad.Mode mode, double value) {
        return new Pad(top, bottom, left, right, mode, value);
    }

    public static FrameTransform gaussian(double sigma) {
        return new GaussianBlur(sigma);
    }

    public static FrameTransform sharpen(double amount, double radius) {
        return new Sharpen(amount, radius);
    }

    /** Counter-clockwise; multiples of 90 are lossless. */
    public static FrameTransform rotate(double degrees) {
        return new Rotate(degrees, false, Interpolation.LINEAR, 0);
    }

    public static FrameTransform rotate(double degrees, boolean expand, Interpolation interpolation, double fill) {
        return new Rotate(degrees, expand, interpolation, fill);
    }

    public static FrameTransform flip(Flip.Axis axis) {
        return new Flip(axis);
    }

    public static FrameTransform resize(double factor, Interpolation interpolation) {
        return Resize.scale(factor, interpolation);
    }

    public static FrameTransform resize(int width, int height, boolean keepAspect, Interpolation interpolation) {
        return Resize.to(width, height, keepAspect, interpolation);
    }

    public static FrameTransform flatField(Frame flat) {
        return FlatField.of(flat);
    }

    public static FrameTransform flatField(double sigma) {
        return FlatField.selfBlur(sigma);
    }

    public static FrameTransform toGray() {
        return new ToGray();
    }
}
