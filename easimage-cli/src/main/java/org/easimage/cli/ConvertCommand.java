package org.easimage.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.easimage.frame.FrameTransform;
import org.easimage.pipeline.Conversion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code easimage convert IN OUT}: stream any readable sequence into any writable format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a sequence to another format, with optional transforms, in constant memory.",
                "The output is written under a temporary name and moved into place when complete."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, folder, glob pattern or synthetic:... source.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file; its extension chooses the format.")
    Path output;

    @Mixin
    ConversionOptions options;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return convert(spec, input, output, options, null, "convert");
    }

    /** Shared by convert and frames: runs one conversion and prints "Done" and a summary line. */
    static int convert(CommandLine.Model.CommandSpec spec, Path input, Path output, ConversionOptions options,
            String forcedOutputFormat, String task) throws Exception {
        var wo = options.writeOptions();
        if (forcedOutputFormat != null) {
            wo = wo.withFormat(forcedOutputFormat);
        }
        options.checkOutput(spec.commandLine(), output, wo);
        FrameTransform chain = TransformArgs.chain(spec);
        Conversion.Result r;
        try (ProgressReporter progress = new ProgressReporter(ProgressReporter.detect(options.quiet), Streams.err(),
                task, 2000)) {
            Conversion conversion = Conversion.builder(input, output).readOptions(options.readOptions())
                    .writeOptions(wo).transform(chain).range(options.frameRange()).playbackRate(options.playbackRate()).threads(options.threads())
                    .progress(progress).build();
            // Ctrl-C / SIGTERM: stop the stages; the atomic output's own hook removes the temporary
            Thread hook = new Thread(conversion::cancel, "easimage-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                r = conversion.run();
            } finally {
                removeHook(hook);
            }
        }
        Streams.out().println("Done");
        Streams.out().println(summary(r));
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
        return String.format(Locale.ROOT, "%d frames in %.2f s (%.1f frames/s) -> %s (%s)", r.frames(),
                r.elapsed().toNanos() / 1e9, r.framesPerSecond(), r.output(), humanBytes(r.outputBytes()));
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
