package org.easimage.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.Overwrite;
import org.easimage.io.ReadOptions;
import org.easimage.io.StandardStreams;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;
import org.easimage.io.images.ImagesWriteOptions;
import org.easimage.pipeline.FrameRange;
import org.easimage.pipeline.TimeRange;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options of every command that writes sequences (convert, frames, batch): what to read, which frames, where to
 * write. The options that only some output formats take are in {@link OutputOptions} (convert and batch). Every
 * option is checked against the output format before the input is opened: one that does not apply to it is a
 * usage error (exit 2), never silently ignored.
 */
final class ConversionOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing output (atomically, once the new one is complete).")
    boolean overwrite;

    @Option(names = "--range", paramLabel = "A:B[:STEP]", description = "Frames by index, as a Python slice: 0:100, 10::2, -50: (default: all).")
    String range;

    @Option(names = "--start", paramLabel = "TIME", description = "From the first frame at or after TIME: seconds from the first frame (12.5, 250ms), HH:MM:SS.ms, or an ISO-8601 instant (2024-03-01T12:00:05Z) for sources with real timestamps.")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "Up to, not including, TIME (same forms as --start).")
    String end;

    @Option(names = "--duration", paramLabel = "TIME", description = "For TIME from --start (12.5, 00:00:10).")
    String duration;

    @Option(names = "--at", paramLabel = "TIME", description = "The one frame shown at TIME (the last at or before it), e.g. --at 12.5 for a single image.")
    String at;

    @Option(names = {"-q", "--quality"}, paramLabel = "1-100", description = "Quality of lossy outputs, 100 best, as for JPEG (default 90: H.264/HEVC crf 18, VP9 crf 31, MJPEG/MPEG-4 q:v 3, JPEG files 90; JPEG .seq 95). Refused for lossless outputs.")
    Integer quality;

    @Option(names = "--start-number", paramLabel = "N", description = "Number image files N, N+1, ... (default: each file gets its frame's index in the source).")
    Integer startNumber;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads of the transform stage (default: one per core; at most 2 per core are used).")
    Integer threads;

    @Option(names = "--quiet", description = "Print nothing but warnings and errors (no progress, no Done line, no notices).")
    boolean quiet;

    @Option(names = "--salvage", description = "Read the complete frames of a truncated input instead of failing.")
    boolean salvage;

    @Option(names = {"-f", "--input-format"}, paramLabel = "NAME", description = "Force the input format (see 'easimage formats').")
    String inputFormat;

    CommandLine cl() {
        return mixee.commandLine();
    }

    PrintWriter err() {
        return cl().getErr();
    }

    ReadOptions readOptions(OutputOptions out) {
        ReadOptions ro = ReadOptions.defaults().withFormat(inputFormat)
                .withTruncation(salvage ? TruncationPolicy.SALVAGE : TruncationPolicy.STRICT)
                .withWarnings(w -> err().println("warning: " + w));
        var raw = out == null ? null : out.rawInput(cl());
        return raw == null ? ro : ro.with(raw);
    }

    /**
     * The format that writes {@code output}: the one {@code forced} names (frames writes images), else -F, else
     * the one for {@code -} (a pipe), {@code null}, or the path's name. Refused now when there is none.
     */
    Format outputFormat(Path output, String forced, OutputOptions out) {
        String name = forced != null ? forced : out == null ? null : out.outputFormat;
        if (name == null && StandardStreams.isPipe(output)) {
            name = out == null ? "y4m" : out.pipeFormat(cl());
        } else if (name == null && output.toString().equals("null")) {
            name = "null";
        } else if (name == null && java.nio.file.Files.isDirectory(output)) {
            name = "images"; // numbered images into an existing folder; a new one needs a pattern
        }
        try {
            return FormatRegistry.getDefault().forOutput(output, name);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl(), Main.message(e));
        }
    }

    /**
     * The write options for {@code format}, each option refused (naming it) when {@code format} does not take it,
     * then checked with the format itself ({@link FormatRegistry#checkWrite}): all before any work.
     */
    WriteOptions writeOptions(Format format, Path output, OutputOptions out, StandardStreams pipes) {
        WriteOptions wo = WriteOptions.defaults().withFormat(format.name())
                .withOverwrite(overwrite ? Overwrite.REPLACE : Overwrite.NEVER)
                .withQuality(quality)
                .withWarnings(w -> {
                    if (!quiet) {
                        err().println("notice: " + w);
                    }
                });
        boolean images = format.writeOptionTypes().contains(ImagesWriteOptions.class);
        if (startNumber != null) {
            if (startNumber < 0) {
                throw new CommandLine.ParameterException(cl(), "--start-number must be 0 or more, got " + startNumber);
            }
            if (!images) {
                throw new CommandLine.ParameterException(cl(), "--start-number applies to numbered image outputs "
                        + "only, not to " + format.name() + " (" + output + ")");
            }
            wo = wo.with(ImagesWriteOptions.DEFAULTS.withStartNumber(startNumber));
        } else if (images) {
            wo = wo.with(ImagesWriteOptions.DEFAULTS.withStartNumber(ImagesWriteOptions.SOURCE_INDEX));
        }
        if (StandardStreams.isPipe(output)) {
            wo = wo.with(pipes);
        }
        if (out != null) {
            wo = out.apply(wo, format, output, cl());
        }
        try {
            FormatRegistry.getDefault().checkWrite(output, wo);
        } catch (UnsupportedOutputException e) {
            throw new CommandLine.ParameterException(cl(), e.getMessage());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl(), Main.message(e));
        }
        return wo;
    }

    FrameRange frameRange() {
        try {
            return range == null ? FrameRange.ALL : FrameRange.parse(range);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl(), e.getMessage());
        }
    }

    /** The frames asked by time (--start, --end, --duration, --at), or null for frames by index. */
    TimeRange timeRange() {
        if (start == null && end == null && duration == null && at == null) {
            return null;
        }
        if (range != null) {
            throw new CommandLine.ParameterException(cl(), "give frames by index (--range) or by time (--start, "
                    + "--end, --duration, --at), not both");
        }
        if (at != null && (start != null || end != null || duration != null)) {
            throw new CommandLine.ParameterException(cl(), "--at selects one frame; it does not go with --start, "
                    + "--end or --duration");
        }
        if (end != null && duration != null) {
            throw new CommandLine.ParameterException(cl(), "give --end or --duration, not both");
        }
        try {
            if (at != null) {
                return TimeRange.at(TimeRange.Point.parse(at));
            }
            TimeRange.Point s = start == null ? null : TimeRange.Point.parse(start);
            if (duration != null) {
                TimeRange.Point d = TimeRange.Point.parse(duration);
                if (d.offset() == null) {
                    throw new IllegalArgumentException("--duration is a length of time (12.5, 00:00:10), not an "
                            + "instant");
                }
                return TimeRange.lasting(s, d.offset());
            }
            return TimeRange.between(s, end == null ? null : TimeRange.Point.parse(end));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl(), e.getMessage());
        }
    }

    int threads() {
        if (threads != null && threads < 0) {
            throw new CommandLine.ParameterException(cl(),
                    "--threads must be 0 or more (0: transforms on the reader thread), got " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
