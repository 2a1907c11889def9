package org.easimage.cli;

import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.easimage.compose.Layout;
import org.easimage.compose.Mosaic;
import org.easimage.compose.Tile;
import org.easimage.compose.Trace;
import org.easimage.frame.FrameTransform;
import org.easimage.io.Overwrite;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.Times;
import org.easimage.io.WriteOptions;
import org.easimage.pipeline.Conversion;
import org.easimage.pipeline.FrameRange;
import org.easimage.transform.Args;
import org.easimage.transform.DisplayRange;
import org.easimage.transform.RescaleTo8Bit;
import org.easimage.transform.TransformChain;
import org.easimage.transform.colormap.Colormap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code easimage mosaic IN... -o OUT}: several recordings and signal traces side by side, in step by real time. */
@Command(name = "mosaic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show several sequences (and CSV signal traces) side by side in one output, in step by real "
                + "time: each cell shows the frame of its source at or just before the output frame's time.",
                "Sources are aligned on their timestamps when all state one and they overlap in time (cameras "
                        + "recorded together), else each from its first frame; --offset moves a source in time "
                        + "(seconds, negative = earlier), --rate plays it faster or slower. The output lasts from the "
                        + "earliest start to the latest end; a source shows the background outside its time "
                        + "(--hold: its last frame after its end).",
                "Cells are as large as the largest source (within --size), each source letterboxed in its cell.",
                "Example: easimage mosaic top.seq side.mp4 --trace force.csv:force -o all.mp4 --offset 0,-0.25"})
