package org.easimage.cli;

import org.easimage.io.WriteOptions;
import org.easimage.io.video.VideoCodec;
import org.easimage.io.video.VideoWriteOptions;
import picocli.CommandLine.Option;

/** The video encoder options of the command line, turned into the video format's typed write options. */
final class CodecOptions {

    @Option(names = "--codec", paramLabel = "CODEC", description = "Video codec: ${COMPLETION-CANDIDATES} (default: by extension: mp4/mov H264, avi MJPEG, mkv FFV1, webm VP9).")
    VideoCodec codec;

    @Option(names = "--crf", paramLabel = "N", description = "Constant rate factor of H.264/HEVC/VP9 (lower is better; overrides --quality).")
    Integer crf;

    @Option(names = "--preset", paramLabel = "NAME", description = "Encoder preset, e.g. ultrafast, veryfast, medium, slow (x264/x265).")
    String preset;

    @Option(names = "--gop", paramLabel = "N", description = "Keyframe interval in frames (default: 1 s; FFV1: 1).")
    Integer gop;

    @Option(names = "--pix-fmt", paramLabel = "FMT", description = "Encoder pixel format, e.g. yuv420p, yuv444p, gray16le.")
    String pixelFormat;

    @Option(names = "--strict", description = "Refuse a frame size the codec cannot take instead of padding it.")
    boolean strict;

    WriteOptions apply(WriteOptions wo) {
        if (codec == null && crf == null && preset == null && gop == null && pixelFormat == null && !strict) {
            return wo;
        }
        VideoWriteOptions v = VideoWriteOptions.defaults().withCodec(codec).withCrf(crf).withPreset(preset)
                .withPixelFormat(pixelFormat).withStrict(strict);
        if (gop != null) {
            v = v.withKeyframeInterval(gop);
        }
        return wo.with(v);
    }
}
