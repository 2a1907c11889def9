package org.easimage.frame;

/**
 * What one pixel is made of: a channel layout and a sample type.
 *
 * <p>Pixel semantics live here; storage lives in {@link Frame}'s buffer, which is always tightly packed,
 * row-major and channel-interleaved (RGB order, never BGR) in native byte order. Keeping the two apart means a
 * format or a transform only asks "how many channels, of which sample type" and never re-implements per layout.
 */
public enum PixelType {
    GRAY8(1, SampleType.U8),
    GRAY16(1, SampleType.U16),
    GRAY32F(1, SampleType.F32),
    RGB24(3, SampleType.U8),
    RGB48(3, SampleType.U16),
    RGB96F(3, SampleType.F32),
    RGBA32(4, SampleType.U8),
    RGBA64(4, SampleType.U16);

    private final int channels;
    private final SampleType sampleType;

    PixelType(int channels, SampleType sampleType) {
        this.channels = channels;
        this.sampleType = sampleType;
    }

    /** Number of interleaved channels: 1 (gray), 3 (RGB) or 4 (RGBA). */
    public int channels() {
        return channels;
    }

    public SampleType sampleType() {
        return sampleType;
    }

    /** Bytes of one pixel (all channels). */
    public int bytesPerPixel() {
        return channels * sampleType.bytes();
    }

    public boolean isGray() {
        return channels == 1;
    }

    /** The pixel type with the given channel count and sample type. */
    public static PixelType of(int channels, SampleType sampleType) {
        for (PixelType t : values()) {
            if (t.channels == channels && t.sampleType == sampleType) {
                return t;
            }
        }
        throw new IllegalArgumentException("no pixel type with " + channels + " channel(s) of " + sampleType);
    }

    /** The same sample type with another channel count (e.g. GRAY16 to RGB48). */
    public PixelType withChannels(int newChannels) {
        return of(newChannels, sampleType);
    }

    /** The same channels with another sample type (e.g. RGB48 to RGB24). */
    public PixelType withSampleType(SampleType newType) {
        return of(channels, newType);
    }
}
