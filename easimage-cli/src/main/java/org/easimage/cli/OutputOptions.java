package org.easimage.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.easimage.io.Format;
import org.easimage.io.Rational;
import org.easimage.io.WriteOptions;
import org.easimage.io.gif.GifWriteOptions;
import org.easimage.io.norpix.SeqWriteOptions;
import org.easimage.io.raw.RawPixelFormat;
import org.easimage.io.raw.RawReadOptions;
import org.easimage.io.tiff.TiffCompression;
import org.easimage.io.tiff.TiffWriteOptions;
import org.easimage.io.video.VideoWriteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of convert and batch that only some output formats take (frame rate, codec, compression, loop
 * count, bit rate, pipes), each refused with its name when the output's format does not take it. {@code frames}
 * writes image files and offers none of them.
 */
final class OutputOptions {

    @Option(names = "--fps", paramLabel = "RATE", description = "Play the output at RATE frames/s (25, 30000/1001; 23.976, 29.97 and 59.94 mean N*1000/1001): frames are re-timed 1/RATE apart, e.g. slow motion of a high-speed recording. Default: the frames' real times are kept. With --size, the raw input's rate.")
    String fps;

    @Option(names = {"-F", "--output-format"}, paramLabel = "NAME", description = "Force the output format (see 'easimage formats').")
    String outputFormat;

    @Option(names = "--pipe", paramLabel = "FORMAT", description = "Format written to the output '-' (standard output): y4m (default: gray8, gray16, RGB as 4:4:4), raw (every pixel type, no header) or nut (FFmpeg's container, real frame times).")
    String pipe;

    @Option(names = "--size", paramLabel = "WxH", description = "Frame size of a raw input (an input '-' that is not y4m, or -f raw); --pix-fmt then names its pixel format: gray, gray16le, rgb24, rgb48le, ...")
    String rawSize;

    @Option(names = "--compression", paramLabel = "NAME", description = "TIFF: none (default), lzw or deflate; Norpix .seq: none (default) or jpeg.")
    String compression;

    @Option(names = "--loop", paramLabel = "N", description = "GIF: times the animation is replayed, 0 = forever (default), -1 = played once.")
    Integer loop;

    @Option(names = "--zarr", paramLabel = "OPTS", description = "Zarr: comma-separated v2|v3 (default v2), none|gzip|zstd|blosc-lz4|blosc-zstd (default blosc-lz4), level=N, shuffle=none|byte|bit, chunk=N (frames per chunk, default 1), shard=N (frames per shard file, v3), plain (a bare array, not OME-Zarr), pyramid=N (extra half-size levels).")
    String zarr;

    @Option(names = "--bitrate", paramLabel = "RATE", description = "Video: target bit rate in bit/s (800k, 5M) instead of a quality.")
    String bitrate;

    @Mixin
    CodecOptions codec;

    /** The playback rate asked with --fps, or null to keep the frames' real times. */
    Rational playbackRate(CommandLine cl) {
        return fps == null || rawSize != null ? null : rate(cl);
    }

