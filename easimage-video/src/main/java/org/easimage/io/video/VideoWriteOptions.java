package org.easimage.io.video;

import java.util.Map;

import org.easimage.io.FormatOptions;

/**
 * Video-specific write options, passed with {@code WriteOptions.with(...)}. Every field may be left at its
 * "default" value (null or 0), in which case the writer picks the codec's documented default (see docs/video.md).
 *
 * @param codec              the codec; null for the destination extension's default
 * @param encoderName        an FFmpeg encoder name overriding the codec's (e.g. {@code libopenh264}); null for none
 * @param crf                constant-rate factor of the encoders that have one (x264/x265 0..51, VP9 0..63,
 *                           lower is better); overrides {@code WriteOptions.quality()}; null for none. Other
 *                           encoders (MJPEG, MPEG-4, FFV1) refuse it: their quality is {@code quality()}
 * @param bitRate            target bit rate in bit/s; 0 for quality-driven encoding
 * @param preset             encoder preset, e.g. {@code medium} (x264/x265); encoders without presets refuse it;
 *                           null for the default
 * @param pixelFormat        FFmpeg pixel format name of the encoded stream, e.g. {@code yuv444p}; null for default
 * @param keyframeInterval   frames between keyframes (GOP); 0 for the default (1 s of frames; 1 for FFV1)
 * @param encoderThreads     encoder threads; 0 lets FFmpeg choose
 * @param strict             true: refuse (typed exception) instead of padding odd sizes or ignoring options
 * @param extraCodecOptions  further encoder options passed to FFmpeg as-is (e.g. {@code tune=grain})
 */
public record VideoWriteOptions(VideoCodec codec, String encoderName, Integer crf, long bitRate, String preset,
        String pixelFormat, int keyframeInterval, int encoderThreads, boolean strict,
        Map<String, String> extraCodecOptions) implements FormatOptions {

    public VideoWriteOptions {
        if (bitRate < 0 || keyframeInterval < 0 || encoderThreads < 0) {
            throw new IllegalArgumentException("bitRate, keyframeInterval and encoderThreads must be >= 0");
        }
        extraCodecOptions = extraCodecOptions == null ? Map.of() : Map.copyOf(extraCodecOptions);
    }

    /** Everything at the codec's defaults. */
    public static VideoWriteOptions defaults() {
        return new VideoWriteOptions(null, null, null, 0, null, null, 0, 0, false, Map.of());
    }

    public VideoWriteOptions withCodec(VideoCodec c) {
        return new VideoWriteOptions(c, encoderName, crf, bitRate, preset, pixelFormat, keyframeInterval,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withEncoderName(String name) {
        return new VideoWriteOptions(codec, name, crf, bitRate, preset, pixelFormat, keyframeInterval,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withCrf(Integer c) {
        return new VideoWriteOptions(codec, encoderName, c, bitRate, preset, pixelFormat, keyframeInterval,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withBitRate(long b) {
        return new VideoWriteOptions(codec, encoderName, crf, b, preset, pixelFormat, keyframeInterval,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withPreset(String p) {
        return new VideoWriteOptions(codec, encoderName, crf, bitRate, p, pixelFormat, keyframeInterval,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withPixelFormat(String p) {
        return new VideoWriteOptions(codec, encoderName, crf, bitRate, preset, p, keyframeInterval,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withKeyframeInterval(int g) {
        return new VideoWriteOptions(codec, encoderName, crf, bitRate, preset, pixelFormat, g,
                encoderThreads, strict, extraCodecOptions);
    }

    public VideoWriteOptions withEncoderThreads(int n) {
        return new VideoWriteOptions(codec, encoderName, crf, bitRate, preset, pixelFormat, keyframeInterval,
                n, strict, extraCodecOptions);
    }

    public VideoWriteOptions withStrict(boolean s) {
        return new VideoWriteOptions(codec, encoderName, crf, bitRate, preset, pixelFormat, keyframeInterval,
                encoderThreads, s, extraCodecOptions);
    }

    public VideoWriteOptions withExtraCodecOptions(Map<String, String> extra) {
        return new VideoWriteOptions(codec, encoderName, crf, bitRate, preset, pixelFormat, keyframeInterval,
                encoderThreads, strict, extra);
    }
}
