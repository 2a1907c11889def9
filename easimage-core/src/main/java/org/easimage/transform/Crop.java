package org.easimage.transform;

import java.nio.ByteBuffer;
import org.easimage.frame.IntoTransform;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;

/**
 * Keeps a rectangle of the frame, given as margins removed from each side ({@link #margins}) or as a rectangle
 * ({@link #rectangle}). A crop that would leave nothing, or a rectangle reaching outside the frame, is rejected
 * by {@link #outputSpec} with an IllegalArgumentException.
 */
public final class Crop implements IntoTransform {

    private final int a;
    private final int b;
    private final int c;
    private final int d;
    private final boolean rect;

    private Crop(int a, int b, int c, int d, boolean rect) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("crop: values must be >= 0, got " + a + ", " + b + ", " + c + ", " + d);
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.rect = rect;
    }

    /** Removes the given number of pixels from each side. */
    public static Crop margins(int top, int bottom, int left, int right) {
        return new Crop(top, bottom, left, right, false);
    }

    /** Keeps {@code width x height} pixels from (x, y), the top-left corner. */
    public static Crop rectangle(int x, int y, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("crop: rectangle must be at least 1x1, got " + width + "x" + height);
        }
        return new Crop(x, y, width, height, true);
    }

    /** {x, y, width, height} of the kept area in a frame of this spec. */
    private int[] area(FrameSpec in) {
        int x;
        int y;
        int w;
        int h;
        if (rect) {
            x = a;
            y = b;
            w = c;
            h = d;
            if ((long) x + w > in.width() || (long) y + h > in.height()) {
                throw new IllegalArgumentException("crop rectangle " + w + "x" + h + " at (" + x + ", " + y
                        + ") reaches outside the " + in + " frame");
            }
        } else {
            x = c;
            y = a;
            w = (int) Math.max(0, in.width() - (long) c - d);
            h = (int) Math.max(0, in.height() - (long) a - b);
            if (w < 1 || h < 1) {
                throw new IllegalArgumentException("crop margins top=" + a + " bottom=" + b + " left=" + c
                        + " right=" + d + " leave nothing of the " + in + " frame");
            }
        }
        return new int[] {x, y, w, h};
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        int[] r = area(input);
        return input.withSize(r[2], r[3]);
    }

    /** Planar Y'CbCr too, when the kept area starts on the chroma grid (so every chroma sample it keeps is whole). */
    @Override
    public boolean handles(FrameSpec input) {
        if (!input.pixelType().isPlanar()) {
            return true;
        }
        int[] r = area(input);
        return r[0] % (1 << input.pixelType().chromaShiftX()) == 0 && r[1] % (1 << input.pixelType().chromaShiftY()) == 0;
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        FrameSpec in = input.spec();
        int[] r = area(in);
        FrameSpec outSpec = in.withSize(r[2], r[3]);
        if (!output.spec().sameLayout(outSpec)) {
            throw new IllegalArgumentException(describe() + ": output frame " + output.spec() + " should be " + outSpec);
        }
        ByteBuffer src = input.buffer();
        ByteBuffer dst = output.buffer();
        if (in.pixelType().isPlanar()) {
            for (int p = 0; p < 3; p++) {
                int x = p == 0 ? r[0] : r[0] >> in.pixelType().chromaShiftX();
                int y = p == 0 ? r[1] : r[1] >> in.pixelType().chromaShiftY();
                int w = outSpec.planeWidth(p);
                for (int row = 0; row < outSpec.planeHeight(p); row++) {
                    dst.put(outSpec.planeOffset(p) + row * w, src,
                            in.planeOffset(p) + (y + row) * in.planeWidth(p) + x, w);
                }
            }
        } else {
            int bpp = in.pixelType().bytesPerPixel();
            int rowBytes = outSpec.rowBytes();
            for (int row = 0; row < r[3]; row++) {
                dst.put(row * rowBytes, src, (r[1] + row) * in.rowBytes() + r[0] * bpp, rowBytes);
            }
        }
        return output.withPositionOf(input);
    }

    @Override
    public String describe() {
        return rect ? "crop(x=" + a + ", y=" + b + ", width=" + c + ", height=" + d + ")"
                : "crop(" + a + ", " + b + ", " + c + ", " + d + ")";
    }
}
