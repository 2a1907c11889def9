package org.easimage.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.OutputExistsException;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;
import org.easimage.frame.IntoTransform;

/**
 * Streams a sequence from any readable format to any writable one, with optional transforms in between.
 *
 * <p>Reading, transforming and writing run at the same time: a reader thread, a transform stage on N threads and
 * the writer (on the thread that calls {@link #run()}). They are joined by one bounded queue of futures kept in
 * frame order, so a fixed number of frames are in flight whatever the input's length: memory stays flat and order
 * is kept without a reorder buffer. The queue's length and the threads are sized from the frame size and the
 * memory available ({@code MemoryPlan}), so huge frames shorten the queue; a job that cannot fit is refused with
 * {@link NotEnoughMemoryException} before any work.
 *
 * <p>Before any work, in this order: the write options are checked against the output format
 * ({@link FormatRegistry#checkWrite}, {@code UnsupportedOutputException}), an existing destination is refused
 * ({@code OutputExistsException}), the input is opened, the transforms and the output format are checked against
 * its frames, and the memory is planned. The first failure in any stage stops the others and reaches the caller
 * as the original exception; the output is then discarded (the writer never publishes a partial file).
 *
 * <pre>{@code
 * Conversion.Result r = Conversion.builder(Path.of("run.seq"), Path.of("run.mp4"))
 *         .transform(someTransform).range(FrameRange.parse("0:1000")).build().run();
 * }</pre>
 */
public final class Conversion {

