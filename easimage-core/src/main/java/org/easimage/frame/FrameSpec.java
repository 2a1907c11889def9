package org.easimage.frame;

import java.util.Objects;

/**
 * The geometry and pixel type of a frame: width x height pixels of a {@link PixelType}, with the number of
 * significant bits per sample (e.g. 12 for a 12-bit camera stored in 16-bit samples).
 *
 * <p>All size arithmetic is done here, once, in {@code long} with overflow checks, so that no reader can compute
 * a negative or wrapped buffer size from a hostile header.
 *
 * @param width        pixels per row, at least 1
 * @param height       rows, at least 1
 * @param pixelType    channel layout and sample type
 * @param significantBits significant bits per sample, 1..the sample's bit width (32 for floats)
 * @param yuv          how planar Y'CbCr samples map to RGB: set for {@linkplain PixelType#isPlanar() planar} types
 *                     (BT.601 limited range when given as null), always null for packed types
 */
public record FrameSpec(int width, int height, PixelType pixelType, int significantBits, YuvEncoding yuv) {

    /** The largest frame a single buffer can hold (a Java buffer is indexed by int). */
    public static final long MAX_FRAME_BYTES = Integer.MAX_VALUE - 64;

    public FrameSpec {
        Objects.requireNonNull(pixelType, "pixelType");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        int max = pixelType.sampleType().bits();
        if (significantBits <= 0 || significantBits > max) {
            throw new IllegalArgumentException(
                    "significant bits must be 1.." + max + " for " + pixelType + ", got " + significantBits);
        }
        yuv = pixelType.isPlanar() ? (yuv != null ? yuv : YuvEncoding.BT601_LIMITED) : null;
        // width*height < 2^62 always fits a long; the bound check comes before the last multiply can overflow
        long pixels = (long) width * height;
        long bytes = pixels > MAX_FRAME_BYTES ? Long.MAX_VALUE : bytes(width, height, pixelType);
        if (bytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + width + "x" + height + " " + pixelType
                    + " needs more than " + MAX_FRAME_BYTES + " bytes, more than one buffer can hold");
        }
    }

    /** A spec whose samples use all their bits (planar types: BT.601 limited range). */
    public FrameSpec(int width, int height, PixelType pixelType) {
        this(width, height, pixelType, pixelType.sampleType().bits());
    }

    /** A spec with the given significant bits (planar types: BT.601 limited range). */
    public FrameSpec(int width, int height, PixelType pixelType, int significantBits) {
        this(width, height, pixelType, significantBits, null);
    }

    /** A planar Y'CbCr spec (8-bit samples) with its encoding. */
    public static FrameSpec planar(int width, int height, PixelType planarType, YuvEncoding yuv) {
        if (!planarType.isPlanar()) {
            throw new IllegalArgumentException(planarType + " is not a planar type");
        }
        return new FrameSpec(width, height, planarType, 8, Objects.requireNonNull(yuv, "yuv"));
    }

    private static long bytes(int width, int height, PixelType t) {
        long luma = (long) width * height * (t.isPlanar() ? 1 : t.bytesPerPixel());
        return t.isPlanar() ? luma + 2L * chromaSize(width, t.chromaShiftX()) * chromaSize(height, t.chromaShiftY())
                : luma;
    }

    private static int chromaSize(int size, int shift) {
        return (int) (((long) size + (1L << shift) - 1) >> shift);
    }

    /** Width of plane {@code p} (0 = Y, 1 = Cb, 2 = Cr) of a planar frame; the frame's width for packed types. */
    public int planeWidth(int p) {
        return p == 0 ? width : chromaSize(width, pixelType.chromaShiftX());
    }

    /** Height of plane {@code p} of a planar frame; the frame's height for packed types. */
    public int planeHeight(int p) {
        return p == 0 ? height : chromaSize(height, pixelType.chromaShiftY());
    }

    /** Byte offset of plane {@code p} in a planar frame's buffer (0 for plane 0 and for packed types). */
    public int planeOffset(int p) {
        return p == 0 ? 0 : width * height + (p - 1) * planeWidth(1) * planeHeight(1);
    }

    public static FrameSpec of(int width, int height, PixelType pixelType) {
        return new FrameSpec(width, height, pixelType);
    }

    public int channels() {
        return pixelType.channels();
    }

    public SampleType sampleType() {
        return pixelType.sampleType();
    }

    /** Bytes of one tightly packed row (of the Y plane, for planar types). */
    public int rowBytes() {
        return pixelType.isPlanar() ? width : width * pixelType.bytesPerPixel();
    }

    /** Bytes of the whole frame, all planes (fits in an int by construction). */
    public int frameBytes() {
        return (int) bytes(width, height, pixelType);
    }

    /** Samples in the whole frame (width x height x channels). */
    public int sampleCount() {
        return width * height * channels();
    }

    /** Largest value a sample can hold given its significant bits (1.0 for floats). */
    public double maxSampleValue() {
        return sampleType().isInteger() ? (1L << significantBits) - 1 : 1.0;
    }

    public FrameSpec withSize(int newWidth, int newHeight) {
        return new FrameSpec(newWidth, newHeight, pixelType,
                Math.min(significantBits, pixelType.sampleType().bits()), yuv);
    }

    /** The same geometry with another pixel type (a planar type keeps this spec's encoding, if it has one). */
    public FrameSpec withPixelType(PixelType newType) {
        int bits = newType.sampleType() == pixelType.sampleType() ? significantBits : newType.sampleType().bits();
        return new FrameSpec(width, height, newType, bits, yuv);
    }

    public FrameSpec withSignificantBits(int bits) {
        return new FrameSpec(width, height, pixelType, bits, yuv);
    }

    /** Same geometry, pixel type and (for planar types) encoding, significant bits aside. */
    public boolean sameLayout(FrameSpec other) {
        return width == other.width && height == other.height && pixelType == other.pixelType
                && Objects.equals(yuv, other.yuv);
    }

    /*
     * equals and hashCode written out, with the record's meaning (every component): the record's own are built at
     * first use from method handles, which cost start-up time, and a frame pool compares specs for every frame, in
     * code the JIT then compiled several times over (about half a second of compilation per run).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FrameSpec s && sameLayout(s) && significantBits == s.significantBits;
    }

    @Override
    public int hashCode() {
        return (((width * 31 + height) * 31 + pixelType.hashCode()) * 31 + significantBits) * 31
                + Objects.hashCode(yuv);
    }

    /** Short human form, e.g. {@code 640x480 GRAY16 (12-bit)}, {@code 1280x720 YUV420P (BT601 limited range)}. */
    @Override
    public String toString() {
        String s = width + "x" + height + " " + pixelType;
        if (yuv != null) {
            return s + " (" + yuv + ")";
        }
        return significantBits == pixelType.sampleType().bits() ? s : s + " (" + significantBits + "-bit)";
    }
}
