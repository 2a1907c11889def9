package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every reader must meet, as reusable assertions (the rules of {@code SequenceReader}): info agrees
 * with frames; {@code time(i)} and {@code timestamp(i)} agree with the frames' own; {@code read(i, reuse)} equals
 * {@code read(i)} whatever {@code reuse} is; random access equals a sequential pass; out-of-range indices are
 * rejected everywhere; concurrent reads give the same pixels; slice and map views agree with the reader; and,
 * with {@link #checkClosed}, what a closed reader does.
 */
public final class ReaderContract {

    private ReaderContract() {
    }

    /**
     * Checks the whole contract on an open reader (which stays open, and is not closed through a view); returns
     * the CRC-32 of every frame of the sequential pass.
     */
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
        checkReuse(r, crc);
        checkOutOfRange(r, "reader");
        checkConcurrentReads(r, crc);
        checkSlice(r, crc);
        checkMap(r, crc);
        return crc;
    }

    /**
     * {@code read(i, reuse)} as a streaming loop uses it (each frame given back for the next read), with a frame of
     * another layout, and with {@code null}: always frame i, with its index, time and timestamp.
     */
    private static void checkReuse(SequenceReader r, long[] crc) throws IOException {
        Frame previous = null;
        for (int i = 0; i < crc.length; i++) {
            Frame f = r.read(i, previous);
            assertSameFrame(r, i, crc[i], f, "read(" + i + ", previous frame)");
            previous = f;
        }
        FrameSpec other = r.spec().pixelType() == PixelType.GRAY8 ? FrameSpec.of(1, 1, PixelType.RGB24)
                : FrameSpec.of(1, 1, PixelType.GRAY8);
        int last = crc.length - 1;
        assertSameFrame(r, last, crc[last], r.read(last, Frames.allocate(other)), "read(i, frame of another layout)");
        assertSameFrame(r, 0, crc[0], r.read(0, null), "read(0, null)");
    }

    private static void assertSameFrame(SequenceReader r, int i, long crc, Frame f, String what) throws IOException {
        assertEquals(r.spec().pixelType(), f.pixelType(), what + ": pixel type");
        assertEquals(crc, Frames.crc32(f), what + ": pixels");
        assertEquals(i, f.index(), what + ": index");
        assertEquals(r.time(i), f.time(), what + ": time");
        assertEquals(r.timestamp(i), f.timestamp(), what + ": timestamp");
    }

    private static void checkOutOfRange(SequenceReader r, String what) {
        int n = r.frameCount();
        for (int bad : new int[] {n, -1}) {
            assertThrows(IndexOutOfBoundsException.class, () -> r.read(bad), what + ": read(" + bad + ")");
            assertThrows(IndexOutOfBoundsException.class, () -> r.read(bad, null), what + ": read(" + bad + ", null)");
            assertThrows(IndexOutOfBoundsException.class, () -> r.time(bad), what + ": time(" + bad + ")");
            assertThrows(IndexOutOfBoundsException.class, () -> r.timestamp(bad), what + ": timestamp(" + bad + ")");
        }
    }

    private static void checkConcurrentReads(SequenceReader r, long[] crc) throws Exception {
        int n = crc.length;
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
    }

    /** A slice from a third of the way, every other frame: source frames, indexes, times and a rate over 2. */
    private static void checkSlice(SequenceReader r, long[] crc) throws IOException {
        int n = crc.length;
        int start = n / 3;
        int step = n > 1 ? 2 : 1;
        SequenceReader s = r.slice(start, n, step);
        assertEquals((n - start + step - 1) / step, s.frameCount(), "slice frame count");
        SequenceInfo info = r.info();
        assertEquals(info.frameRate().map(f -> org.easimage.io.Rational.of(f.numerator(), f.denominator() * step)),
                s.info().frameRate(), "slice frame rate");
        Frame previous = null;
        for (int k = 0; k < s.frameCount(); k++) {
            int i = start + k * step;
            Frame f = s.read(k);
            assertEquals(crc[i], Frames.crc32(f), "slice frame " + k + " is frame " + i);
            assertEquals(i, f.index(), "slice frames keep their index");
            assertEquals(r.time(i), s.time(k), "slice time " + k);
            assertEquals(r.timestamp(i), s.timestamp(k), "slice timestamp " + k);
            Frame g = s.read(k, previous);
            assertEquals(crc[i], Frames.crc32(g), "slice read(" + k + ", reuse)");
            assertEquals(i, g.index(), "slice read(" + k + ", reuse) index");
            previous = g;
        }
        checkOutOfRange(s, "slice");
    }

    /** A map view through a copying transform: the same frames, the reuse path included. */
    private static void checkMap(SequenceReader r, long[] crc) throws IOException {
        FrameTransform copy = new FrameTransform() {
            @Override
            public FrameSpec outputSpec(FrameSpec input) {
                return input;
            }

            @Override
            public Frame apply(Frame input) {
                return input.copy();
            }
        };
        SequenceReader m = r.map(copy);
        assertEquals(r.spec(), m.spec(), "map spec");
        Frame previous = null;
        for (int i = 0; i < crc.length; i++) {
            Frame f = m.read(i, previous);
            assertSameFrame(r, i, crc[i], f, "map read(" + i + ", reuse)");
            assertEquals(r.time(i), m.time(i), "map time " + i);
            previous = f;
        }
        assertEquals(crc[0], Frames.crc32(m.read(0)), "map read(0)");
        checkOutOfRange(m, "map");
    }

    /**
     * Closes {@code r} and checks what a closed reader does: every read, time and timestamp (directly and through
     * a view) throws {@link IllegalStateException}; {@code info()} still answers; closing again does nothing.
     */
    public static void checkClosed(SequenceReader r) throws Exception {
        SequenceInfo before = r.info();
        SequenceReader view = r.slice(0, r.frameCount(), 1);
        r.close();
        List<Executable> uses = List.of(() -> r.read(0), () -> r.read(0, null), () -> r.time(0),
                () -> r.timestamp(0), () -> view.read(0), () -> view.time(0));
        for (Executable use : uses) {
            assertThrows(IllegalStateException.class, use, "use after close");
        }
        assertEquals(before, r.info(), "info() after close");
        assertDoesNotThrow(r::close, "a second close");
    }
}
