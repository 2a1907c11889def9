package org.easimage.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.junit.jupiter.api.Test;

/** The frames-in-flight rule, on made-up machines (no memory is allocated). */
class MemoryPlanTest {

    private static final long MIB = 1 << 20;
    private static final long GIB = 1L << 30;
    private static final Path SRC = Path.of("in.seq");
    private static final FrameSpec HUGE = FrameSpec.of(8192, 8192, PixelType.GRAY16); // 128 MiB
    private static final FrameSpec SMALL = FrameSpec.of(16, 16, PixelType.GRAY8);

    private final List<String> notices = new ArrayList<>();

    private MemoryPlan plan(FrameSpec in, FrameSpec out, boolean transforms, int threads, long heapBudget,
            long writerNative, MemoryPlan.Machine m) throws NotEnoughMemoryException {
        return MemoryPlan.of(SRC, in, out, transforms, threads, 0, heapBudget, false, writerNative, m, notices::add);
    }

    private static MemoryPlan.Machine machine(int cores, long physical) {
        return new MemoryPlan.Machine(cores, 2 * GIB, physical);
    }

    @Test
    void threadsAreCappedPerCoreWithANoticeAndTheQueueFollowsTheCap() throws Exception {
        MemoryPlan p = plan(SMALL, SMALL, true, 100_000, GIB, 0, machine(2, 16 * GIB));
        assertEquals(4, p.threads());
        assertEquals(8, p.queueCapacity(), "2 per thread, not 2 x 100000");
        assertEquals(List.of("100000 transform threads asked; using 4 (2 per core on 2 cores)"), notices);
        notices.clear();
        MemoryPlan q = plan(SMALL, SMALL, true, 3, GIB, 0, machine(8, 16 * GIB));
        assertEquals(3, q.threads());
        assertEquals(6, q.queueCapacity());
        assertEquals(List.of(), notices);
    }

    @Test
    void hugeFramesShortenTheQueueToTheHeapBudget() throws Exception {
        // (Q + 2) * 128 + 128 MiB <= 700 MiB: Q = 2
        MemoryPlan p = plan(HUGE, HUGE, false, 2, 700 * MIB, 0, machine(2, 16 * GIB));
        assertEquals(2, p.queueCapacity());
        assertEquals(0, p.threads(), "no transform stage");
        assertEquals(5 * 128 * MIB, p.heapBytes());
        assertTrue(notices.get(0).contains("2 in the queue instead of 4"), notices.toString());
        // with transforms a slot holds an input and an output: (Q + 2) * 256 + 128 MiB <= 1200 MiB: Q = 2
        MemoryPlan t = plan(HUGE, HUGE, true, 2, 1200 * MIB, 0, machine(2, 16 * GIB));
        assertEquals(2, t.queueCapacity());
        assertEquals(2, t.threads());
        assertEquals(4 * 256 * MIB + 128 * MIB, t.heapBytes());
        // plenty of heap: the default queue, and the heap it takes
        MemoryPlan big = plan(HUGE, HUGE, false, 2, 6 * GIB, 0, machine(2, 16 * GIB));
        assertEquals(4, big.queueCapacity());
        assertEquals(7 * 128 * MIB, big.heapBytes());
    }

    @Test
    void oneFrameInFlightThatCannotFitIsRefusedWithWhatItNeeds() {
        NotEnoughMemoryException e = assertThrows(NotEnoughMemoryException.class,
                () -> plan(HUGE, HUGE, false, 2, 124 * MIB, 0, machine(2, 16 * GIB)));
        assertTrue(e.getMessage().contains("need 512 MiB of heap"), e.getMessage());
        assertTrue(e.getMessage().contains("124 MiB"), e.getMessage());
        assertTrue(e.suggestedMaxHeap() >= 2 * 512 * MIB, "suggests a heap that fits: " + e.suggestedMaxHeap());
        // and the suggestion does fit
        long budget = (long) (e.suggestedMaxHeap() * MemoryBudget.HEAP_SHARE);
        MemoryPlan fits = assertDoesNotThrow(() -> plan(HUGE, HUGE, false, 2, budget, 0, machine(2, 16 * GIB)));
        assertTrue(fits.queueCapacity() >= 1);
    }

    /**
     * When a budget shared by concurrent conversions (batch --memory) bounds a job, the message names the budget,
     * and suggests a larger heap only when the job needs more than the heap's share too.
     */
    @Test
    void aJobThatDoesNotFitItsSharedBudgetIsToldToRaiseTheBudget() {
        // 128 MiB frames need 512 MiB; the heap's share (1 GiB of a 2 GiB heap) would hold them
        NotEnoughMemoryException e = assertThrows(NotEnoughMemoryException.class,
                () -> MemoryPlan.of(SRC, HUGE, HUGE, false, 2, 0, 124 * MIB, true, 0, machine(2, 16 * GIB),
                        notices::add));
        assertEquals(0, e.suggestedMaxHeap(), "a larger heap would not help: " + e.getMessage());
        assertTrue(e.getMessage().contains("the memory budget these conversions share is 124 MiB; give them at "
                + "least 512 MiB"), e.getMessage());
        assertTrue(!e.getMessage().contains("maximum heap"), e.getMessage());
        // 768 MiB frames need 3 GiB: more than the heap's share as well
        FrameSpec giant = FrameSpec.of(16384, 16384, PixelType.RGB24);
        NotEnoughMemoryException g = assertThrows(NotEnoughMemoryException.class,
                () -> MemoryPlan.of(SRC, giant, giant, false, 2, 0, 124 * MIB, true, 0, machine(2, 64 * GIB),
                        notices::add));
        assertTrue(g.suggestedMaxHeap() > 2 * GIB, g.getMessage());
        assertTrue(g.getMessage().contains("a maximum heap of"), g.getMessage());
    }

    @Test
    void anEncoderThatCannotFitTheMachineIsRefusedWithoutAHeapSuggestion() {
        // FFV1 holds about 32 frames' worth: 4 GiB for 128 MiB frames, on a 2 GiB machine
        NotEnoughMemoryException e = assertThrows(NotEnoughMemoryException.class,
                () -> plan(HUGE, HUGE, false, 2, 6 * GIB, 32 * 128 * MIB, machine(2, 2 * GIB)));
        assertEquals(0, e.suggestedMaxHeap());
        assertTrue(e.getMessage().contains("this machine has 2.0 GiB"), e.getMessage());
    }

    @Test
    void transformThreadsAddTheirNativeCopies() throws Exception {
        MemoryPlan p = plan(SMALL, SMALL, true, 2, GIB, 1000, machine(2, 16 * GIB));
        assertEquals(1000 + 2 * 2 * SMALL.frameBytes(), p.nativeBytes());
    }
}
