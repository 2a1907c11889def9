package org.easimage.opencv;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.easimage.transform.TransformChain;

/** Every transform on every frame type: spec promise kept, input untouched, index/time kept, thread-safe. */
class TransformContractTest {

    static final List<String> CHAINS = List.of(
            "contrast(1.5, -20)", "brightness(30)", "gamma(0.5)", "scurve(4, 0.4)", "auto_levels(1, 2)",
            "to_8bit(auto)", "to_8bit(frame)", "to_8bit(bits, nan=3)", "to_8bit(auto, 0.5, 99.5, frames=3)",
            "to_8bit(0, 1000, nan=7)", "clahe(2, 8x8)", "pad(3, 4, 5, 6, mode=reflect)",
            "pad(2, value=9)", "pad(2, 2, 2, 2, mode=replicate)", "crop(5, 6, 7, 8)", "crop(x=3, y=4, width=20, height=10)",
            "gaussian(2)", "sharpen(0.7, 2)", "rotate(90)", "rotate(270)", "rotate(180)", "rotate(30, expand=true)",
            "rotate(-12.5)", "flip(h)", "flip(v)", "flip(hv)", "resize(0.5)", "resize(100x40, linear)",
            "resize(64x0, cubic)", "resize(1.7, lanczos)", "resize(2, nearest)", "threshold(100)", "flatfield(20)",
            "gray()", "annotate(\"#{index} {time} {file}\", size=14, file=\"a.seq\", style=box)",
            "annotate(\"{elapsed}s\", anchor=bottom_right, style=outline, origin=\"2024-03-01T11:59:59Z\")",
            "colormap(viridis)", "colormap(jet, 0, 500, reverse=true, mask=red)", "colormap(magma, frame, 2, 98)",
            "colormap(hot, bits, mask=lime)", "brightness(30) | to_8bit(auto) | colormap(viridis, auto, low=5)");

    static Stream<Arguments> cases() {
        List<Supplier<Frame>> frames = List.of(RealFrames::gray8, RealFrames::gray16, RealFrames::gray32f,
                RealFrames::rgb24, RealFrames::rgb48, RealFrames::rgba32);
        List<String> names = List.of("GRAY8", "GRAY16", "GRAY32F", "RGB24", "RGB48", "RGBA32");
        List<Arguments> out = new ArrayList<>();
        for (String c : CHAINS) {
            for (int i = 0; i < frames.size(); i++) {
                out.add(Arguments.of(c, names.get(i), frames.get(i)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void keepsTheContract(String chain, String type, Supplier<Frame> source) throws Exception {
        Frame input = source.get();
        // the frame is the whole sequence here; sequence-wide transforms measure it when bound
        FrameTransform t = TransformChain.parse(chain).bind(FrameSource.of(input));
        assertSame(t, t.bind(FrameSource.of(input)), "binding a bound transform again changes nothing");
        FrameSpec expected;
        try {
            expected = t.outputSpec(input.spec());
        } catch (IllegalArgumentException rejected) {
            assertThrows(IllegalArgumentException.class, () -> t.apply(input), "apply must reject what outputSpec rejects");
            return;
        }
        long crc = Frames.crc32(input);
        Frame out = t.apply(input);
        assertEquals(expected, out.spec(), "outputSpec == apply(frame).spec()");
        assertEquals(crc, Frames.crc32(input), "input unmodified");
        assertEquals(input.index(), out.index());
        assertEquals(input.time(), out.time());
        assertEquals(input.timestamp(), out.timestamp());
        Frame direct = Frames.allocateDirect(input.spec(), input.index()).withPositionOf(input);
        direct.buffer().put(input.buffer());
        assertTrue(t.apply(direct).pixelsEqual(out), "a direct input (wrapped without copy) gives the same result");
        Frame viaHeap = t.apply(RealFrames.heap(input));
        assertTrue(viaHeap.pixelsEqual(out), "heap and direct inputs give the same result");

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Frame>> fs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fs.add(pool.submit(() -> t.apply(input)));
            }
            for (Future<Frame> f : fs) {
                assertTrue(f.get().pixelsEqual(out), "concurrent applications give identical results");
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(t.describe(), TransformChain.parse(t.describe()).describe(), "describe() parses back");
    }
}
