package org.easimage.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.easimage.frame.FrameTransform;
import org.easimage.io.Format;
import org.easimage.io.StandardStreams;
import org.easimage.io.WriteOptions;
import org.easimage.pipeline.Conversion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code easimage convert IN OUT}: stream any readable sequence into any writable format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a sequence to another format, with optional transforms, in constant memory.",
                "The output is written under a temporary name and moved into place when complete.",
                "IN or OUT '-' is a pipe (standard input or output: y4m, raw or NUT); OUT 'null' decodes and "
                        + "transforms without writing (timing, validation)."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, folder, glob pattern, synthetic:... source, or - (a y4m stream, or raw frames with --size and --pix-fmt).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file (its extension chooses the format), a pattern of numbered images (frames/f_%%05d.png), one image (frame.png, for one frame), - (standard output, see --pipe) or null.")
    Path output;

    @Mixin
    ConversionOptions options;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    CommonOptions common;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return convert(spec, main, input, output, options, outputOptions, null, "convert");
    }

    /**
     * Shared by convert and frames: checks every option against the output format before any work, runs one
     * conversion (from a file, or from a pipe) and prints "Done" and a summary line, on standard error when
     * standard output is the pipe being written.
     */
    static int convert(CommandLine.Model.CommandSpec spec, Main main, Path input, Path output,
            ConversionOptions options, OutputOptions out, String forcedFormat, String task) throws Exception {
        Format format = options.outputFormat(output, forcedFormat, out);
        StandardStreams pipes = new StandardStreams(main.stdin, main.stdout);
        WriteOptions wo = options.writeOptions(format, output, out, pipes);
        FrameTransform chain = TransformArgs.chain(spec);
        var times = options.timeRange();
        var range = options.frameRange();
        var rate = out == null ? null : out.playbackRate(spec.commandLine());
        int threads = options.threads();
        PrintWriter text = StandardStreams.isPipe(output) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Conversion.Result r;
        try (ProgressReporter progress = new ProgressReporter(ProgressReporter.detect(options.quiet),
                spec.commandLine().getErr(), task, 2000)) {
            if (StandardStreams.isPipe(input)) {
                r = new PipeConversion(spec.commandLine(), main.stdin, options, out, format, output, wo, chain,
                        range, times, rate, progress).run();
            } else {
                Conversion conversion = Conversion.builder(input, output).readOptions(options.readOptions(out))
                        .writeOptions(wo).transform(chain).range(range).times(times).playbackRate(rate)
                        .threads(threads).progress(progress).build();
                // Ctrl-C / SIGTERM: stop the stages; the atomic output's own hook removes the temporary
                Thread hook = new Thread(conversion::cancel, "easimage-cancel");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    r = conversion.run();
                } finally {
                    removeHook(hook);
                }
            }
        }
        if (!options.quiet) {
            text.println("Done");
            text.println(summary(r));
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
    }

    static String summary(Conversion.Result r) {
        String where = StandardStreams.isPipe(r.output()) ? "standard output"
                : r.output().toString().equals("null") ? "null (discarded)" : r.output().toString();
        return String.format(Locale.ROOT, "%d frames in %.2f s (%.1f frames/s) -> %s (%s)", r.frames(),
                r.elapsed().toNanos() / 1e9, r.framesPerSecond(), where, humanBytes(r.outputBytes()));
    }

    static String humanBytes(long b) {
        if (b < 0) {
            return "size unknown";
        }
        if (b < 1024) {
            return b + " B";
        }
        String units = "KMGTP";
        int u = (int) (Math.log(b) / Math.log(1024));
        u = Math.min(u, units.length());
        return String.format(Locale.ROOT, "%.1f %siB", b / Math.pow(1024, u), units.charAt(u - 1));
    }
}
