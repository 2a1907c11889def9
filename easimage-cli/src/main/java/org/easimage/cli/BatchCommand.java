package org.easimage.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.easimage.io.AtomicOutput;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.Formats;
import org.easimage.io.NaturalOrder;
import org.easimage.io.Overwrite;
import org.easimage.io.ProbeInput;
import org.easimage.io.SequenceReader;
import org.easimage.io.StandardStreams;
import org.easimage.io.WriteOptions;
import org.easimage.io.images.ImageFileType;
import org.easimage.pipeline.Conversion;
import org.easimage.pipeline.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code easimage batch IN... --out-dir DIR --ext mkv}: archives many recordings, in parallel within a memory
 * budget. The plan (every input and its output) is made and checked first: outputs that collide or would write
 * over an input are refused before any work, and {@code --dry-run} stops there. A folder's files are taken one by
 * one (with {@code -R}, its subfolders too, mirrored under the output folder), except image files, which make one
 * sequence per folder. With {@code --skip-existing} a rerun converts only what is missing (outputs appear whole or
 * not at all, so an existing one is complete). One failing file does not stop the others; a summary table ends
 * the run and {@code --report} writes it as JSON.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Convert many inputs (files, or the recognised files of folders) into an output folder.",
                "Image files in a folder make one sequence (named after the folder); other files are converted one "
                        + "by one. The plan is printed first; a summary table ends the run."})
