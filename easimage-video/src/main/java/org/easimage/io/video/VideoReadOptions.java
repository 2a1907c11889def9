package org.easimage.io.video;

import org.easimage.io.FormatOptions;

/**
 * Video-specific read options, passed with {@code ReadOptions.with(...)}.
 *
 * @param output         which pixel type frames are delivered in
 * @param decoderThreads decoder threads; 0 lets FFmpeg choose
 */
public record VideoReadOptions(Output output, int decoderThreads) implements FormatOptions {

    /** Pixel output of the reader. Bit depth always follows the source (8 bits, else 16 with significant bits). */
    public enum Output {
        /** Gray sources (e.g. FFV1 gray, H.264 4:0:0) give GRAY8/GRAY16; everything else RGB24/RGB48. */
        AUTO,
        /** Always RGB24, or RGB48 for sources with more than 8 bits. */
        RGB,
        /** Luma only: the Y plane of YUV sources expanded to full range; RGB sources are converted to gray. */
        GRAY
    }

    public VideoReadOptions {
        if (output == null) {
            throw new IllegalArgumentException("output is null");
        }
        if (decoderThreads < 0) {
            throw new IllegalArgumentException("decoderThreads must be >= 0, got " + decoderThreads);
        }
    }

    /** AUTO output, FFmpeg's thread choice. */
    public static VideoReadOptions defaults() {
        return new VideoReadOptions(Output.AUTO, 0);
    }

    public VideoReadOptions withOutput(Output o) {
        return new VideoReadOptions(o, decoderThreads);
    }

    public VideoReadOptions withDecoderThreads(int n) {
        return new VideoReadOptions(output, n);
    }
}
