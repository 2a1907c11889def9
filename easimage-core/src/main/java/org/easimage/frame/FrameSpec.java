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
 */
public record FrameSpec(int width, int height, PixelType pixelType, int significantBits) {

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
        // width*height < 2^62 always fits a long; the bound check comes before the last multiply can overflow
        long pixels = (long) width * height;
        long bytes = pixels > MAX_FRAME_BYTES ? Long.MAX_VALUE : pixels * pixelType.bytesPerPixel();
        if (bytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + width + "x" + height + " " + pixelType
                    + " needs more than " + MAX_FRAME_BYTES + " bytes, more than one buffer can hold");
        }
    }

    /** A spec whose samples use all their bits. */
    public FrameSpec(int width, int height, PixelType pixelType) {
        this(width, height, pixelType, pixelType.sampleType().bits());
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

    /** Bytes of one tightly packed row. */
    public int rowBytes() {
        return width * pixelType.bytesPerPixel();
    }

    /** Bytes of the whole frame (fits in an int by construction). */
    public int frameBytes() {
        return rowBytes() * height;
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
                Math.min(significantBits, pixelType.sampleType().bits()));
    }

    public FrameSpec withPixelType(PixelType newType) {
        int bits = newType.sampleType() == pixelType.sampleType() ? significantBits : newType.sampleType().bits();
        return new FrameSpec(width, height, newType, bits);
    }

    public FrameSpec withSignificantBits(int bits) {
        return new FrameSpec(width, height, pixelType, bits);
    }

    /** Same geometry and pixel type (significant bits aside). */
    public boolean sameLayout(FrameSpec other) {
        return width == other.width && height == other.height && pixelType == other.pixelType;
    }

    /** Short human form, e.g. {@code 640x480 GRAY16 (12-bit)}. */
    @Override
    public String toString() {
        String s = width + "x" + height + " " + pixelType;
        return significantBits == pixelType.sampleType().bits() ? s : s + " (" + significantBits + "-bit)";
    }
}
