package org.easimage.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.io.TruncatedInputException;
import org.easimage.testing.CountingReader;
import org.easimage.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The ImgLib2 view of a sequence: lazy, bounded, the reader's pixels for every pixel type. */
class SequenceImgTest {

    static CountingReader synthetic(int w, int h, PixelType type, int count) throws IOException {
        return new CountingReader(Formats.open(Path.of("synthetic:" + w + "x" + h + ":" + type.name().toLowerCase()
                + ":" + count)));
    }

    /** Every sample of every frame, through a cursor (x, y[, c], t order) and a random access. */
    @ParameterizedTest
    @EnumSource(value = PixelType.class, mode = EnumSource.Mode.EXCLUDE, names = {"YUV420P", "YUV422P", "YUV444P"})
    void everyPixelTypeReadsTheReadersSamples(PixelType type) throws IOException {
        for (int[] size : new int[][] {{1, 1}, {7, 5}, {33, 17}}) {
            try (CountingReader reader = synthetic(size[0], size[1], type, 4)) {
                SequenceImg<?> img = SequenceImg.of(reader, 2);
                FrameSpec spec = reader.spec();
                int channels = spec.channels();
                assertEquals(channels == 1 ? 3 : 4, img.numDimensions(), type + " axes");
                assertEquals(spec.width(), img.dimension(0));
                assertEquals(spec.height(), img.dimension(1));
                if (channels > 1) {
                    assertEquals(channels, img.dimension(2));
                    assertEquals(2, img.channelAxis().getAsInt());
                }
                assertEquals(4, img.dimension(img.frameAxis()));
                Class<?> expected = switch (spec.sampleType()) {
                    case U8 -> UnsignedByteType.class;
                    case U16 -> UnsignedShortType.class;
                    case F32 -> FloatType.class;
                };
                assertEquals(expected, img.getType().getClass());
                Frame[] frames = new Frame[4];
                for (int t = 0; t < 4; t++) {
                    frames[t] = reader.read(t);
                }
                Cursor<? extends RealType<?>> cursor = img.localizingCursor();
                long seen = 0;
                while (cursor.hasNext()) {
                    double v = cursor.next().getRealDouble();
                    int x = cursor.getIntPosition(0);
                    int y = cursor.getIntPosition(1);
                    int c = channels == 1 ? 0 : cursor.getIntPosition(2);
                    int t = cursor.getIntPosition(img.frameAxis());
                    assertEquals(frames[t].sample(x, y, c), v, 0, type + " at " + x + "," + y + "," + c + "," + t);
                    seen++;
                }
                assertEquals((long) spec.sampleCount() * 4, seen);
                RandomAccess<? extends RealType<?>> ra = img.randomAccess();
                Random rnd = new Random(type.ordinal() * 31L + size[0]);
                for (int i = 0; i < 200; i++) {
                    int x = rnd.nextInt(spec.width());
                    int y = rnd.nextInt(spec.height());
                    int c = rnd.nextInt(channels);
                    int t = rnd.nextInt(4);
                    long[] pos = channels == 1 ? new long[] {x, y, t} : new long[] {x, y, c, t};
                    assertEquals(frames[t].sample(x, y, c), ra.setPositionAndGet(pos).getRealDouble(), 0);
                }
            }
        }
    }

    @Test
    void creatingTheViewReadsNothingAndTheCacheBoundsReads() throws IOException {
        try (CountingReader reader = synthetic(16, 9, PixelType.GRAY16, 50)) {
            SequenceImg<UnsignedShortType> img = SequenceImg.of(reader, 3);
            assertEquals(0, reader.reads.size(), "creating the view reads no frame");
            assertEquals(3, img.cachedFrames());
            RandomAccess<UnsignedShortType> ra = img.randomAccess();
            // walking every pixel of frames 0..2 twice reads each once (all three fit the cache)
            for (int pass = 0; pass < 2; pass++) {
                for (int t = 0; t < 3; t++) {
                    for (int y = 0; y < 9; y++) {
                        for (int x = 0; x < 16; x++) {
                            ra.setPositionAndGet(x, y, t).get();
                        }
                    }
                }
            }
            assertEquals(3, reader.reads.size(), "one read per frame while cached");
            // a fourth frame evicts the least recently used (0): going back to 0 reads it again
            ra.setPositionAndGet(0, 0, 10).get();
            ra.setPositionAndGet(0, 0, 0).get();
            assertEquals(5, reader.reads.size());
            ra.setPositionAndGet(0, 0, 10).get();
            assertEquals(5, reader.reads.size(), "frame 10 is still cached");
        }
    }

