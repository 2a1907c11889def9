package org.easimage.transform;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.transform.colormap.ApplyColormap;
import org.easimage.transform.colormap.Colormap;
import org.junit.jupiter.api.Test;

/** The display ranges of to_8bit and colormap: auto (sequence-wide, bound), frame, bits, fixed. */
class DisplayRangeTest {

    /** Frames made on demand by {@code make}, recording which indexes were read. */
    static final class CountingSource implements FrameSource {
        final List<Integer> reads = Collections.synchronizedList(new ArrayList<>());
        private final int count;
        private final FrameSpec spec;
        private final IntFunction<Frame> make;

        CountingSource(int count, FrameSpec spec, IntFunction<Frame> make) {
            this.count = count;
            this.spec = spec;
            this.make = make;
        }

        @Override
        public int frameCount() {
            return count;
        }

        @Override
        public FrameSpec spec() {
            return spec;
        }

        @Override
        public Frame read(int index) {
            reads.add(index);
            return make.apply(index);
        }
    }

    /** GRAY16 frames 7x5 whose samples grow with the index: frame i holds i*13 + pixel*(1 + i%7). */
    static CountingSource ramps(int count) {
        FrameSpec spec = FrameSpec.of(7, 5, PixelType.GRAY16);
        return new CountingSource(count, spec, i -> {
            short[] s = new short[35];
            for (int p = 0; p < s.length; p++) {
                s[p] = (short) Math.min(65535, i * 13 + p * (1 + i % 7));
            }
            return Frames.ofShorts(spec, s, i);
        });
    }

    @Test
    void sampledFramesAreEvenlySpreadDistinctAndBounded() {
        for (int frames : new int[] {1, 2, 7, 64, 100}) {
            DisplayRange.Auto auto = new DisplayRange.Auto(1, 99, frames);
            for (int n : new int[] {1, 2, 3, 5, 63, 64, 65, 127, 1000, 99_991, Integer.MAX_VALUE}) {
                int[] idx = auto.sampled(n);
                assertEquals(Math.min(n, frames), idx.length, n + " frames, " + frames + " samples");
                for (int j = 0; j < idx.length; j++) {
                    assertTrue(idx[j] >= 0 && idx[j] < n);
                    assertTrue(j == 0 || idx[j] > idx[j - 1], "strictly increasing");
                    // the frame holding the middle of the j-th of idx.length equal parts [j*n/k, (j+1)*n/k)
                    double lo = (double) j * n / idx.length;
                    double hi = (double) (j + 1) * n / idx.length;
                    assertTrue(idx[j] >= Math.floor(lo) && idx[j] <= Math.floor(hi) && idx[j] + 1 > (lo + hi) / 2 - 1e-6,
                            "frame " + idx[j] + " in part " + j + " of " + n);
                }
            }
        }
        assertEquals(0, DisplayRange.auto().sampled(0).length);
    }

    @Test
    void autoReadsAtMostFramesAndMeasuresTheirUnionExactly() throws Exception {
        CountingSource src = ramps(1000);
        RescaleTo8Bit t = (RescaleTo8Bit) TransformChain.parse("to_8bit(auto, 1, 99, frames=16)");
        assertEquals(0, src.reads.size(), "parsing reads nothing");
        RescaleTo8Bit bound = t.bind(src);
        assertEquals(16, src.reads.size(), "at most 'frames' frames are read");
        assertEquals(16, src.reads.stream().distinct().count());

        // nearest-rank percentiles of the union of exactly the frames read, in plain Java
        List<Integer> all = new ArrayList<>();
        for (int i : src.reads) {
            for (short s : Frames.toShorts(src.make.apply(i))) {
                all.add(s & 0xFFFF);
            }
        }
        Collections.sort(all);
        double lo = all.get((int) Math.ceil(0.01 * all.size()) - 1);
        double hi = all.get((int) Math.ceil(0.99 * all.size()) - 1);
        DisplayRange.Measured m = (DisplayRange.Measured) bound.displayRange();
        assertEquals(lo, m.min());
        assertEquals(hi, m.max());
        assertEquals(t.describe(), bound.describe(), "a measured range describes itself as its mode");

        // every frame, measured or not, gets that one range
        for (int i : new int[] {0, 1, 500, 999}) {
            Frame f = src.make.apply(i);
            assertTrue(RescaleTo8Bit.range(lo, hi, 0).apply(f).pixelsEqual(bound.apply(f)), "frame " + i);
        }
        assertSame(bound, bound.bind(ramps(3)), "a bound transform keeps its range");

        CountingSource defaults = ramps(1000);
        Transforms.to8Bit(DisplayRange.auto()).bind(defaults);
        assertEquals(DisplayRange.Auto.FRAMES, defaults.reads.size(), "default sample count");
        CountingSource few = ramps(5);
        TransformChain.parse("to_8bit").bind(few);
        assertEquals(List.of(0, 1, 2, 3, 4), few.reads, "a short sequence is read whole");
    }

