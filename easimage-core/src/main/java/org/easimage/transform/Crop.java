package org.easimage.transform;

import java.nio.ByteBuffer;
import org.easimage.frame.Frame;
import org.easimage.frame.Frames;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;

/**
 * Keeps a rectangle of the frame, given as margins removed from each side ({@link #margins}) or as a rectangle
 * ({@link #rectangle}). A crop that would leave nothing, or a rectangle reaching outside the frame, is rejected
 * by {@link #outputSpec} with an IllegalArgumentException.
 */
public final class Crop implements FrameTransform {

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

    @Override
    public Frame apply(Frame input) {
        FrameSpec in = input.spec();
        int[] r = area(in);
        FrameSpec outSpec = in.withSize(r[2], r[3]);
        Frame out = Frames.allocateLike(input, outSpec);
        int bpp = in.pixelType().bytesPerPixel();
        int rowBytes = outSpec.rowBytes();
        ByteBuffer src = input.buffer();
        ByteBuffer dst = out.buffer();
        for (int row = 0; row < r[3]; row++) {
            int from = (r[1] + row) * in.rowBytes() + r[0] * bpp;
            dst.put(src.slice(from, rowBytes));
        }
        return out;
    }

    @Override
    public String describe() {
        return rect ? "crop(x=" + a + ", y=" + b + ", width=" + c + ", height=" + d + ")"
                : "crop(" + a + ", " + b + ", " + c + ", " + d + ")";
    }
}
