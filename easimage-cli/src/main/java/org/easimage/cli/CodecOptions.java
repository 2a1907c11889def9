package org.easimage.cli;

import java.util.ArrayList;
import java.util.List;
import org.easimage.io.Format;
import org.easimage.io.WriteOptions;
import org.easimage.io.video.VideoCodec;
import org.easimage.io.video.VideoWriteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The video encoder options of the command line, turned into the video format's typed write options. */
final class CodecOptions {

    @Option(names = "--codec", paramLabel = "CODEC", description = "Video codec: ${COMPLETION-CANDIDATES} (default: by extension: mp4/mov H264, avi MJPEG, mkv FFV1, webm VP9).")
    VideoCodec codec;

    @Option(names = "--crf", paramLabel = "N", description = "Constant rate factor, lower is better: H.264/HEVC 0-51, VP9 0-63 (overrides --quality; other codecs use --quality).")
    Integer crf;

    @Option(names = "--preset", paramLabel = "NAME", description = "Encoder preset of H.264/HEVC: ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow, placebo.")
    String preset;

    @Option(names = "--gop", paramLabel = "N", description = "Keyframe interval in frames (default: 1 s; FFV1: 1).")
    Integer gop;

    @Option(names = "--pix-fmt", paramLabel = "FMT", description = "Encoder pixel format, e.g. yuv420p, yuv444p, gray16le; with --size, the pixel format of the raw input instead.")
    String pixelFormat;

    /** True when --pix-fmt describes a raw input (--size given), not the encoder. */
    boolean pixelFormatIsInput;

    @Option(names = "--strict", description = "Refuse a frame size the codec cannot take instead of padding it.")
    boolean strict;

    /** The codec options given, as typed on the command line. */
    private List<String> given() {
        List<String> l = new ArrayList<>();
        if (codec != null) {
            l.add("--codec");
        }
        if (crf != null) {
            l.add("--crf");
        }
        if (preset != null) {
            l.add("--preset");
        }
        if (gop != null) {
            l.add("--gop");
        }
        if (pixelFormat != null && !pixelFormatIsInput) {
            l.add("--pix-fmt");
        }
        if (strict) {
            l.add("--strict");
        }
        return l;
    }

    /** Refuses codec options for an output that is not a video: they would be ignored. */
    void requireApplies(CommandLine cl, Format output) {
        List<String> given = given();
        if (!given.isEmpty() && !output.writeOptionTypes().contains(VideoWriteOptions.class)) {
            throw new CommandLine.ParameterException(cl, String.join(", ", given) + (given.size() == 1 ? " applies"
                    : " apply") + " to video outputs only, not to " + output.name());
        }
    }

    /** {@code wo} with the codec options given and the bit rate (0 for none). */
    WriteOptions apply(WriteOptions wo, long bitRate) {
        if (given().isEmpty() && bitRate == 0) {
            return wo;
        }
        if (gop != null && gop < 1) {
            throw new IllegalArgumentException("--gop must be 1 or more frames, got " + gop);
        }
        VideoWriteOptions v = VideoWriteOptions.defaults().withCodec(codec).withCrf(crf).withPreset(preset)
                .withPixelFormat(pixelFormatIsInput ? null : pixelFormat).withStrict(strict).withBitRate(bitRate);
        if (gop != null) {
            v = v.withKeyframeInterval(gop);
        }
        return wo.with(v);
    }
}