    /** What a finished conversion did. */
    public record Result(Path output, int frames, Duration elapsed, long outputBytes) {
        public double framesPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? frames / s : 0;
        }
    }

    private final Path input;
    /** Frames given open instead of an input to open (null when converting {@code input}). */
    private final SequenceReader source;
    private final Path output;
    private final ReadOptions readOptions;
    private final WriteOptions writeOptions;
    private final FrameTransform transform;
    private final FrameRange range;
    private final TimeRange times;
    private final Rational playbackRate;
    private final int threads;
    private final int queueCapacity;
    private final MemoryPlan.Machine machine;
    private final ProgressListener listener;
    private final MemoryBudget budget;
    private final FormatRegistry registry;

    private volatile boolean cancelled;
    private volatile Thread runner;
    private volatile Thread readerThread;

    private Conversion(Builder b) {
        this.input = b.input;
        this.source = b.source;
        this.output = b.output;
        this.readOptions = b.readOptions;
        this.writeOptions = b.writeOptions;
        this.transform = b.transform;
        this.range = b.range;
        this.times = b.times;
        this.playbackRate = b.playbackRate;
        this.threads = b.threads;
        this.queueCapacity = b.queueCapacity;
        this.machine = b.machine;
        this.listener = b.listener;
        this.budget = b.budget;
        this.registry = b.registry;
    }

    public static Builder builder(Path input, Path output) {
        return new Builder(Objects.requireNonNull(input, "input"), null, output);
    }

    /**
     * A conversion of the frames of {@code source}, a reader already open (e.g. a mosaic, or a view the caller
     * made): it is read like an input file, but the caller keeps it and closes it. Its {@link
     * SequenceReader#sourceFiles()} are never written over.
     */
    public static Builder builder(SequenceReader source, Path output) {
        return new Builder(null, Objects.requireNonNull(source, "source"), output);
    }

    /** Runs the conversion to completion on the calling thread (plus its reader and transform threads). */
    public Result run() throws IOException {
        long t0 = System.nanoTime();
        runner = Thread.currentThread();
        try {
            // usage errors first, then an existing destination, both before opening (possibly indexing) the input
            Format format = registry.checkWrite(output, writeOptions);
            format.checkDestination(output, writeOptions);
            try (SequenceReader source = this.source != null ? new Unclosed(this.source)
                    : registry.open(input, readOptions)) {
                int n = source.frameCount();
                int[] r = times != null ? times.resolve(source) : range.resolve(n);
                int step = times != null ? 1 : range.step();
                SequenceReader in = r[0] == 0 && r[1] == n && step == 1 ? source
                        : new Unclosed(source).slice(r[0], r[1], step);
                SequenceReader untransformed = in;
                if (transform != null) {
                    in = in.map(transform); // checks that the transform accepts this input before any work
                }
                WriteOptions wo = writeOptions;
                if (playbackRate != null) {
                    wo = wo.withFrameRate(playbackRate);
                } else if (wo.frameRate() == null && in.info().frameRate().isPresent()) {
                    wo = wo.withFrameRate(in.info().frameRate().get());
                }
                format.checkFrames(output, in.spec(), wo);
                FrameTransform bound = transform == null ? null : bind(new Named(untransformed, inputName()));
                Route route = Route.of(source, bound, format, output, wo);
                long heapBudget = budget != null ? Math.min(budget.total(), MemoryBudget.frameHeap())
                        : MemoryBudget.frameHeap();
                boolean shared = budget != null && budget.total() < MemoryBudget.frameHeap();
                MemoryPlan plan;
                try {
                    plan = plan(route, format, wo, heapBudget, shared);
                } catch (NotEnoughMemoryException e) {
                    if (route.intake() == null) {
                        throw e;
                    }
                    // the writer's intake holds a converted copy of each frame in flight: without it the writer
                    // converts on its own thread, slower, but a job that fits without it must not fail for it
                    route = route.withoutIntake();
                    plan = plan(route, format, wo, heapBudget, shared);
                }
                long reserved = 0;
                if (budget != null) {
                    try {
                        reserved = budget.acquire(plan.heapBytes());
                    } catch (InterruptedException e) {
                        throw new ConversionCancelledException(output);
                    }
                }
                try (SequenceWriter out = format.create(output, wo)) {
                    out.expect(in.frameCount(), r[0], step);
                    refuseWritingOver(source, out);
                    out.inherit(source.info(), transform == null);
                    int frames = pump(source, r[0], step, in.frameCount(), route, out, plan);
                    out.finish();
                    return new Result(output, frames, Duration.ofNanos(System.nanoTime() - t0), sizeOf(out.destinations()));
                } finally {
                    if (route.intake() instanceof AutoCloseable c) {
                        closeQuietly(c);
                    }
                    if (budget != null) {
                        budget.release(reserved);
                    }
                }
            }
        } finally {
            runner = null;
        }
    }

    private MemoryPlan plan(Route route, Format format, WriteOptions wo, long heapBudget, boolean shared)
            throws NotEnoughMemoryException {
        return MemoryPlan.of(input != null ? input : output, route.largest(), route.output(), !route.steps().isEmpty(),
                threads, queueCapacity, heapBudget, shared, format.writerNativeBytes(output, route.output(), wo),
                machine, writeOptions.warnings());
    }

    /**
     * A job never replaces a file it reads ({@code convert a.mp4 a.mp4 --overwrite} would re-encode the original
     * away; an image pattern may name the input's own files): refused before any frame, whatever the overwrite mode.
     */
    private void refuseWritingOver(SequenceReader source, SequenceWriter out) throws IOException {
        List<Path> inputs = new ArrayList<>(source.sourceFiles());
        if (input != null) {
            inputs.add(input);
        }
        for (Path d : out.destinations()) {
            if (!Files.exists(d)) {
                continue;
            }
            for (Path i : inputs) {
                if (Files.exists(i) && Files.isSameFile(d, i)) {
                    throw new OutputExistsException(d, "is an input of this job; easimage never writes over "
                            + "its own input (choose another output name)");
                }
            }
        }
    }

    /**
     * The frame as the writer must see it to store it {@code i / playbackRate} after the first: no recorded time,
     * and the first frame's absolute timestamp only (it stays the output's start).
     */
    private static Frame retimed(Frame f, int i) {
        return f.withTime(null).withTimestamp(i == 0 ? f.timestamp().orElse(null) : null);
    }

    /** Asks a running conversion to stop; {@link #run()} then throws {@link ConversionCancelledException}. */
    public void cancel() {
        cancelled = true;
        Thread t = readerThread;
        if (t != null) {
            t.interrupt();
        }
        Thread w = runner;
        if (w != null) {
            w.interrupt();
        }
    }

    private static final Future<Slot> END = CompletableFuture.completedFuture(null);

    /** The input's file name, for transforms that show it (an annotation's {@code {file}}). */
    private String inputName() {
        Path in = input != null ? input
                : source.sourceFiles().isEmpty() ? null : source.sourceFiles().get(0);
        if (in == null) {
            return ""; // frames given open with no file behind them (a mosaic of generated sources)
        }
        Path name = in.getFileName();
        return name == null ? in.toString() : name.toString();
    }

    /**
     * The transform bound, once for all worker threads, to the frames it will see (the range asked for, not the
     * whole file): a sequence-wide transform such as {@code to_8bit(auto)} measures them here.
     */
    private FrameTransform bind(org.easimage.frame.FrameSource frames) throws IOException {
        FrameTransform bound;
        try {
            bound = transform.bind(frames);
        } catch (IOException | RuntimeException e) {
            if (cancelled) {
                throw new ConversionCancelledException(output);
            }
            throw e;
        }
        if (cancelled) {
            throw new ConversionCancelledException(output);
        }
        return bound;
    }

    /** A frame on its way to the writer, and whether its storage is the pipeline's to recycle once written. */
    private record Slot(Frame frame, boolean recyclable) {
    }

    private int pump(SequenceReader source, int first, int step, int count, Route route, SequenceWriter out,
                     MemoryPlan plan) throws IOException {
        int queueCapacity = plan.queueCapacity();
        int threads = plan.threads();
        BlockingQueue<Future<Slot>> ordered = new ArrayBlockingQueue<>(queueCapacity);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Frames in flight: the queue, the one being read, the one being written, and each worker's two
        FramePool pool = new FramePool(queueCapacity + 2 + 2 * threads);
        List<FrameTransform> steps = route.steps();
        ExecutorService workers = !steps.isEmpty() && threads > 0
                ? Executors.newFixedThreadPool(threads, daemon("easimage-transform")) : null;
        Thread reader = daemon("easimage-read").newThread(() -> {
            try {
                for (int i = 0; i < count && failure.get() == null && !cancelled; i++) {
                    int index = first + i * step;
                    Frame f = route.nativeReader() != null
                            ? route.nativeReader().readNative(index, pool.take(route.input()))
                            : source.read(index, pool.poll(route.input()));
                    Future<Slot> next;
                    if (steps.isEmpty()) {
                        next = CompletableFuture.completedFuture(new Slot(f, true));
                    } else if (workers == null) {
                        next = CompletableFuture.completedFuture(transform(f, steps, pool));
                    } else {
                        next = workers.submit(() -> transform(f, steps, pool));
                    }
                    ordered.put(next);
                }
                ordered.put(END);
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new ConversionCancelledException(output));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        readerThread = reader;
        listener.started(count);
        long start = System.nanoTime();
        int done = 0;
        reader.start();
        try {
            while (true) {
                if (cancelled) {
                    throw new ConversionCancelledException(output);
                }
                Throwable t = failure.get();
                if (t != null) {
                    throw t;
                }
                Future<Slot> next = ordered.poll(50, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                if (next == END) {
                    break;
                }
                Slot s;
                try {
                    s = next.get();
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
                out.write(playbackRate == null ? s.frame() : retimed(s.frame(), done));
                if (s.recyclable()) {
                    pool.give(s.frame()); // a writer is done with a frame once write returns
                }
                done++;
                listener.progress(done, count, done / Math.max(1e-9, (System.nanoTime() - start) / 1e9));
            }
            return done;
        } catch (InterruptedException e) {
            throw new ConversionCancelledException(output);
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            throw e;
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            throw new IOException(e);
        } finally {
            if (failure.get() != null || cancelled) {
                reader.interrupt();
                for (Future<Slot> f; (f = ordered.poll()) != null;) {
                    f.cancel(true);
                }
            }
            if (workers != null) {
                workers.shutdownNow();
                awaitQuietly(workers); // a transform still running must not outlive the steps it uses (closed next)
            }
            joinQuietly(reader);
            readerThread = null;
        }
    }

    /**
     * Runs the steps on one frame the pipeline owns. A step that writes into an output it is given
     * ({@link IntoTransform}) gets a recycled frame, and its input goes back to the pool at once (the contract:
     * the result is over the output's pixels, never the input's); after any other step, whose result may share
     * its input's memory, neither is recycled.
     */
    private static Slot transform(Frame input, List<FrameTransform> steps, FramePool pool) {
        Frame cur = input;
        boolean recyclable = true;
        for (FrameTransform t : steps) {
            if (t instanceof IntoTransform into) {
                Frame r = into.applyInto(cur, pool.take(t.outputSpec(cur.spec())));
                if (recyclable) {
                    pool.give(cur);
                }
                cur = r;
                recyclable = true;
            } else {
                Frame r = t.apply(cur);
                recyclable &= r == cur;
                cur = r;
            }
        }
        return new Slot(cur, recyclable);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the step's own resources only; the conversion's outcome is already decided
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Bytes published: the files of the output (every file under a folder output), -1 when unknown. */
    private static long sizeOf(List<Path> published) {
        long total = 0;
        try {
            for (Path p : published) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        for (Path q : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                            total += Files.size(q);
                        }
                    }
                } else {
                    total += Files.size(p);
                }
            }
            return total;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** A view that does not close its source (the conversion closes the source itself). */
    private record Unclosed(SequenceReader source) implements SequenceReader {
        @Override
        public org.easimage.io.SequenceInfo info() {
            return source.info();
        }

        @Override
        public Frame read(int index) throws IOException {
            return source.read(index);
        }

        @Override
        public Frame read(int index, Frame reuse) throws IOException {
            return source.read(index, reuse);
        }

        @Override
        public List<Path> sourceFiles() {
            return source.sourceFiles();
        }

        @Override
        public java.util.Optional<Duration> time(int index) throws IOException {
            return source.time(index);
        }

        @Override
        public java.util.Optional<java.time.Instant> timestamp(int index) throws IOException {
            return source.timestamp(index);
        }

        @Override
        public void close() {
        }
    }

    /** Frames of a reader under a name (the input file's), for transforms that show where frames come from. */
    private record Named(SequenceReader frames, String name) implements org.easimage.frame.FrameSource {
        @Override
        public int frameCount() {
            return frames.frameCount();
        }

        @Override
        public org.easimage.frame.FrameSpec spec() {
            return frames.spec();
        }

        @Override
        public Frame read(int index) throws IOException {
            return frames.read(index);
        }
    }

    /** Options of a {@link Conversion}; defaults: all frames, no transform, a transform thread per core. */
    public static final class Builder {
        private final Path input;
        private final SequenceReader source;
        private final Path output;
        private ReadOptions readOptions = ReadOptions.defaults();
        private WriteOptions writeOptions = WriteOptions.defaults();
        private FrameTransform transform;
        private FrameRange range = FrameRange.ALL;
        private TimeRange times;
        private Rational playbackRate;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int queueCapacity;
        private MemoryPlan.Machine machine = MemoryPlan.Machine.current();
        private ProgressListener listener = ProgressListener.NONE;
        private MemoryBudget budget;
        private FormatRegistry registry = FormatRegistry.getDefault();

        private Builder(Path input, SequenceReader source, Path output) {
            this.input = input;
            this.source = source;
            this.output = Objects.requireNonNull(output, "output");
        }

        public Builder readOptions(ReadOptions o) {
            this.readOptions = Objects.requireNonNull(o);
            return this;
        }

        public Builder writeOptions(WriteOptions o) {
            this.writeOptions = Objects.requireNonNull(o);
            return this;
        }

        /**
         * Transform applied to every frame ({@code null} for none); must be thread-safe. It is bound
         * ({@link FrameTransform#bind}) once to the frames converted (the range, not the whole file) before the
         * first one is read.
         */
        public Builder transform(FrameTransform t) {
            this.transform = t;
            return this;
        }

        /** Frames by index (default: all); see {@link #times} to select them by time instead. */
        public Builder range(FrameRange r) {
            this.range = Objects.requireNonNull(r);
            return this;
        }

        /**
         * Frames by time ({@code null}: by {@link #range}); resolved on the frames' times once the input is open,
         * so it takes exactly the frames of the equivalent index range.
         */
        public Builder times(TimeRange t) {
            this.times = t;
            return this;
        }

        /**
         * Writes the frames {@code 1 / rate} apart whatever their recorded times, e.g. to watch a 1000 fps
         * recording in slow motion at 30 fps; the first frame's absolute time stays the output's start. Without
         * it ({@code null}, the default) the frames' real times are kept, and the writer's nominal rate is
         * {@link WriteOptions#frameRate()} or the input's.
         */
        public Builder playbackRate(Rational rate) {
            this.playbackRate = rate;
            return this;
        }

        /**
         * Threads of the transform stage (0: transform on the reader thread); at most 2 per core and at most the
         * queue's capacity are used (a notice says so).
         */
        public Builder threads(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("threads must be >= 0");
            }
            this.threads = n;
            return this;
        }

        /**
         * Frames allowed in flight between reader and writer (default: twice the threads, at least 4); lowered
         * when frames this large do not fit the memory (see {@code MemoryPlan}).
         */
        public Builder queueCapacity(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("queue capacity must be positive");
            }
            this.queueCapacity = n;
            return this;
        }

        public Builder progress(ProgressListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Shares memory with other conversions (batch mode). */
        public Builder memoryBudget(MemoryBudget b) {
            this.budget = b;
            return this;
        }

        public Builder registry(FormatRegistry r) {
            this.registry = Objects.requireNonNull(r);
            return this;
        }

        /** The cores, heap and physical memory to plan for (tests; default: this JVM on this machine). */
        Builder machine(MemoryPlan.Machine m) {
            this.machine = Objects.requireNonNull(m);
            return this;
        }

        public Conversion build() {
            return new Conversion(this);
        }
    }
}
