package org.easimage.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputExistsException;
import org.easimage.pipeline.NotEnoughMemoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code easimage} command line: subcommands, error messages and exit codes. */
@Command(name = "easimage", mixinStandardHelpOptions = true, version = "easimage 0.1.0",
        description = "Read, convert, transform and inspect sequences of 2D frames (camera recordings, videos, "
                + "image stacks).",
        subcommands = {InfoCommand.class, ConvertCommand.class, FramesCommand.class, BatchCommand.class,
                MosaicCommand.class, SheetCommand.class, DemoCommand.class, FormatsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 usage (bad option, or one the output format cannot "
                + "take), 3 missing, unreadable or corrupt input, 4 output exists, 5 output write failed, 6 not "
                + "enough memory, 130/143 interrupted.",
                "JVM options (e.g. a larger heap: EASIMAGE_JAVA_OPTS=-Xmx8g) go in EASIMAGE_JAVA_OPTS."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command (try --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        for (String name : new String[] {"convert", "frames", "batch", "mosaic"}) {
            TransformArgs.register(cl.getSubcommands().get(name).getCommandSpec());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            err.println("easimage: " + message(ex));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCode.of(ex).code();
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("easimage: " + oneLine(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE.code();
        });
        Streams.set(out, err);
        try {
            return cl.execute(args);
        } catch (Throwable e) { // an Error (OutOfMemoryError, StackOverflowError...) that picocli lets through
            err.println("easimage: " + message(e));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.of(e).code();
        }
    }

    /** One line saying what went wrong, without a stack trace. */
    static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof OutputExistsException o && o.replaceable()) {
            return o.path() + ": output already exists; add --overwrite (-y) to replace it";
        }
        if (e instanceof NotEnoughMemoryException m) {
            return oneLine(m.getMessage()) + (m.suggestedMaxHeap() > 0
                    ? "; set it with EASIMAGE_JAVA_OPTS=-Xmx" + (m.suggestedMaxHeap() >> 30) + "g" : "");
        }
        OutOfMemoryError oom = ExitCode.outOfMemory(e);
        if (oom != null) {
            long max = Runtime.getRuntime().maxMemory();
            long suggested = Math.max(2, 2 * ((max + (1L << 30) - 1) >> 30));
            return "out of memory (" + oneLine(oom.getMessage()) + "; the maximum heap is " + (max >> 20)
                    + " MiB): raise it with EASIMAGE_JAVA_OPTS=-Xmx" + suggested + "g";
        }
        if (e instanceof StackOverflowError) {
            return "internal error: stack overflow (run with --debug for details)";
        }
        if (e instanceof EasimageException || e instanceof IllegalArgumentException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof java.io.IOException) {
            return oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return "internal error: " + oneLine(e.toString()) + " (run with --debug for details)";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
