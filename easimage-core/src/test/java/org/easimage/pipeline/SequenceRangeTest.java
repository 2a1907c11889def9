package org.easimage.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.testing.FrameStats;
import org.easimage.testing.SharedData;
import org.easimage.transform.TransformChain;
import org.easimage.transform.TransformCatalog;
import org.easimage.transform.TransformDefinition;
import org.easimage.transform.Transforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One display range for the whole sequence (issue 17 item 12): on real calcium imaging the default 8-bit and
 * colormap output follow the raw signal, views and the converter bind a transform once on the frames it sees.
 */
class SequenceRangeTest {

    @TempDir
    Path dir;

    static FrameTransform cli(String option, String value) {
        for (TransformDefinition d : TransformCatalog.getDefault().all()) {
            if (d.option().equals(option)) {
                return d.fromOption(value);
            }
        }
        throw new AssertionError(option);
    }

    @Test
    void calciumSignalKeepsItsDirectionWithTheDefaultRange() throws Exception {
        try (SequenceReader raw = Formats.open(SharedData.file("tiff/calcium_imaging.tif"))) {
            assertEquals(1000, raw.frameCount());
            double[] signal = FrameStats.means(raw);
            for (FrameTransform t : List.of(TransformChain.parse("to_8bit"), cli("--colormap", "gray"))) {
                double r = FrameStats.correlation(signal, FrameStats.means(raw.map(t)));
                assertTrue(r > 0.99, t.describe() + ": correlation of raw and 8-bit frame means " + r);
            }
            // the old mapping, each frame on its own, is still there as 'frame': it inverts this recording
            FrameTransform perFrame = cli("--to-8bit", "frame");
            double r = FrameStats.correlation(signal, FrameStats.means(raw.map(perFrame)));
            assertTrue(r < 0, perFrame.describe() + ": " + r);
        }
    }

    /** Delegates to a reader and records every index read. */
    static final class Counting implements SequenceReader {
        final List<Integer> reads = Collections.synchronizedList(new ArrayList<>());
        private final SequenceReader source;

        Counting(SequenceReader source) {
            this.source = source;
        }

        @Override
        public SequenceInfo info() {
            return source.info();
        }

        @Override
        public Frame read(int index) throws IOException {
            reads.add(index);
            return source.read(index);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    @Test
    void aMappedViewBindsOnceOnItsFirstReadFromBoundedReads() throws Exception {
        try (Counting src = new Counting(Formats.open(Path.of("synthetic:9x7:gray16:500")))) {
            SequenceReader m = src.map(TransformChain.parse("to_8bit(auto, frames=10)"));
            assertEquals(PixelType.GRAY8, m.spec().pixelType());
            assertEquals(0, src.reads.size(), "map stays lazy");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Frame>> fs = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int k = i;
                    fs.add(pool.submit(() -> m.read(k)));
                }
                for (Future<Frame> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(10 + 4, src.reads.size(), "bound once by four concurrent first reads: " + src.reads);
            m.read(499);
            assertEquals(15, src.reads.size());

            src.reads.clear();
            SequenceReader part = src.slice(100, 200, 1).map(TransformChain.parse("to_8bit(auto, frames=10)"));
            part.read(0);
            assertEquals(11, src.reads.size());
            assertTrue(src.reads.stream().allMatch(i -> i >= 100 && i < 200), "measured on the slice: " + src.reads);
        }
    }

    @Test
    void theConverterBindsOnTheRangeItConvertsAndThreadsAgree() throws Exception {
        Path calcium = SharedData.file("tiff/calcium_imaging.tif");
        String chain = "to_8bit | gamma(0.8) | colormap(viridis, auto, frames=16)";
        try (SequenceReader raw = Formats.open(calcium)) {
            SequenceReader expected = raw.slice(100, 600, 4).map(TransformChain.parse(chain));
            SequenceReader wholeFile = raw.map(TransformChain.parse(chain));
            List<Frame> want = new ArrayList<>();
            for (int i = 0; i < expected.frameCount(); i++) {
                want.add(expected.read(i));
            }
            assertFalse(wholeFile.read(100).pixelsEqual(want.get(0)),
                    "the range of frames 100..600 differs from the whole file's (else this test could not fail)");
            for (int threads : new int[] {1, 3}) {
                Path out = dir.resolve("t" + threads + ".tif");
                Conversion.builder(calcium, out).transform(TransformChain.parse(chain))
                        .range(FrameRange.parse("100:600:4")).threads(threads).build().run();
                try (SequenceReader got = Formats.open(out)) {
                    assertEquals(125, got.frameCount());
                    for (int i = 0; i < 125; i++) {
                        assertTrue(want.get(i).pixelsEqual(got.read(i)), threads + " threads, frame " + i);
                    }
                }
            }
        }
    }
}
