package org.easimage.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.io.Format;
import org.easimage.io.FrameStream;
import org.easimage.io.Rational;
import org.easimage.io.StandardStreams;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.SequenceWriter;
import org.easimage.io.Times;
import org.easimage.io.WriteOptions;
import org.easimage.io.raw.RawReadOptions;
import org.easimage.io.raw.RawStream;
import org.easimage.io.y4m.Y4mStream;
import org.easimage.pipeline.Conversion;
import org.easimage.pipeline.FrameRange;
import org.easimage.pipeline.ProgressListener;
import org.easimage.pipeline.TimeRange;
import picocli.CommandLine;

/**
 * A conversion whose input is standard input ({@code -}): a y4m stream, or raw frames described by --size and
 * --pix-fmt. A pipe is read once, in order, and its length is unknown, so frames flow one at a time from the stream
 * through the transforms to the writer (memory: one frame), the selection is applied as they pass (--range with
 * indices from the start, --start/--end/--duration/--at in seconds), and a transform that must measure the whole
 * sequence first (an {@code auto} display range) is refused with the ranges that work.
 */
final class PipeConversion {

    private final CommandLine cl;
    private final InputStream stdin;
    private final ConversionOptions options;
    private final OutputOptions out;
    private final Format format;
    private final Path output;
    private final WriteOptions writeOptions;
    private final FrameTransform transform;
    private final FrameRange range;
    private final TimeRange times;
    private final Rational playbackRate;
    private final ProgressListener progress;

    PipeConversion(CommandLine cl, InputStream stdin, ConversionOptions options, OutputOptions out, Format format,
            Path output, WriteOptions writeOptions, FrameTransform transform, FrameRange range, TimeRange times,
            Rational playbackRate, ProgressListener progress) {
        this.cl = cl;
        this.stdin = stdin;
        this.options = options;
        this.out = out;
        this.format = format;
        this.output = output;
        this.writeOptions = writeOptions;
        this.transform = transform;
        this.range = range;
        this.times = times;
        this.playbackRate = playbackRate;
        this.progress = progress;
    }

