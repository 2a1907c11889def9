package org.easimage.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lower-level API for several writers: metadata first, then writers filling disjoint, aligned frame ranges
 * at the same time (each its own chunk or shard files) give the same store as one streaming writer.
 */
class ZarrStoreTest {

    @TempDir
    Path dir;

    @Test
    void disjointRangesWrittenConcurrentlyMakeOneStore() throws Exception {
        FrameSpec spec = FrameSpec.of(13, 6, PixelType.RGB24);
        List<Frame> frames = ZarrRoundTripTest.randomFrames(spec, 23, 2);
        for (ZarrWriteOptions zo : List.of(ZarrWriteOptions.DEFAULTS.withPyramidLevels(1),
                ZarrWriteOptions.DEFAULTS.withVersion(ZarrVersion.V3).withFramesPerChunk(2).withFramesPerShard(6),
                ZarrWriteOptions.DEFAULTS.withOme(false).withFramesPerChunk(3))) {
            Path root = dir.resolve("s" + zo.hashCode() + ".zarr");
            ZarrStore store = ZarrStore.plan(root, spec, frames.size(), zo);
            store.writeMetadata("parallel", Map.of("fps", "10"), 0.1);
            int step = store.framesPerFile() * 2;
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int first = 0; first < frames.size(); first += step) {
                    int a = first;
                    jobs.add(pool.submit(() -> {
                        // every worker plans the same layout on its own
                        ZarrStore mine = ZarrStore.plan(root, spec, frames.size(), zo);
                        try (ZarrStore.RangeWriter w = mine.writer(a)) {
                            for (int i = a; i < Math.min(a + step, frames.size()); i++) {
                                w.write(frames.get(i));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> j : jobs) {
                    j.get();
                }
            } finally {
                pool.shutdownNow();
            }
            try (SequenceReader r = new ZarrFormat().open(root, ReadOptions.defaults())) {
                ZarrRoundTripTest.assertSameFrames(frames, r, zo.toString());
                assertEquals(java.util.Optional.of(org.easimage.io.Rational.of(10)), r.info().frameRate());
            }
            if (store.framesPerFile() > 1) {
                assertThrows(IllegalArgumentException.class, () -> store.writer(store.framesPerFile() + 1).close());
            }
        }
    }
}