    @Test
    void anUnboundAutoRangeFailsClearlyAndTheOthersNeedNoBinding() throws Exception {
        Frame f = ramps(1).make.apply(0);
        for (String chain : new String[] {"to_8bit", "to_8bit(auto)", "colormap(viridis)", "gamma(2) | to_8bit(auto)"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TransformChain.parse(chain).apply(f), chain);
            assertTrue(e.getMessage().contains("auto") && e.getMessage().contains("bind"), e.getMessage());
        }
        for (String chain : new String[] {"to_8bit(frame)", "to_8bit(bits)", "to_8bit(0, 100)", "colormap(hot, frame)",
                "colormap(jet, bits)", "gamma(2) | colormap(gray, 0, 9)"}) {
            FrameTransform t = TransformChain.parse(chain);
            CountingSource src = ramps(10);
            assertSame(t, t.bind(src), chain + " needs no binding");
            assertEquals(0, src.reads.size());
            assertEquals(t.outputSpec(f.spec()), t.apply(f).spec());
        }
    }

    @Test
    void perFrameIsEachFramesOwnRange() {
        CountingSource src = ramps(20);
        FrameTransform t = TransformChain.parse("to_8bit(frame)");
        assertEquals("to_8bit(frame, low=1, high=99)", t.describe());
        for (int i : new int[] {0, 7, 19}) {
            Frame f = src.make.apply(i);
            double[] p = Percentiles.of(f, 1, 99);
            assertTrue(RescaleTo8Bit.range(p[0], p[1], 0).apply(f).pixelsEqual(t.apply(f)));
        }
    }

    @Test
    void bindingAChainBindsEachPartOnTheFramesItSees() throws Exception {
        CountingSource src = ramps(50);
        // brightness moves every sample up by 5000: measured on the raw frames the range would miss all of them
        FrameTransform bound = TransformChain.parse("brightness(5000) | to_8bit(auto, low=0, high=100)").bind(src);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < 50; i++) {
            for (short s : Frames.toShorts(src.make.apply(i))) {
                min = Math.min(min, (s & 0xFFFF) + 5000);
                max = Math.max(max, (s & 0xFFFF) + 5000);
            }
        }
        FrameTransform expected = Transforms.brightness(5000).andThen(RescaleTo8Bit.range(min, max, 0));
        for (int i : new int[] {0, 25, 49}) {
            Frame f = src.make.apply(i);
            assertTrue(expected.apply(f).pixelsEqual(bound.apply(f)), "frame " + i);
        }