    Conversion.Result run() throws IOException {
        long t0 = System.nanoTime();
        checkSelection();
        format.checkDestination(output, writeOptions);
        try (FrameStream in = open()) {
            FrameTransform bound = transform == null ? null : bind(in.spec());
            FrameSpec spec = bound == null ? in.spec() : bound.outputSpec(in.spec());
            WriteOptions wo = writeOptions;
            if (playbackRate != null) {
                wo = wo.withFrameRate(playbackRate);
            } else if (wo.frameRate() == null && in.frameRate().isPresent()) {
                wo = wo.withFrameRate(in.frameRate().get());
            }
            format.checkFrames(output, spec, wo);
            progress.started(0);
            int written = 0;
            try (SequenceWriter writer = format.create(output, wo)) {
                boolean single = times != null && times.single();
                Frame shown = null; // --at: the last frame at or before the time, known when the next one comes
                Duration beforeShown = null; // the time of the frame before it, for how long it is shown
                for (Frame f; (f = next(in)) != null || shown != null; ) {
                    if (single) {
                        if (f != null && time(f).compareTo(times.start().offset()) <= 0) {
                            beforeShown = shown == null ? null : time(shown);
                            shown = f;
                            continue;
                        }
                        if (shown == null) {
                            throw new IllegalArgumentException("time " + times.start() + " is before the first "
                                    + "frame of the stream");
                        }
                        if (f == null && afterTheEnd(time(shown), beforeShown, in)) {
                            throw new IllegalArgumentException("time " + times.start() + " is after the end of the "
                                    + "stream (its last frame is at " + Times.seconds(time(shown)).toPlainString()
                                    + " s)");
                        }
                        f = shown;
                        shown = null;
                    } else if (!selected(f)) {
                        if (past(f)) {
                            break;
                        }
                        continue;
                    }
                    Frame g = bound == null ? f : bound.apply(f);
                    if (playbackRate != null) {
                        g = g.withTime(null).withTimestamp(null);
                    }
                    writer.write(g);
                    written++;
                    progress.progress(written, 0, written / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
                    if (single) {
                        break;
                    }
                }
                if (written == 0) {
                    throw new IllegalArgumentException("the selection took no frame of the stream");
                }
                writer.finish();
                return new Conversion.Result(output, written, Duration.ofNanos(System.nanoTime() - t0),
                        size(writer.destinations()));
            }
        }
    }

    /**
     * True when the --at time is past the display of the stream's last frame (at {@code last}): its time plus its
     * interval from the frame before (at {@code before}), else one period of the stream's rate, as for a file.
     */
    private boolean afterTheEnd(Duration last, Duration before, FrameStream in) {
        Duration at = times.start().offset();
        Duration shown = before != null ? last.minus(before)
                : in.frameRate().map(rate -> Times.atIndex(1, rate)).orElse(Duration.ZERO);
        return shown.isZero() ? at.compareTo(last) > 0 : at.compareTo(last.plus(shown)) >= 0;
    }

    /** The next frame; a stream cut inside a frame ends it under --salvage, with a warning. */
    private Frame next(FrameStream in) throws IOException {
        try {
            return in.next();
        } catch (TruncatedInputException e) {
            if (!options.salvage) {
                throw e;
            }
            options.err().println("warning: " + e.getMessage() + "; the frames before it are kept (--salvage)");
            return null;
        }
    }

    /** A y4m stream, or raw frames when --size describes them; anything else is refused. */
    private FrameStream open() throws IOException {
        BufferedInputStream in = new BufferedInputStream(stdin, 1 << 16);
        in.mark(16);
        byte[] head = in.readNBytes(10);
        in.reset();
        RawReadOptions raw = out == null ? null : out.rawInput(cl);
        if (Y4mStream.looksLikeY4m(head)) {
            if (raw != null) {
                throw new CommandLine.ParameterException(cl, "standard input is a y4m stream, which states its size"
                        + " and pixel format: --size and --pix-fmt apply to raw input only");
            }
            return Y4mStream.open(StandardStreams.PATH, in);
        }
        if (raw != null) {
            return new RawStream(StandardStreams.PATH, in, raw);
        }
        if (head.length == 0) {
            throw new UnsupportedFormatException(StandardStreams.PATH, "standard input is empty");
        }
        throw new UnsupportedFormatException(StandardStreams.PATH, "standard input is not a y4m stream (it does not "
                + "start with 'YUV4MPEG2 '); for raw frames give --size WxH and --pix-fmt (e.g. gray16le)");
    }

    /** A pipe has no known end: indices are counted from its start, times in seconds from its first frame. */
    private void checkSelection() {
        if (times == null && (range.start() < 0 || range.stop() < 0 && range.stop() != FrameRange.END)) {
            throw new CommandLine.ParameterException(cl, "--range " + range + " counts from the end, which a pipe "
                    + "does not know; give indices from the start");
        }
        if (times != null && (times.start() != null && times.start().instant() != null
                || times.end() != null && times.end().instant() != null)) {
            throw new CommandLine.ParameterException(cl, "a pipe's frames have no acquisition timestamps; give times"
                    + " in seconds from the first frame");
        }
    }

    /** True when frame {@code f} (by its index, or its time) is selected. */
    private boolean selected(Frame f) {
        int i = f.index();
        if (times == null) {
            return i >= range.start() && i < range.stop() && (i - range.start()) % range.step() == 0;
        }
        Duration t = time(f);
        return (times.start() == null || t.compareTo(times.start().offset()) >= 0)
                && (times.end() == null || t.compareTo(times.end().offset()) < 0);
    }

    /** True when no frame from {@code f} on can be selected: the stream need not be read further. */
    private boolean past(Frame f) {
        if (times == null) {
            return range.stop() != FrameRange.END && f.index() >= range.stop();
        }
        return times.end() != null && time(f).compareTo(times.end().offset()) >= 0;
    }

    private Duration time(Frame f) {
        return f.time().orElseThrow(() -> new CommandLine.ParameterException(cl, "the stream states no frame "
                + "rate, so its frames have no times; select them with --range"));
    }

    /**
     * The transform bound to a stream: one that measures the whole sequence cannot be (a pipe cannot be read
     * ahead), and is refused with the ranges that work.
     */
    private FrameTransform bind(FrameSpec spec) throws IOException {
        return transform.bind(new FrameSource() {
            @Override
            public int frameCount() {
                throw notMeasurable();
            }

            @Override
            public FrameSpec spec() {
                return spec;
            }

            @Override
            public Frame read(int index) {
                throw notMeasurable();
            }

            @Override
            public String name() {
                return "-";
            }
        });
    }

    private CommandLine.ParameterException notMeasurable() {
        return new CommandLine.ParameterException(cl, "a display range measured on the whole sequence ('auto', the "
                + "default of --to-8bit and --colormap) needs a file: a pipe cannot be read ahead; give 'frame', "
                + "'bits' or VMIN:VMAX (e.g. --to-8bit bits)");
    }

    private static long size(List<Path> files) {
        long total = 0;
        for (Path p : files) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }
}
