package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.easimage.frame.Frame;
import org.easimage.frame.Frames;
import org.easimage.io.SequenceReader;

/**
 * The contract every reader must meet, as reusable assertions: info agrees with frames, {@code time(i)} and
 * {@code timestamp(i)} agree with the frames' own, random access equals a sequential pass, out-of-range indices are
 * rejected, and concurrent reads give the same pixels.
 */
public final class ReaderContract {

    private ReaderContract() {
    }

    /** Checks the whole contract; returns the CRC-32 of every frame of the sequential pass. */
    public static long[] check(SequenceReader r) throws Exception {
        int n = r.frameCount();
        assertTrue(n > 0, "frame count must be positive");
        long[] crc = new long[n];
        int i = 0;
        for (Frame f : r) {
            assertEquals(r.spec().width(), f.width(), "width of frame " + i);
            assertEquals(r.spec().height(), f.height(), "height of frame " + i);
            assertEquals(r.spec().pixelType(), f.pixelType(), "pixel type of frame " + i);
            assertEquals(i, f.index(), "index of frame " + i);
            assertEquals(r.time(i), f.time(), "time of frame " + i + " without and with its pixels");
            assertEquals(r.timestamp(i), f.timestamp(), "timestamp of frame " + i + " without and with its pixels");
            crc[i++] = Frames.crc32(f);
        }
        assertEquals(n, i, "iteration must yield frameCount() frames");
        Random rnd = new Random(42);
        for (int k = 0; k < Math.min(20, n * 2); k++) {
            int j = rnd.nextInt(n);
            assertEquals(crc[j], Frames.crc32(r.read(j)), "random access to frame " + j);
        }
        assertEquals(crc[n - 1], Frames.crc32(r.read(n - 1)), "last frame by random access");
        assertEquals(crc[0], Frames.crc32(r.read(0)), "first frame after the last");
        assertThrows(IndexOutOfBoundsException.class, () -> r.read(n));
        assertThrows(IndexOutOfBoundsException.class, () -> r.read(-1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                fs.add(pool.submit(() -> {
                    Random tr = new Random(seed);
                    for (int k = 0; k < Math.min(25, n * 3); k++) {
                        int j = tr.nextInt(n);
                        try {
                            assertEquals(crc[j], Frames.crc32(r.read(j)), "concurrent read of frame " + j);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return crc;
    }
}
