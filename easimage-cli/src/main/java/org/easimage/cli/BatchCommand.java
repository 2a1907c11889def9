package org.easimage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.easimage.frame.FrameTransform;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.ProbeInput;
import org.easimage.io.WriteOptions;
import org.easimage.pipeline.Conversion;
import org.easimage.pipeline.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code easimage batch IN... --out-dir DIR --ext mp4}: converts many files in parallel within a memory budget.
 * One line per file; one failing file does not stop the others.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Convert several inputs (files, or every recognised file of a folder) into an output folder.",
                "Runs JOBS conversions at once within a memory budget; prints one line per file and a final count."})
final class BatchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input files or folders (a folder's files are taken one by one, not as an image sequence).")
    List<Path> inputs;

    @Option(names = {"-o", "--out-dir"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path outDir;

    @Option(names = "--ext", required = true, paramLabel = "EXT", description = "Output extension, e.g. mp4, mkv, tif, seq.")
    String ext;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Conversions at once (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int jobs;

    @Option(names = "--memory", paramLabel = "MB", description = "Memory budget for frames in flight, all jobs together (default and maximum: half the JVM's heap).")
    Long memoryMb;

    @Mixin
    ConversionOptions options;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1 || (memoryMb != null && memoryMb < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs and --memory must be positive");
        }
        String extension = ext.startsWith(".") ? ext.substring(1) : ext;
        WriteOptions wo = options.writeOptions();
        options.checkOutput(spec.commandLine(), outDir.resolve("x." + extension), wo);
        List<Path> files = expand(inputs);
        List<Path> targets = new ArrayList<>();
        for (Path in : files) {
            targets.add(outDir.resolve(stem(in) + "." + extension));
        }
        String collisions = collisions(files, targets);
        if (!collisions.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), collisions);
        }
        Files.createDirectories(outDir);
        FrameTransform chain = TransformArgs.chain(spec);
        long frameHeap = MemoryBudget.frameHeap();
        if (memoryMb != null && (memoryMb << 20) > frameHeap) {
            Streams.err().println("notice: --memory " + memoryMb + " is more than half the JVM's heap; using "
                    + (frameHeap >> 20) + " MB (raise the heap with EASIMAGE_JAVA_OPTS=-Xmx...)");
        }
        MemoryBudget budget = new MemoryBudget(memoryMb == null ? frameHeap : Math.min(memoryMb << 20, frameHeap));
        int threadsPerJob = Math.max(1, options.threads() / jobs);
        PrintStream out = Streams.out();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<Integer>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < files.size(); k++) {
            Path in = files.get(k);
            Path target = targets.get(k);
            results.add(pool.submit(() -> {
                try {
                    Conversion.Result r = Conversion.builder(in, target).readOptions(options.readOptions())
                            .writeOptions(wo).transform(chain).range(options.frameRange()).playbackRate(options.playbackRate()).threads(threadsPerJob)
                            .memoryBudget(budget).build().run();
                    synchronized (out) {
                        out.println("ok    " + in + ": " + ConvertCommand.summary(r));
                    }
                    return 0;
                } catch (Exception | OutOfMemoryError e) { // one file out of memory does not stop the others
                    synchronized (out) {
                        out.println("FAIL  " + in + ": " + Main.message(e));
                    }
                    return ExitCode.of(e).code();
                }
            }));
        }
        pool.shutdown();
        int failed = 0;
        int firstCode = 0;
        for (Future<Integer> f : results) {
            int code = f.get();
            if (code != 0) {
                failed++;
                firstCode = firstCode == 0 ? code : firstCode;
            }
        }
        out.println("Done");
        out.println(String.format(Locale.ROOT, "%d file(s): %d converted, %d failed, in %.1f s", files.size(),
                files.size() - failed, failed, (System.nanoTime() - t0) / 1e9));
        return firstCode;
    }

    /**
     * Why the plan cannot run as given, or "" when it can: two inputs that would be written to one output (their
     * names differ only by extension, or by case, which some file systems ignore), or an output that is one of the
     * inputs. Checked before any work, so nothing is lost silently.
     */
    static String collisions(List<Path> inputs, List<Path> targets) throws IOException {
        Map<String, Path> byTarget = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            String key = targets.get(k).toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT);
            Path other = byTarget.putIfAbsent(key, inputs.get(k));
            if (other != null) {
                problems.add(other + " and " + inputs.get(k) + " would both be written to " + targets.get(k));
            }
        }
        Set<Path> real = new HashSet<>();
        for (Path in : inputs) {
            if (Files.exists(in)) {
                real.add(in.toRealPath());
            }
        }
        for (Path t : targets) {
            if (Files.exists(t) && real.contains(t.toRealPath())) {
                problems.add(t + " is an input and would be written over");
            }
        }
        if (problems.isEmpty()) {
            return "";
        }
        return "the outputs collide, so nothing was converted: " + String.join("; ", problems)
                + " (give such inputs separate runs or output folders)";
    }

    /** Files as given, and the files of folders whose extension some format reads (hidden files skipped). */
    static List<Path> expand(List<Path> inputs) throws IOException {
        Set<String> readable = FormatRegistry.getDefault().formats().stream().filter(Format::canRead)
                .flatMap(f -> f.extensions().stream()).collect(Collectors.toSet());
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(q -> !q.getFileName().toString().startsWith("."))
                            .filter(q -> readable.contains(ProbeInput.extensionOf(q))).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