    @Test
    void isReadOnly() throws IOException {
        try (CountingReader reader = synthetic(5, 4, PixelType.GRAY8, 2)) {
            SequenceImg<UnsignedByteType> img = SequenceImg.of(reader, 1);
            RandomAccess<UnsignedByteType> ra = img.randomAccess();
            assertThrows(ReadOnlyBufferException.class, () -> ra.setPositionAndGet(1, 1, 1).set(7));
            assertEquals(reader.read(1).sample(1, 1, 0), ra.setPositionAndGet(1, 1, 1).get(), "unchanged");
        }
        try (CountingReader reader = synthetic(5, 4, PixelType.RGB48, 2)) {
            SequenceImg<UnsignedShortType> img = SequenceImg.of(reader, 1);
            assertThrows(ReadOnlyBufferException.class, () -> img.randomAccess().setPositionAndGet(1, 1, 2, 1).set(7));
        }
    }

    @Test
    void threadsShareTheViewAndReadEachFrameOnce() throws Exception {
        try (CountingReader reader = synthetic(64, 48, PixelType.GRAY16, 6)) {
            SequenceImg<UnsignedShortType> img = SequenceImg.of(reader, 6);
            List<Frame> frames = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                frames.add(Formats.open(Path.of("synthetic:64x48:gray16:6")).read(t));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int worker = 0; worker < 8; worker++) {
                    long seed = worker;
                    results.add(pool.submit(() -> {
                        RandomAccess<UnsignedShortType> ra = img.randomAccess();
                        Random rnd = new Random(seed);
                        int wrong = 0;
                        for (int i = 0; i < 20_000; i++) {
                            int x = rnd.nextInt(64);
                            int y = rnd.nextInt(48);
                            int t = rnd.nextInt(6);
                            if (ra.setPositionAndGet(x, y, t).get() != (int) frames.get(t).sample(x, y, 0)) {
                                wrong++;
                            }
                        }
                        return wrong;
                    }));
                }
                for (Future<Integer> r : results) {
                    assertEquals(0, r.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(6, reader.reads.size(), "each frame read once, however many threads asked for it");
        }
    }

    @Test
    void aFrameThatCannotBeReadFailsAndIsReadAgainNextTime() throws IOException {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        SequenceReader failing = new CountingReader(Formats.open(Path.of("synthetic:4x4:gray8:3"))) {
            @Override
            public Frame read(int index) throws IOException {
                if (index == 1) {
                    attempts.incrementAndGet();
                    throw new TruncatedInputException(Path.of("broken.seq"), 8192, 1, "frame 1 is cut short");
                }
                return super.read(index);
            }
        };
        SequenceImg<UnsignedByteType> img = SequenceImg.of(failing, 2);
        RandomAccess<UnsignedByteType> ra = img.randomAccess();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ra.setPositionAndGet(0, 0, 1).get());
        assertTrue(e.getCause() instanceof TruncatedInputException, e.toString());
        assertThrows(UncheckedIOException.class, () -> img.randomAccess().setPositionAndGet(0, 0, 1).get());
        assertEquals(2, attempts.get(), "a failed read is not cached: asking again reads again");
        Frame two = Formats.open(Path.of("synthetic:4x4:gray8:3")).read(2);
        assertEquals((int) two.sample(3, 2, 0), ra.setPositionAndGet(3, 2, 2).get(), "other frames still read");
    }

    /** A real 12-bit camera file: samples equal the reader's, significant bits and metadata kept. */
    @Test
    void realTwelveBitSeq() throws IOException {
        Path file = SharedData.file("seq/rsciio_de_test.seq");
        try (SequenceReader reader = Formats.open(file)) {
            SequenceImg<UnsignedShortType> img = SequenceImg.of(reader);
            assertEquals(12, img.significantBits());
            assertEquals(64, img.dimension(0));
            assertEquals(10, img.dimension(2));
            assertEquals(12, ((Number) img.info().metadata().asMap().get("bitDepthReal")).intValue());
            RandomAccess<UnsignedShortType> ra = img.randomAccess();
            for (int t : new int[] {0, 4, 9}) {
                Frame f = reader.read(t);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        assertEquals((int) f.sample(x, y, 0), ra.setPositionAndGet(x, y, t).get());
                    }
                }
            }
        }
    }

    /** Planar Y'CbCr frames have no ImageJ/ImgLib2 type: both views refuse them by name, before any read. */
    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = {"YUV420P", "YUV422P", "YUV444P"})
    void planarFramesAreRefused(PixelType type) throws IOException {
        try (CountingReader reader = synthetic(7, 5, type, 2)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SequenceImg.of(reader, 2));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(type.name()), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new SequenceStack(reader, 2));
        }
    }
}