    private Rational rate(CommandLine cl) {
        try {
            return Rational.parse(fps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --fps: " + e.getMessage());
        }
    }

    /** The description of a raw input given with --size and --pix-fmt, or null. */
    RawReadOptions rawInput(CommandLine cl) {
        if (rawSize == null) {
            return null;
        }
        if (codec.pixelFormat == null) {
            throw new CommandLine.ParameterException(cl, "--size describes a raw input and needs its pixel format:"
                    + " add --pix-fmt (gray, gray16le, rgb24, rgb48le, ...)");
        }
        String[] wh = rawSize.toLowerCase(Locale.ROOT).split("x");
        try {
            if (wh.length != 2) {
                throw new IllegalArgumentException("a size is WIDTHxHEIGHT, e.g. 640x480");
            }
            return new RawReadOptions(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()),
                    RawPixelFormat.parse(codec.pixelFormat), Optional.ofNullable(fps == null ? null : rate(cl)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --size '" + rawSize + "' or --pix-fmt '"
                    + codec.pixelFormat + "': " + (e instanceof NumberFormatException
                    ? "a size is WIDTHxHEIGHT, e.g. 640x480" : e.getMessage()));
        }
    }

    /** The format of the output '-': --pipe, else y4m. */
    String pipeFormat(CommandLine cl) {
        if (pipe == null) {
            return "y4m";
        }
        return switch (pipe.toLowerCase(Locale.ROOT)) {
            case "y4m", "yuv4mpegpipe" -> "y4m";
            case "raw", "rawvideo" -> "raw";
            case "nut" -> "video"; // the video format writes a pipe as NUT
            default -> throw new CommandLine.ParameterException(cl, "invalid --pipe '" + pipe + "': y4m, raw or nut");
        };
    }

    /** {@code wo} with these options, each refused when {@code format} does not take it. */
    WriteOptions apply(WriteOptions wo, Format format, Path output, CommandLine cl) {
        WriteOptions o = wo;
        if (pipe != null && !output.toString().equals("-")) {
            throw new CommandLine.ParameterException(cl, "--pipe applies to the output '-' only; for a file the "
                    + "extension (or -F) chooses the format");
        }
        if (fps != null && rawSize == null) {
            o = o.withFrameRate(rate(cl));
        }
        if (compression != null) {
            o = o.with(compression(format, output, cl));
        }
        if (loop != null) {
            if (!format.writeOptionTypes().contains(GifWriteOptions.class)) {
                throw new CommandLine.ParameterException(cl, "--loop applies to GIF outputs only, not to "
                        + format.name() + " (" + output + ")");
            }
            try {
                o = o.with(new GifWriteOptions(loop));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "invalid --loop: " + e.getMessage());
            }
        }
        if (zarr != null) {
            if (!format.writeOptionTypes().contains(org.easimage.zarr.ZarrWriteOptions.class)) {
                throw new CommandLine.ParameterException(cl, "--zarr applies to Zarr outputs only, not to "
                        + format.name() + " (" + output + ")");
            }
            try {
                o = o.with(org.easimage.zarr.ZarrWriteOptions.parse(zarr));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "invalid --zarr: " + e.getMessage());
            }
        }
        long bits = 0;
        if (bitrate != null) {
            if (!format.writeOptionTypes().contains(VideoWriteOptions.class)) {
                throw new CommandLine.ParameterException(cl, "--bitrate applies to video outputs only, not to "
                        + format.name() + " (" + output + ")");
            }
            bits = bitRate(cl);
        }
        codec.pixelFormatIsInput = rawSize != null;
        codec.requireApplies(cl, format);
        try {
            return codec.apply(o, bits);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    private long bitRate(CommandLine cl) {
        String b = bitrate.trim().toLowerCase(Locale.ROOT);
        long unit = b.endsWith("k") ? 1000 : b.endsWith("m") ? 1_000_000 : 1;
        try {
            double v = Double.parseDouble(unit == 1 ? b : b.substring(0, b.length() - 1));
            long r = Math.round(v * unit);
            if (r >= 1000 && r <= 10_000_000_000L) {
                return r;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandLine.ParameterException(cl, "invalid --bitrate '" + bitrate + "': a rate in bit/s from "
                + "1k to 10000M, e.g. 800k or 5M");
    }

    private org.easimage.io.FormatOptions compression(Format format, Path output, CommandLine cl) {
        String c = compression.toLowerCase(Locale.ROOT);
        if (format.writeOptionTypes().contains(TiffWriteOptions.class)) {
            return switch (c) {
                case "none" -> TiffWriteOptions.of(TiffCompression.NONE);
                case "lzw" -> TiffWriteOptions.of(TiffCompression.LZW);
                case "deflate", "zip" -> TiffWriteOptions.of(TiffCompression.DEFLATE);
                default -> throw new CommandLine.ParameterException(cl, "invalid --compression '" + compression
                        + "' for TIFF: none, lzw or deflate");
            };
        }
        if (format.writeOptionTypes().contains(SeqWriteOptions.class)) {
            return switch (c) {
                case "none" -> SeqWriteOptions.raw();
                case "jpeg", "jpg" -> SeqWriteOptions.jpeg(null);
                default -> throw new CommandLine.ParameterException(cl, "invalid --compression '" + compression
                        + "' for a Norpix .seq: none or jpeg");
            };
        }
        throw new CommandLine.ParameterException(cl, "--compression applies to TIFF and Norpix .seq outputs only, "
                + "not to " + format.name() + " (" + output + ")");
    }
}