final class MosaicCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "IN", description = "Input sequences (any readable format).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output file; its extension chooses the format (mp4, mkv, tif, gif, a %%05d.png pattern...).")
    Path output;

    @Option(names = "--cols", paramLabel = "N", description = "Columns of the grid (default: chosen for a 16:9 mosaic).")
    Integer cols;

    @Option(names = "--rows", paramLabel = "N", description = "Rows of the grid.")
    Integer rows;

    @Option(names = "--layout", paramLabel = "grid|row|column", description = "A grid (default), one row or one column.")
    String layout;

    @Option(names = "--offset", split = ",", paramLabel = "S", description = "Per cell (inputs, then traces): seconds its start is moved by, e.g. 0,-0.25,1.5.")
    List<String> offsets = new ArrayList<>();

    @Option(names = "--rate", split = ",", paramLabel = "R", description = "Per cell: playback rate, e.g. 1,0.1 (ten times slower) or 1/10.")
    List<String> rates = new ArrayList<>();

    @Option(names = "--titles", split = ",", paramLabel = "T", description = "Per cell: the title above it (default: the file name).")
    List<String> titles = new ArrayList<>();

    @Option(names = "--no-titles", description = "No title bands.")
    boolean noTitles;

    @Option(names = "--trace", paramLabel = "FILE.csv:COLUMN[,COLUMN...]", description = "A cell plotting CSV columns against time (the column named time/t/seconds/timestamp, else the first; seconds or ISO-8601), with a cursor at the current time; repeatable.")
    List<String> traces = new ArrayList<>();

    @Option(names = "--window", paramLabel = "S", description = "Traces show a sliding window of S seconds around the current time (default: the whole trace).")
    String window;

    @Option(names = "--fps", paramLabel = "RATE", description = "Output frame rate, e.g. 30 or 30000/1001 (default: the first input's, times its --rate).")
    String fps;

    @Option(names = "--size", paramLabel = "WxH", description = "The largest the mosaic may be; cells shrink to fit (default 3840x2160).")
    String size;

    @Option(names = "--cell", paramLabel = "WxH", description = "The picture size of each cell (default: the largest input's).")
    String cell;

    @Option(names = "--padding", paramLabel = "PX", description = "Pixels between cells and around them (default 0).")
    int padding;

    @Option(names = "--border", paramLabel = "PX", description = "A gray line of PX pixels around each cell (default 0).")
    int border;

    @Option(names = "--background", paramLabel = "COLOR", description = "Background colour: a name or #RRGGBB (default black).")
    String background;

    @Option(names = "--stretch", description = "Stretch sources to their cells (default: keep their aspect ratio).")
    boolean stretch;

    @Option(names = "--hold", description = "A source that has ended shows its last frame (default: the background).")
    boolean hold;

    @Option(names = "--sync", paramLabel = "auto|absolute|start", description = "Align sources on their timestamps (absolute), on their first frames (start), or absolute when all have overlapping timestamps (auto, default).")
    String sync;

    @Option(names = "--display", paramLabel = "auto|frame|bits|VMIN:VMAX", description = "How 16-bit and float inputs become 8-bit, as for --to-8bit (default auto: per input, its 0.1..99.9 percentiles).")
    String display;

    @Option(names = "--display-colormap", paramLabel = "NAME", description = "Colormap for gray inputs: viridis, magma, inferno, plasma, cividis, turbo, jet, hot (default gray).")
    String displayColormap;

    @Option(names = "--range", paramLabel = "A:B[:STEP]", description = "Output frames to write, as a Python slice (default: all).")
    String range;

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing output (atomically, once the new one is complete).")
    boolean overwrite;

    @Option(names = {"-q", "--quality"}, paramLabel = "1-100", description = "Quality of lossy codecs, 100 best (default: the format's).")
    Integer quality;

    @Mixin
    CodecOptions codec;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads of the transform stage (default: one per core).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = {"-F", "--output-format"}, paramLabel = "NAME", description = "Force the output format.")
    String outputFormat;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        int cells = inputs.size() + traces.size();
        if (cells == 0) {
            throw new CommandLine.ParameterException(cl, "give at least one input or --trace");
        }
        // every option checked before an input is opened
        List<Duration> offsetList = perCell(cl, "--offset", offsets, cells, MosaicCommand::seconds);
        List<Rational> rateList = perCell(cl, "--rate", rates, cells, MosaicCommand::rate);
        if (titles.size() > cells) {
            throw new CommandLine.ParameterException(cl, "--titles gives " + titles.size() + " titles for " + cells
                    + " cells");
        }
        Layout lay = layout(cl);
        Mosaic.Sync syncMode = option(cl, "--sync", sync, Mosaic.Sync.AUTO, Mosaic.Sync.class);
        Duration windowLength = window == null ? null : positiveSeconds(cl, "--window", window);
        Rational outFps = fps == null ? null : parse(cl, "--fps", fps, Rational::parse);
        int[] maxSize = size == null ? null : parse(cl, "--size", size, MosaicCommand::size);
        int[] cellSize = cell == null ? null : parse(cl, "--cell", cell, MosaicCommand::size);
        Color bg = background == null ? Color.BLACK : parse(cl, "--background", background, Args::parseColor);
        DisplayRange displayRange = display == null ? DisplayRange.auto() : parse(cl, "--display", display,
                v -> ((RescaleTo8Bit) TransformChain.parseOne("to_8bit(" + v.replace(':', ',') + ")")).displayRange());
        byte[] colormap = displayColormap == null ? null : parse(cl, "--display-colormap", displayColormap,
                v -> Colormap.valueOf(v.strip().toUpperCase(Locale.ROOT)).rgbTable());
        List<String[]> traceSpecs = new ArrayList<>();
        for (String t : traces) {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                throw new CommandLine.ParameterException(cl, "--trace needs FILE.csv:COLUMN[,COLUMN...], got '" + t
                        + "'");
            }
            traceSpecs.add(new String[] {t.substring(0, colon), t.substring(colon + 1)});
        }
        FrameRange frames = range == null ? FrameRange.ALL : parse(cl, "--range", range, FrameRange::parse);
        if (threads != null && threads < 0) {
            throw new CommandLine.ParameterException(cl, "--threads must be 0 or more, got " + threads);
        }
        java.io.PrintWriter err = cl.getErr();
        WriteOptions base = WriteOptions.defaults().withFormat(outputFormat)
                .withOverwrite(overwrite ? Overwrite.REPLACE : Overwrite.NEVER).withQuality(quality)
                .withWarnings(w -> {
                    if (!quiet) {
                        err.println("notice: " + w);
                    }
                });
        WriteOptions wo;
        try {
            org.easimage.io.Format f = org.easimage.io.FormatRegistry.getDefault().forOutput(output, base.format());
            codec.requireApplies(cl, f);
            wo = codec.apply(base, 0);
            org.easimage.io.FormatRegistry.getDefault().checkWrite(output, wo).checkDestination(output, wo);
        } catch (org.easimage.io.UnsupportedOutputException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        FrameTransform chain = TransformArgs.chain(spec);

        Mosaic.Builder b = Mosaic.builder().layout(lay).padding(padding).background(bg)
                .fit(stretch ? Mosaic.Fit.STRETCH : Mosaic.Fit.LETTERBOX).sync(syncMode).fps(outFps)
                .notices(n -> {
                    if (!quiet) {
                        err.println("notice: " + n);
                    }
                });
        if (border > 0) {
            b.border(border, Color.GRAY);
        }
        if (maxSize != null) {
            b.maxSize(maxSize[0], maxSize[1]);
        }
        if (cellSize != null) {
            b.cellSize(cellSize[0], cellSize[1]);
        }
        if (noTitles) {
            b.titles(false);
        }
        List<Tile> tiles = new ArrayList<>();
        try {
            ReadOptions ro = ReadOptions.defaults().withWarnings(w -> err.println("warning: " + w));
            for (Path in : inputs) {
                tiles.add(Tile.open(in, ro));
            }
            for (String[] t : traceSpecs) {
                Path csv = Path.of(t[0]);
                List<String> columns = List.of(t[1].split(","));
                Trace.Builder tb = Trace.csv(csv, columns);
                if (windowLength != null) {
                    tb.window(windowLength);
                }
                tiles.add(Tile.of(tb.build()).withTitle(csv.getFileName() + ": " + String.join(", ", columns)));
            }
        } catch (IOException | RuntimeException e) {
            for (Tile t : tiles) {
                try {
                    t.reader().close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i).withOffset(offsetList.get(i)).withRate(rateList.get(i)).withRange(displayRange)
                    .withColormap(colormap);
            if (i < titles.size()) {
                t = t.withTitle(titles.get(i));
            }
            if (hold) {
                t = t.withOutside(Tile.Outside.HOLD);
            }
            b.add(t);
        }
        Conversion.Result r;
        try (Mosaic mosaic = b.build();
             ProgressReporter progress = new ProgressReporter(ProgressReporter.detect(quiet), err,
                     "mosaic", 2000)) {
            Conversion conversion = Conversion.builder(mosaic, output).writeOptions(wo).transform(chain)
                    .range(frames).threads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
                    .progress(progress).build();
            Thread hook = new Thread(conversion::cancel, "easimage-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                r = conversion.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // the JVM is already shutting down
                }
            }
            if (quiet) {
                return 0;
            }
            cl.getOut().println("Done");
            cl.getOut().println(ConvertCommand.summary(r) + "; " + mosaic.spec() + " at " + mosaic.info()
                    .frameRate().get() + " fps, " + (mosaic.absolute() ? "synchronised on timestamps"
                    : "each source from its first frame"));
        }
        return 0;
    }

    private Layout layout(CommandLine cl) {
        String l = layout == null ? "grid" : layout.strip().toLowerCase(Locale.ROOT);
        if ((cols != null && cols < 1) || (rows != null && rows < 1)) {
            throw new CommandLine.ParameterException(cl, "--cols and --rows must be 1 or more");
        }
        return switch (l) {
            case "grid" -> cols == null && rows == null ? Layout.grid()
                    : Layout.grid(rows == null ? 0 : rows, cols == null ? 0 : cols);
            case "row" -> Layout.row();
            case "column" -> Layout.column();
            default -> throw new CommandLine.ParameterException(cl, "--layout must be grid, row or column, got '"
                    + layout + "'");
        };
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parse(CommandLine cl, String option, String value, Parser<T> p) {
        try {
            return p.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CommandLine.ParameterException(cl, "invalid value '" + value + "' for " + option + ": "
                    + e.getMessage());
        }
    }

    /** One value per cell (missing ones: the default), at most one per cell. */
    private static <T> List<T> perCell(CommandLine cl, String option, List<String> given, int cells, Parser<T> p) {
        if (given.size() > cells) {
            throw new CommandLine.ParameterException(cl, option + " gives " + given.size() + " values for " + cells
                    + " cells");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            out.add(i < given.size() && !given.get(i).isBlank() ? parse(cl, option, given.get(i).strip(), p)
                    : p.parse(option.equals("--rate") ? "1" : "0"));
        }
        return out;
    }

    private static <E extends Enum<E>> E option(CommandLine cl, String option, String value, E fallback,
            Class<E> type) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid value '" + value + "' for " + option);
        }
    }

    private static Duration seconds(String s) {
        BigDecimal d = new BigDecimal(s);
        if (d.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            throw new IllegalArgumentException("more than 10^9 seconds");
        }
        return Times.ofSeconds(d);
    }

    private static Duration positiveSeconds(CommandLine cl, String option, String s) {
        Duration d = parse(cl, option, s, MosaicCommand::seconds);
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.ParameterException(cl, option + " must be positive, got " + s);
        }
        return d;
    }

    private static Rational rate(String s) {
        Rational r = Rational.parse(s);
        if (r.toDouble() < 1e-6 || r.toDouble() > 1e6) {
            throw new IllegalArgumentException("a playback rate must be within 10^-6..10^6");
        }
        return r;
    }

    private static int[] size(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        if (p.length != 2) {
            throw new IllegalArgumentException("expected WxH, e.g. 1920x1080");
        }
        int w = Integer.parseInt(p[0].strip());
        int h = Integer.parseInt(p[1].strip());
        if (w < 1 || h < 1 || w > 65536 || h > 65536) {
            throw new IllegalArgumentException("sizes are 1..65536 pixels a side");
        }
        return new int[] {w, h};
    }
}
