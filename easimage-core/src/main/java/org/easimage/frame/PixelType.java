package org.easimage.frame;

/**
 * What one pixel is made of: a channel layout and a sample type.
 *
 * <p>Pixel semantics live here; storage lives in {@link Frame}'s buffer, which is tightly packed, row-major and
 * channel-interleaved (RGB order, never BGR) in native byte order. Keeping the two apart means a format or a
 * transform only asks "how many channels, of which sample type" and never re-implements per layout.
 *
 * <p>The one exception is {@linkplain #isPlanar() planar Y'CbCr} ({@link #YUV420P}, {@link #YUV422P},
 * {@link #YUV444P}): the layout video decoders produce and encoders take, so that a video path that needs no RGB
 * never converts to it. Such a buffer holds the full-size Y plane, then the Cb and Cr planes (each
 * {@code ceil(width / 2^chromaShiftX)} x {@code ceil(height / 2^chromaShiftY)}), each tightly packed; how the
 * samples map to RGB is the spec's {@link YuvEncoding}. Only code that says it takes them ever gets them: a
 * format lists them in its writable types, a transform in {@link FrameTransform#handles}.
 */
public enum PixelType {
    GRAY8(1, SampleType.U8),
    GRAY16(1, SampleType.U16),
    GRAY32F(1, SampleType.F32),
    RGB24(3, SampleType.U8),
    RGB48(3, SampleType.U16),
    RGB96F(3, SampleType.F32),
    RGBA32(4, SampleType.U8),
    RGBA64(4, SampleType.U16),
    /** Planar 8-bit Y'CbCr 4:2:0: chroma planes of half width and half height (rounded up). */
    YUV420P(3, SampleType.U8, 1, 1),
    /** Planar 8-bit Y'CbCr 4:2:2: chroma planes of half width (rounded up), full height. */
    YUV422P(3, SampleType.U8, 1, 0),
    /** Planar 8-bit Y'CbCr 4:4:4: three full-size planes. */
    YUV444P(3, SampleType.U8, 0, 0);

    private final int channels;
    private final SampleType sampleType;
    private final int chromaShiftX;
    private final int chromaShiftY;
    private final boolean planar;

    PixelType(int channels, SampleType sampleType) {
        this.channels = channels;
        this.sampleType = sampleType;
        this.chromaShiftX = 0;
        this.chromaShiftY = 0;
        this.planar = false;
    }

    PixelType(int channels, SampleType sampleType, int chromaShiftX, int chromaShiftY) {
        this.channels = channels;
        this.sampleType = sampleType;
        this.chromaShiftX = chromaShiftX;
        this.chromaShiftY = chromaShiftY;
        this.planar = true;
    }

    /** Number of interleaved channels: 1 (gray), 3 (RGB) or 4 (RGBA). */
    public int channels() {
        return channels;
    }

    public SampleType sampleType() {
        return sampleType;
    }

    /**
     * Bytes of one pixel (all channels) of a packed type.
     *
     * @throws IllegalStateException for planar types, whose pixels have no byte size of their own (see
     *                               {@link FrameSpec#frameBytes()})
     */
    public int bytesPerPixel() {
        if (planar) {
            throw new IllegalStateException(this + " is planar: its samples are not interleaved per pixel");
        }
        return channels * sampleType.bytes();
    }

    /** True for planar Y'CbCr (see the class comment); false for every packed gray/RGB(A) type. */
    public boolean isPlanar() {
        return planar;
    }

    /** log2 of the horizontal chroma subsampling (1 for 4:2:0 and 4:2:2); 0 for packed types. */
    public int chromaShiftX() {
        return chromaShiftX;
    }

    /** log2 of the vertical chroma subsampling (1 for 4:2:0); 0 for packed types. */
    public int chromaShiftY() {
        return chromaShiftY;
    }

    public boolean isGray() {
        return channels == 1;
    }

    /** The packed pixel type with the given channel count and sample type. */
    public static PixelType of(int channels, SampleType sampleType) {
        for (PixelType t : values()) {
            if (!t.planar && t.channels == channels && t.sampleType == sampleType) {
                return t;
            }
        }
        throw new IllegalArgumentException("no pixel type with " + channels + " channel(s) of " + sampleType);
    }

    /** The packed type of the same sample type with another channel count (e.g. GRAY16 to RGB48). */
    public PixelType withChannels(int newChannels) {
        return of(newChannels, sampleType);
    }

    /** The same channels with another sample type (e.g. RGB48 to RGB24). */
    public PixelType withSampleType(SampleType newType) {
        return of(channels, newType);
    }
}
