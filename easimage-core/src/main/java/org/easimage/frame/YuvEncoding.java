package org.easimage.frame;

import java.util.Objects;

/**
 * How the samples of a planar Y'CbCr frame ({@link PixelType#isPlanar()}) map to RGB: the matrix of the colour
 * standard and whether the codes span the full range (0..255) or the studio range (Y 16..235, Cb/Cr 16..240).
 * Part of such a frame's {@link FrameSpec}, so a frame is never interpreted with another matrix than the one it was
 * decoded with.
 *
 * @param matrix    the Y'CbCr matrix
 * @param fullRange true for full-range (JPEG, "pc") codes, false for studio ("tv", limited) range
 */
public record YuvEncoding(Matrix matrix, boolean fullRange) {

    /** The Y'CbCr matrices video uses. */
    public enum Matrix {
        /** ITU-R BT.601 (also what FFmpeg assumes when a stream states none). */
        BT601,
        /** ITU-R BT.709. */
        BT709,
        /** US FCC. */
        FCC,
        /** SMPTE 240M. */
        SMPTE240M,
        /** ITU-R BT.2020 (non-constant luminance). */
        BT2020
    }

    /** BT.601 in studio range: what a video without colour tags holds. */
    public static final YuvEncoding BT601_LIMITED = new YuvEncoding(Matrix.BT601, false);

    public YuvEncoding {
        Objects.requireNonNull(matrix, "matrix");
    }

    /* Written out for the reason FrameSpec's are (a spec holds its encoding). */
    @Override
    public boolean equals(Object o) {
        return o instanceof YuvEncoding e && matrix == e.matrix && fullRange == e.fullRange;
    }

    @Override
    public int hashCode() {
        return matrix.hashCode() * 2 + (fullRange ? 1 : 0);
    }

    @Override
    public String toString() {
        return matrix + (fullRange ? " full range" : " limited range");
    }
}