final class BatchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input files or folders.")
    List<Path> inputs;

    @Option(names = {"-o", "--out-dir"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path outDir;

    @Option(names = "--ext", required = true, paramLabel = "EXT", description = "Output extension, e.g. mkv, mp4, tif, seq.")
    String ext;

    @Option(names = {"-R", "--recursive"}, description = "Take the subfolders of folder inputs too, mirroring their tree under the output folder.")
    boolean recursive;

    @Option(names = "--skip-existing", description = "Skip inputs whose output exists (resume an interrupted run: only what is missing is done).")
    boolean skipExisting;

    @Option(names = {"-n", "--dry-run"}, description = "Print the plan and stop: nothing is converted or created.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the results as JSON to FILE (replaced if it exists).")
    Path report;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Conversions at once (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int jobs;

    @Option(names = "--memory", paramLabel = "MB", description = "Memory budget for frames in flight, all jobs together (default and maximum: half the JVM's heap).")
    Long memoryMb;

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

    /** One conversion of the plan: an input (a file, or a folder of images) and its output. */
    record Item(Path input, Path output, boolean imageSequence) {
    }

    /** What became of an item. */
    record Outcome(Item item, String status, int frames, double seconds, long bytes, int exitCode, String message) {
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (jobs < 1 || (memoryMb != null && memoryMb < 1)) {
            throw new CommandLine.ParameterException(cl, "--jobs and --memory must be positive");
        }
        String extension = ext.startsWith(".") ? ext.substring(1) : ext;
        Path probe = outDir.resolve("x." + extension);
        Format format = options.outputFormat(probe, null, outputOptions);
        WriteOptions wo = options.writeOptions(format, probe, outputOptions,
                new StandardStreams(main.stdin, main.stdout));
        FrameTransform chain = TransformArgs.chain(spec);
        var range = options.frameRange();
        var times = options.timeRange();
        var rate = outputOptions.playbackRate(cl);
        List<Item> plan = plan(inputs, recursive, outDir, extension);
        String collisions = collisions(plan);
        if (!collisions.isEmpty()) {
            throw new CommandLine.ParameterException(cl, collisions);
        }
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        List<Item> todo = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Item it : plan) {
            boolean exists = Files.exists(it.output());
            if (exists && skipExisting) {
                outcomes.add(new Outcome(it, "skipped", 0, 0, size(it.output()), 0, "output exists"));
            } else {
                todo.add(it);
            }
        }
        if (!options.quiet || dryRun) {
            out.println("plan: " + plan.size() + " input(s) -> " + outDir + ": " + todo.size() + " to convert"
                    + (skipExisting ? ", " + (plan.size() - todo.size()) + " to skip (output exists)" : ""));
            for (Item it : plan) {
                out.println("  " + (todo.contains(it) ? "convert" : "skip   ") + "  " + it.input()
                        + (it.imageSequence() ? " (image sequence)" : "") + " -> " + it.output());
            }
            out.flush();
        }
        if (dryRun) {
            return 0;
        }
        Files.createDirectories(outDir);
        long frameHeap = MemoryBudget.frameHeap();
        if (memoryMb != null && (memoryMb << 20) > frameHeap && !options.quiet) {
            err.println("notice: --memory " + memoryMb + " is more than half the JVM's heap; using "
                    + (frameHeap >> 20) + " MB (raise the heap with EASIMAGE_JAVA_OPTS=-Xmx...)");
        }
        MemoryBudget budget = new MemoryBudget(memoryMb == null ? frameHeap : Math.min(memoryMb << 20, frameHeap));
        int threadsPerJob = Math.max(1, options.threads() / jobs);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<Outcome>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        for (Item it : todo) {
            results.add(pool.submit(() -> {
                long s0 = System.nanoTime();
                try {
                    Files.createDirectories(it.output().getParent());
                    Conversion.Result r = Conversion.builder(it.input(), it.output())
                            .readOptions(options.readOptions(outputOptions)).writeOptions(wo).transform(chain)
                            .range(range).times(times).playbackRate(rate).threads(threadsPerJob)
                            .memoryBudget(budget).build().run();
                    if (!options.quiet) {
                        synchronized (out) {
                            out.println("ok    " + it.input() + ": " + ConvertCommand.summary(r));
                            out.flush();
                        }
                    }
                    return new Outcome(it, "converted", r.frames(), r.elapsed().toNanos() / 1e9, r.outputBytes(), 0,
                            "");
                } catch (Exception | OutOfMemoryError e) { // one file out of memory does not stop the others
                    String msg = Main.message(e);
                    PrintWriter w = options.quiet ? err : out;
                    synchronized (out) {
                        // most messages name the file already (an EasimageException begins with its path)
                        w.println("FAIL  " + (msg.startsWith(it.input() + ": ") ? msg : it.input() + ": " + msg));
                        w.flush();
                    }
                    return new Outcome(it, "failed", 0, (System.nanoTime() - s0) / 1e9, -1, ExitCode.of(e).code(),
                            msg);
                }
            }));
        }
        pool.shutdown();
        for (Future<Outcome> f : results) {
            outcomes.add(f.get());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        outcomes.sort((a, b) -> Integer.compare(plan.indexOf(a.item()), plan.indexOf(b.item())));
        int failed = (int) outcomes.stream().filter(o -> o.status().equals("failed")).count();
        int skipped = plan.size() - todo.size();
        if (!options.quiet) {
            table(out, outcomes);
            out.println("Done");
            out.println(String.format(Locale.ROOT, "%d input(s): %d converted, %d skipped, %d failed, in %.1f s",
                    plan.size(), todo.size() - failed, skipped, failed, elapsed));
        }
        if (report != null) {
            writeReport(started, elapsed, outcomes);
        }
        out.flush();
        return outcomes.stream().mapToInt(Outcome::exitCode).filter(c -> c != 0).findFirst().orElse(0);
    }

    /** The summary: one aligned row per input, in plan order. */
    static void table(PrintWriter out, List<Outcome> outcomes) {
        int in = "INPUT".length();
        int o = "OUTPUT".length();
        for (Outcome r : outcomes) {
            in = Math.max(in, r.item().input().toString().length());
            o = Math.max(o, r.item().output().toString().length());
        }
        String row = "%-9s  %-" + in + "s  %-" + o + "s  %8s  %9s  %10s  %s%n";
        out.printf(Locale.ROOT, row, "STATUS", "INPUT", "OUTPUT", "FRAMES", "SECONDS", "SIZE", "NOTE");
        for (Outcome r : outcomes) {
            out.printf(Locale.ROOT, row, r.status(), r.item().input(), r.item().output(),
                    r.status().equals("converted") ? Integer.toString(r.frames()) : "-",
                    r.status().equals("skipped") ? "-" : String.format(Locale.ROOT, "%.2f", r.seconds()),
                    r.bytes() >= 0 ? ConvertCommand.humanBytes(r.bytes()) : "-", r.message());
        }
    }

    private void writeReport(Instant started, double elapsed, List<Outcome> outcomes) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outDir", outDir.toString());
        m.put("extension", ext);
        m.put("started", started);
        m.put("elapsedSeconds", Math.round(elapsed * 1000) / 1000.0);
        m.put("converted", outcomes.stream().filter(o -> o.status().equals("converted")).count());
        m.put("skipped", outcomes.stream().filter(o -> o.status().equals("skipped")).count());
        m.put("failed", outcomes.stream().filter(o -> o.status().equals("failed")).count());
        List<Object> items = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("input", o.item().input().toString());
            i.put("output", o.item().output().toString());
            i.put("imageSequence", o.item().imageSequence());
            i.put("status", o.status());
            i.put("frames", o.status().equals("converted") ? o.frames() : null);
            i.put("seconds", o.status().equals("skipped") ? null : Math.round(o.seconds() * 1000) / 1000.0);
            i.put("bytes", o.bytes() >= 0 ? o.bytes() : null);
            i.put("exitCode", o.exitCode());
            i.put("error", o.status().equals("failed") ? o.message() : null);
            items.add(i);
        }
        m.put("items", items);
        Path parent = report.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (AtomicOutput a = AtomicOutput.file(report.toAbsolutePath(), Overwrite.REPLACE)) {
            Files.writeString(a.temporary(), Json.write(m) + "\n", StandardCharsets.UTF_8);
            a.commit();
        }
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Why the plan cannot run as given, or "" when it can: two inputs that would be written to one output (their
     * names differ only by extension, or by case, which some file systems ignore), or an output that is one of the
     * inputs. Checked before any work, so nothing is lost silently.
     */
    static String collisions(List<Item> plan) throws IOException {
        Map<String, Path> byTarget = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Item it : plan) {
            String key = it.output().toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT);
            Path other = byTarget.putIfAbsent(key, it.input());
            if (other != null) {
                problems.add(other + " and " + it.input() + " would both be written to " + it.output());
            }
        }
        Set<Path> real = new HashSet<>();
        for (Item it : plan) {
            if (Files.exists(it.input())) {
                real.add(it.input().toRealPath());
            }
        }
        for (Item it : plan) {
            Path t = it.output();
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

    /**
     * The conversions for {@code inputs}: a file as given (output {@code DIR/stem.ext}); a folder's readable files
     * one by one, and its image files as one sequence named after the folder; with {@code recursive} its
     * subfolders too, at the same relative place under {@code outDir}. Hidden files and folders are skipped, and so
     * is {@code outDir} when it lies inside an input folder: its files are this batch's outputs, and taking them as
     * inputs would make a rerun (--skip-existing) convert its own outputs or refuse them as collisions.
     */
    static List<Item> plan(List<Path> inputs, boolean recursive, Path outDir, String ext) throws IOException {
        Set<String> readable = FormatRegistry.getDefault().formats().stream().filter(Format::canRead)
                .flatMap(f -> f.extensions().stream()).collect(Collectors.toSet());
        List<Item> items = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                folder(p, outDir, recursive, readable, ext, items, true, outDir);
            } else {
                items.add(new Item(p, outDir.resolve(stem(p) + "." + ext), false));
            }
        }
        return items;
    }

    private static void folder(Path dir, Path target, boolean recursive, Set<String> readable, String ext,
            List<Item> items, boolean root, Path outDir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path q : (Iterable<Path>) s::iterator) {
                if (q.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(q)) {
                    if (!(Files.isDirectory(outDir) && Files.isSameFile(q, outDir))) {
                        folders.add(q);
                    }
                } else if (Files.isRegularFile(q) && readable.contains(ProbeInput.extensionOf(q))) {
                    files.add(q);
                }
            }
        }
        files.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        folders.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        List<Path> images = files.stream().filter(BatchCommand::isImage).toList();
        if (!images.isEmpty() && !isStack(images.get(0))) {
            // the images of a folder are the frames of one sequence, written beside the folder's other outputs
            Path name = dir.toAbsolutePath().normalize().getFileName();
            Path out = (root ? target : target.getParent()).resolve((name == null ? "images" : name.toString())
                    + "." + ext);
            items.add(new Item(dir, out, true));
            files.removeAll(images);
        }
        for (Path f : files) {
            items.add(new Item(f, target.resolve(stem(f) + "." + ext), false));
        }
        if (recursive) {
            for (Path sub : folders) {
                folder(sub, target.resolve(sub.getFileName().toString()), true, readable, ext, items, false, outDir);
            }
        }
    }

    private static boolean isImage(Path p) {
        return ImageFileType.ofExtension(ProbeInput.extensionOf(p)) != null;
    }

    /** True for a multi-page TIFF: a recording of its own, not one frame of the folder's sequence. */
    private static boolean isStack(Path image) {
        if (ImageFileType.ofExtension(ProbeInput.extensionOf(image)) != ImageFileType.TIFF) {
            return false;
        }
        try (SequenceReader r = Formats.open(image, org.easimage.io.ReadOptions.defaults().withWarnings(w -> { }))) {
            return r.frameCount() > 1;
        } catch (IOException | RuntimeException e) {
            return false; // a TIFF that does not open is left to the sequence, which reports it
        }
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
