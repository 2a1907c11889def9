package org.easimage.pipeline;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.easimage.frame.FrameSpec;

/**
 * How many frames a conversion keeps in flight and how many transform threads it runs, decided once before any
 * work from the frame sizes and the memory available, so that huge frames shorten the queue instead of
 * exhausting the heap, and a job that cannot fit is refused with what it needs.
 *
 * <p>The rule. A slot holds an input frame and, with transforms, its output: {@code slot = in (+ out)}. With a
 * queue of {@code Q} the heap holds at most {@code Q + 2} slots (the queue, the frame being read, the frame being
 * written) and one more output frame for the writer's own copy (byte swapping, padding, an image wrapper):
 * {@code heap(Q) = (Q + 2) * slot + out}. Q is the capacity asked for (default: two per transform thread, at least
 * 4), lowered to what fits the heap budget; when even {@code Q = 1} does not fit, the conversion is refused.
 * Transform threads are capped at {@value #THREADS_PER_CORE} per core (more only queue up frames) and at Q.
 * Native memory, the encoder's estimate plus OpenCV's copy of each transform thread's input and output, comes on
 * top of the heap's share and must fit, with the JVM itself, in the machine's physical memory.
 *
 * @param threads       transform threads to run (0 without transforms)
 * @param queueCapacity frames (or pending transforms) queued between the reader and the writer
 * @param heapBytes     the most the frames in flight take on the heap
 * @param nativeBytes   the estimated native memory of the encoder and the transforms
 */
record MemoryPlan(int threads, int queueCapacity, long heapBytes, long nativeBytes) {

    /** Transform threads per core at most: enough to hide I/O waits, more would only hold frames. */
    static final int THREADS_PER_CORE = 2;

    /** The JVM itself, the loaded natives and the code: measured 75-120 MB of RSS before the first frame. */
    static final long BASELINE_BYTES = 128L << 20;

    /** What a plan is made for. */
    record Machine(int cores, long maxHeap, long physicalMemory) {

        /** This JVM on this machine (physical memory as the container limits it). */
        static Machine current() {
            long physical = Long.MAX_VALUE;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                physical = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                    physical > 0 ? physical : Long.MAX_VALUE);
        }
    }

    /**
     * @param input        what the reader produces
     * @param output       what the writer receives (after the transforms)
     * @param transforms   whether a transform stage runs
     * @param threadsAsked transform threads asked for
     * @param queueAsked   queue capacity asked for, or 0 for the default
     * @param heapBudget   bytes the frames in flight may take on the heap
     * @param shared       true when {@code heapBudget} is a {@link MemoryBudget} shared by concurrent conversions
     *                     and smaller than this JVM's share of heap for frames (then the budget, not the heap,
     *                     is what a job that does not fit must be given more of)
     * @param writerNative the encoder's native estimate ({@code Format.writerNativeBytes})
     * @param notices      receives a line when threads or queue are lowered
     */
    static MemoryPlan of(Path source, FrameSpec input, FrameSpec output, boolean transforms, int threadsAsked,
            int queueAsked, long heapBudget, boolean shared, long writerNative, Machine machine,
            Consumer<String> notices) throws NotEnoughMemoryException {
        int maxThreads = THREADS_PER_CORE * Math.max(1, machine.cores());
        int threads = Math.min(threadsAsked, maxThreads);
        if (threads < threadsAsked) {
            notices.accept(threadsAsked + " transform threads asked; using " + threads + " (" + THREADS_PER_CORE
                    + " per core on " + machine.cores() + " cores)");
        }
        long in = input.frameBytes();
        long out = output.frameBytes();
        long slot = transforms ? in + out : in;
        int wanted = queueAsked > 0 ? queueAsked : Math.max(4, 2 * Math.max(1, threads));
        long fitting = (heapBudget - out) / slot - 2;
        if (fitting < 1) {
            long need = 3 * slot + out;
            long suggested = roundUpToGiB((long) (need / MemoryBudget.HEAP_SHARE * 1.1) + BASELINE_BYTES);
            long heapShare = (long) (machine.maxHeap() * MemoryBudget.HEAP_SHARE);
            if (shared) {
                // a larger heap helps only when the job needs more than the heap's share for frames too
                throw new NotEnoughMemoryException(source, String.format(Locale.ROOT,
                        "%s frames (%s each) need %s of heap with a single frame queued, but the memory budget "
                                + "these conversions share is %s; give them at least %s%s",
                        output.equals(input) ? input : input + " to " + output, bytes(Math.max(in, out)),
                        bytes(need), bytes(heapBudget), bytes(need), need <= heapShare ? ""
                                : " (more than the " + bytes(heapShare) + " of heap frames may take: a maximum heap"
                                        + " of " + bytes(suggested) + " would do)"),
                        need <= heapShare ? 0 : suggested);
            }
            throw new NotEnoughMemoryException(source, String.format(Locale.ROOT,
                    "%s frames (%s each) need %s of heap with a single frame queued, but frames may take %s "
                            + "(%d%% of the JVM's maximum heap of %s); a maximum heap of %s would do",
                    output.equals(input) ? input : input + " to " + output, bytes(Math.max(in, out)), bytes(need),
                    bytes(heapBudget), Math.round(MemoryBudget.HEAP_SHARE * 100), bytes(machine.maxHeap()),
                    bytes(suggested)), suggested);
        }
        int queue = (int) Math.min(wanted, fitting);
        if (queue < wanted) {
            notices.accept(String.format(Locale.ROOT, "%s frames: %d in the queue instead of %d to stay within %s"
                    + " of heap", bytes(Math.max(in, out)), queue, wanted, bytes(heapBudget)));
        }
        threads = transforms ? Math.min(threads, queue) : 0;
        long heap = (queue + 2L) * slot + out;
        long nativeBytes = writerNative + (transforms ? threads * (in + out) : 0);
        long total = heap + nativeBytes + BASELINE_BYTES;
        if (total > machine.physicalMemory()) {
            throw new NotEnoughMemoryException(source, String.format(Locale.ROOT,
                    "%s frames need about %s (%s of frames in flight, %s of encoder and transform memory, an "
                            + "estimate) but this machine has %s; choose smaller frames (crop, resize) or another"
                            + " codec", output, bytes(total), bytes(heap), bytes(nativeBytes),
                    bytes(machine.physicalMemory())), 0);
        }
        return new MemoryPlan(threads, queue, heap, nativeBytes);
    }

    private static long roundUpToGiB(long bytes) {
        return (bytes + (1L << 30) - 1) >> 30 << 30;
    }

    /** Bytes for humans: 512 MiB, 1.5 GiB. */
    static String bytes(long b) {
        if (b < (1L << 30)) {
            return String.format(Locale.ROOT, "%d MiB", (b + (1 << 20) - 1) >> 20);
        }
        return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    }
}
