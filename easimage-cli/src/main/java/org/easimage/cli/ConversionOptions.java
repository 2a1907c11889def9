package org.easimage.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.Overwrite;
import org.easimage.io.ReadOptions;
import org.easimage.io.Rational;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;
import org.easimage.pipeline.FrameRange;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that write sequences (convert, frames, batch). */
final class ConversionOptions {

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing output (atomically, once the new one is complete).")
    boolean overwrite;

    @Option(names = {"-r", "--range"}, paramLabel = "A:B[:STEP]", description = "Frames to take, as a Python slice: 0:100, 10::2, -50: (default: all).")
    String range;

    @Option(names = "--fps", paramLabel = "RATE", description = "Play the output at RATE frames/s (25, 29.97 or 30000/1001): frames are re-timed 1/RATE apart, e.g. slow motion of a high-speed recording. Default: the frames' real times are kept.")
    String fps;

    @Option(names = {"-q", "--quality"}, paramLabel = "1-100", description = "Quality of lossy codecs, 100 best (default: the format's).")
    Integer quality;

    @Mixin
    CodecOptions codec;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads of the transform stage (default: one per core; at most 2 per core are used).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--salvage", description = "Read the complete frames of a truncated input instead of failing.")
    boolean salvage;

    @Option(names = {"-f", "--input-format"}, paramLabel = "NAME", description = "Force the input format (see 'easimage formats').")
    String inputFormat;

    @Option(names = {"-F", "--output-format"}, paramLabel = "NAME", description = "Force the output format.")
    String outputFormat;

    ReadOptions readOptions() {
        return ReadOptions.defaults().withFormat(inputFormat)
                .withTruncation(salvage ? TruncationPolicy.SALVAGE : TruncationPolicy.STRICT)
                .withWarnings(w -> Streams.err().println("warning: " + w));
    }

    WriteOptions writeOptions() {
        WriteOptions wo = WriteOptions.defaults().withFormat(outputFormat)
                .withOverwrite(overwrite ? Overwrite.REPLACE : Overwrite.NEVER)
                .withQuality(quality)
                .withWarnings(w -> Streams.err().println("notice: " + w));
        if (fps != null) {
            wo = wo.withFrameRate(Rational.parse(fps));
        }
        return codec.apply(wo);
    }

    /**
     * Refuses, before the input is opened, an output the options cannot be written to: an unknown output
     * format, codec options for a format that is not video, values the format or its codec does not take.
     */
    Format checkOutput(CommandLine cl, Path output, WriteOptions wo) throws IOException {
        return checkOutput(cl, output, wo, codec);
    }

    /** {@link #checkOutput(CommandLine, Path, WriteOptions)} for commands with their own options and codec mixin. */
    static Format checkOutput(CommandLine cl, Path output, WriteOptions wo, CodecOptions codec) throws IOException {
        try {
            Format f = FormatRegistry.getDefault().forOutput(output, wo.format());
            codec.requireApplies(cl, f);
            return FormatRegistry.getDefault().checkWrite(output, wo);
        } catch (UnsupportedOutputException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The playback rate asked with --fps, or null to keep the frames' real times. */
    Rational playbackRate() {
        return fps == null ? null : Rational.parse(fps);
    }

    FrameRange frameRange() {
        return range == null ? FrameRange.ALL : FrameRange.parse(range);
    }

    int threads() {
        if (threads != null && threads < 0) {
            throw new IllegalArgumentException("--threads must be 0 or more (0: transforms on the reader thread), got "
                    + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
