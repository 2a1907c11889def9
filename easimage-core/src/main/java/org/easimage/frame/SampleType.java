package org.easimage.frame;

/** The numeric type of one sample (one channel of one pixel). */
public enum SampleType {
    /** Unsigned 8-bit integer, 0..255. */
    U8(1, 255),
    /** Unsigned 16-bit integer, 0..65535, stored in native byte order. */
    U16(2, 65535),
    /** 32-bit IEEE float, stored in native byte order; no fixed range. */
    F32(4, 1.0);

    private final int bytes;
    private final double maxValue;

    SampleType(int bytes, double maxValue) {
        this.bytes = bytes;
        this.maxValue = maxValue;
    }

    /** Bytes one sample occupies. */
    public int bytes() {
        return bytes;
    }

    /** Full-scale value: 255, 65535, or 1.0 for floats (by convention, not a limit). */
    public double maxValue() {
        return maxValue;
    }

    /** Bits one sample occupies. */
    public int bits() {
        return bytes * 8;
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return this != F32;
    }
}
