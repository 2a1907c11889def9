package org.easimage.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputExistsException;
import org.easimage.io.TruncatedInputException;
import org.easimage.pipeline.NotEnoughMemoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code easimage} command line: subcommands, error messages and exit codes. Text goes through picocli's
 * {@link CommandLine#getOut()} and {@link CommandLine#getErr()}; the raw standard streams given to {@link #run} are
 * what a path of {@code -} reads and writes (pipes).
 */
@Command(name = "easimage", mixinStandardHelpOptions = true, version = "easimage 0.1.0",
        description = "Read, convert, transform and inspect sequences of 2D frames (camera recordings, videos, "
                + "image stacks).",
        footer = {"", "Option values: ':' separates the parts of one value (--range 0:100:2, --clahe 2:8x8, "
                + "--crop 1:2:3:4), 'x' joins width and height (640x480), times are seconds (12.5), HH:MM:SS.ms or "
                + "ISO-8601 instants.",
                "", "Exit codes: 0 ok, 1 unexpected failure, 2 usage (bad option, or one the output format cannot "
                + "take), 3 missing, unreadable or corrupt input, 4 output exists, 5 output write failed, 6 not "
                + "enough memory, 130/143 interrupted.",
                "JVM options (e.g. a larger heap: EASIMAGE_JAVA_OPTS=-Xmx8g) go in EASIMAGE_JAVA_OPTS."})
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them. picocli builds a command's model (every option, by
     * reflection) when the command is added, which took 0.3 s of every run for all of them; so a command line that
     * names one gets that one only (see {@link #commandsFor}).
     */
    private static final List<Class<?>> COMMANDS = List.of(InfoCommand.class, ConvertCommand.class,
            FramesCommand.class, BatchCommand.class, MosaicCommand.class, SheetCommand.class, DemoCommand.class,
            FormatsCommand.class, CommandLine.HelpCommand.class);

    /** The commands that take the transform options ({@link TransformArgs}). */
    private static final Set<String> TRANSFORMING = Set.of("convert", "frames", "batch", "mosaic");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What {@code -} reads as an input. */
    final InputStream stdin;
    /** What {@code -} writes as an output: binary, unbuffered by us (the writers buffer). */
    final OutputStream stdout;

    Main(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command (try --help)");
    }

    public static void main(String[] args) {
        // pipes get the file descriptor itself: System.out is a PrintStream, which hides write errors (a closed pipe)
        System.exit(run(args, System.in, new FileOutputStream(FileDescriptor.out), System.out, System.err));
    }

    /** Runs the command line with the given text streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, out, err);
    }

    /**
     * Runs the command line: {@code stdin} and {@code stdout} are what {@code -} reads and writes, {@code out}
     * and {@code err} receive text. Returns the exit code.
     */
    public static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(stdin, stdout));
        for (Class<?> command : commandsFor(args)) {
            cl.addSubcommand(command);
        }
        for (String name : TRANSFORMING) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (sub != null) {
                TransformArgs.register(sub.getCommandSpec());
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        PrintWriter errors = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setErr(errors);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            report(errors, ex, debug(parseResult));
            return ExitCode.of(ex).code();
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            errors.println("easimage: " + oneLine(ex.getMessage()));
            errors.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE.code();
        });
        try {
            return cl.execute(args);
        } catch (Throwable e) { // an Error (OutOfMemoryError, StackOverflowError...) that picocli lets through
            report(errors, e, debug(cl.getParseResult()));
            return ExitCode.of(e).code();
        } finally {
            cl.getOut().flush();
            errors.flush();
        }
    }

    /**
     * The subcommands to build for {@code args}: the one named by the first argument that is not an option (the
     * top-level options, --help and --version, take no value), or all of them when it names none, names
     * {@code help}, or is unknown (so help lists them all and a typo gets picocli's suggestions).
     */
    static List<Class<?>> commandsFor(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            for (Class<?> c : COMMANDS) {
                String name = c.getAnnotation(Command.class).name();
                if (name.equals(a) && !name.equals("help")) {
                    return List.of(c);
                }
            }
            break;
        }
        return COMMANDS;
    }

    /** True when the command that ran was given {@code --debug}. */
    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static void report(PrintWriter err, Throwable e, boolean debug) {
        err.println("easimage: " + message(e));
        if (debug) {
            e.printStackTrace(err);
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
        if (e instanceof TruncatedInputException t && !t.getMessage().contains("--salvage")) {
            return oneLine(t.getMessage()) + "; add --salvage to read the " + t.completeFrames()
                    + " complete frame(s)";
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

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