        // two sequence-wide transforms in a chain: each samples its own frames once, the second through the first
        CountingSource src2 = ramps(1000);
        FrameTransform two = TransformChain.parse("to_8bit(auto, frames=4) | gamma(0.5) | colormap(gray, auto, 0, 100, frames=3)")
                .bind(src2);
        assertEquals(7, src2.reads.size(), src2.reads.toString());
        assertEquals(PixelType.RGB24, two.apply(src2.make.apply(10)).pixelType());
        assertSame(two, two.bind(src2), "a bound chain stays bound");
    }

    @Test
    void bitsMapsTheSourcesSignificantBits() {
        FrameSpec twelve = new FrameSpec(5, 1, PixelType.GRAY16, 12);
        Frame f = Frames.ofShorts(twelve, new short[] {0, 1000, 2048, 4095, (short) 65535}, 0);
        Frame out = TransformChain.parse("to_8bit(bits)").apply(f);
        assertArrayEquals(new byte[] {0, 62, (byte) 128, (byte) 255, (byte) 255}, Frames.toBytes(out),
                "0..4095 -> 0..255, beyond the bits saturates");
        Frame full = Frames.ofShorts(FrameSpec.of(3, 1, PixelType.GRAY16), new short[] {0, 4095, (short) 65535}, 0);
        assertArrayEquals(new byte[] {0, 16, (byte) 255}, Frames.toBytes(Transforms.to8Bit(new DisplayRange.Bits()).apply(full)));
        Frame g8 = Frames.wrap(FrameSpec.of(4, 1, PixelType.GRAY8), new byte[] {0, 1, 77, (byte) 255});
        assertTrue(g8.pixelsEqual(TransformChain.parse("to_8bit(bits)").apply(g8)), "8-bit is unchanged");
        Frame fl = Frames.ofFloats(FrameSpec.of(3, 1, PixelType.GRAY32F), new float[] {0f, 0.5f, 2f}, 0);
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255},
                Frames.toBytes(TransformChain.parse("to_8bit(bits)").apply(fl)), "floats: 0..1");

        Frame cm = TransformChain.parse("colormap(gray, bits)").apply(f);
        byte[] table = Colormap.GRAY.rgbTable();
        int[] index = {0, 62, 128, 255, 255};
        for (int x = 0; x < 5; x++) {
            assertEquals(table[3 * index[x]] & 0xFF, cm.sample(x, 0, 0), "colormap bits, x=" + x);
        }
    }

    @Test
    void floatSamplesArePooledWithoutNanAndWithinABound() throws Exception {
        FrameSpec small = FrameSpec.of(4, 3, PixelType.GRAY32F);
        CountingSource nan = new CountingSource(10, small, i -> {
            float[] v = new float[12];
            for (int p = 0; p < 12; p++) {
                v[p] = p % 3 == 0 ? Float.NaN : i * 100 + p;
            }
            return Frames.ofFloats(small, v, i);
        });
        DisplayRange.Measured m = new DisplayRange.Auto(0, 100, 64).bind(nan);
        assertEquals(1.0, m.min(), "NaN ignored, the union's minimum");
        assertEquals(911.0, m.max());

        // frames bigger than a pool keeps: a seeded random subset, close to the exact percentiles of a ramp
        FrameSpec big = FrameSpec.of(400, 300, PixelType.GRAY32F);
        CountingSource ramp = new CountingSource(64, big, i -> {
            float[] v = new float[400 * 300];
            for (int p = 0; p < v.length; p++) {
                v[p] = (p * 7919L % v.length) / (float) v.length; // every value of 0..1 once, rows shuffled
            }
            return Frames.ofFloats(big, v, i);
        });
        DisplayRange.Measured r = new DisplayRange.Auto(1, 99, 64).bind(ramp);
        assertEquals(0.01, r.min(), 0.002);
        assertEquals(0.99, r.max(), 0.002);
        assertEquals(r, new DisplayRange.Auto(1, 99, 64).bind(ramp), "the same frames give the same range");
        assertTrue(Percentiles.POOLED_FLOATS < 64L * 400 * 300, "this case does sample");
    }

    @Test
    void chainSyntaxReadsAndWritesEveryMode() {
        String[][] cases = {
                {"to_8bit", "to_8bit(auto, low=0.1, high=99.9, frames=64)"},
                {"to_8bit(auto, 0.5, 99.5)", "to_8bit(auto, low=0.5, high=99.5, frames=64)"},
                {"to_8bit(AUTO, frames=8, nan=9)", "to_8bit(auto, low=0.1, high=99.9, frames=8, nan=9)"},
                {"to_8bit(frame)", "to_8bit(frame, low=1, high=99)"},
                {"to_8bit(frame, high=90)", "to_8bit(frame, low=1, high=90)"},
                {"to_8bit(bits)", "to_8bit(bits)"},
                {"to_8bit(10, 200)", "to_8bit(10, 200)"},
                {"to_8bit(vmin=10, vmax=200)", "to_8bit(10, 200)"},
                {"colormap(viridis)", "colormap(viridis, auto, low=0.1, high=99.9, frames=64)"},
                {"colormap(hot, auto, 2, 98, frames=8, reverse=true)", "colormap(hot, auto, low=2, high=98, frames=8, reverse=true)"},
                {"colormap(jet, frame)", "colormap(jet, frame, low=1, high=99)"},
                {"colormap(gray, bits, mask=red)", "colormap(gray, bits, mask=red)"},
                {"colormap(magma, 0, 500)", "colormap(magma, 0, 500)"},
        };
        for (String[] c : cases) {
            String d = TransformChain.parse(c[0]).describe();
            assertEquals(c[1], d, c[0]);
            assertEquals(d, TransformChain.parse(d).describe(), "parses back: " + d);
        }
        String[][] errors = {
                {"to_8bit(auto, 64)", "frames="}, {"to_8bit(sequence)", "auto, frame, bits"},
                {"to_8bit(auto, frames=0)", "frames"}, {"to_8bit(9, 3)", "vmin < vmax"},
                {"colormap(viridis, frame, 50, 20)", "low < high"}, {"to_8bit(bits, 3)", "too many"},
                {"to_8bit(frame, frames=3)", "frames"}, {"colormap(viridis, 5)", "vmax"},
                {"to_8bit(auto, 1, 99, low=2)", "both"},
        };
        for (String[] e : errors) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> TransformChain.parse(e[0]), e[0]);
            String transform = e[0].substring(0, e[0].indexOf('('));
            assertTrue(x.getMessage().startsWith(transform + ":") && x.getMessage().contains(e[1]),
                    e[0] + " -> " + x.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> cli("--to-8bit").fromOption("auto:64"));
        assertEquals("to_8bit(auto, low=0.5, high=99.5, frames=64)", cli("--to-8bit").fromOption("auto:0.5:99.5").describe());
        assertEquals("to_8bit(auto, low=0.1, high=99.9, frames=128)", cli("--to-8bit").fromOption("auto:frames=128").describe());
        assertEquals("colormap(viridis, frame, low=1, high=99)", cli("--colormap").fromOption("viridis:frame").describe());
        assertEquals("colormap(hot, 0, 200)", cli("--colormap").fromOption("hot:0:200").describe());
    }

    private static TransformDefinition cli(String name) {
        return TransformCatalog.getDefault().all().stream().filter(d -> d.option().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void frameSourceOfFramesInMemory() throws Exception {
        Frame a = ramps(2).make.apply(0);
        Frame b = ramps(2).make.apply(1);
        FrameSource s = FrameSource.of(a, b);
        assertEquals(2, s.frameCount());
        assertEquals(a.spec(), s.spec());
        assertSame(b, s.read(1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.read(2));
        assertThrows(IllegalArgumentException.class, () -> FrameSource.of(List.of()));
        Frame other = Frames.allocate(FrameSpec.of(7, 5, PixelType.GRAY8));
        assertThrows(IllegalArgumentException.class, () -> FrameSource.of(a, other));
        ApplyColormap cm = (ApplyColormap) Transforms.colormap(Colormap.VIRIDIS);
        assertInstanceOf(DisplayRange.Measured.class, cm.bind(s).displayRange());
        assertTrue(Arrays.equals(new double[] {0, 0}, new Percentiles.Pool(a.spec(), 1).percentiles(0, 100)),
                "an empty pool");
    }
}
