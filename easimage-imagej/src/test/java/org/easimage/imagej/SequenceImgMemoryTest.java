package org.easimage.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Random;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import org.easimage.frame.Frame;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.testing.CountingReader;
import org.junit.jupiter.api.Test;

/**
 * The ImgLib2 view of a 1 GiB sequence (32 frames of 4096x4096 16-bit, generated) is made without reading a
 * frame and reads the right pixels in the heap of its cache: the test JVM's 1 GiB heap could not even hold the
 * sequence once.
 */
class SequenceImgMemoryTest {

    private static final String ONE_GIB = "synthetic:4096x4096:gray16:32";
    private static final long MIB = 1 << 20;

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void oneGibSequenceIsViewedInTheMemoryOfItsCache() throws IOException {
        try (CountingReader reader = new CountingReader(Formats.open(Path.of(ONE_GIB)));
             SequenceReader truth = Formats.open(Path.of(ONE_GIB))) {
            long frameBytes = reader.spec().frameBytes();
            long sequenceBytes = frameBytes * reader.frameCount();
            assertEquals(1L << 30, sequenceBytes, "the sequence is 1 GiB");
            long before = usedHeapAfterGc();

            SequenceImg<UnsignedShortType> img = SequenceImg.of(reader, 2);
            assertEquals(0, reader.reads.size(), "creating the view reads no frame");
            assertEquals(32, img.dimension(2));

            RandomAccess<UnsignedShortType> ra = img.randomAccess();
            assertEquals(0, reader.reads.size(), "nor does making a random access");
            Random rnd = new Random(1);
            int[] sample = {31, 7, 19, 3, 26, 12};
            for (int t : sample) {
                Frame expected = truth.read(t);
                for (int i = 0; i < 500; i++) {
                    int x = rnd.nextInt(4096);
                    int y = rnd.nextInt(4096);
                    assertEquals((int) expected.sample(x, y, 0), ra.setPositionAndGet(x, y, t).get(),
                            "frame " + t + " at " + x + "," + y);
                }
            }
            assertEquals(sample.length, reader.reads.size(), "one read per sampled frame");

            long growth = usedHeapAfterGc() - before;
            System.out.printf("ImgLib2 view of %d MiB: heap growth %.1f MiB with a cache of %d frames of %d MiB%n",
                    sequenceBytes / MIB, growth / (double) MIB, img.cachedFrames(), frameBytes / MIB);
            assertTrue(growth < 2 * frameBytes + 16 * MIB, "heap grew by " + growth / MIB + " MiB for a cache of 2 "
                    + frameBytes / MIB + " MiB frames (sequence " + sequenceBytes / MIB + " MiB)");
            assertEquals(2, img.cachedFrames()); // keeps img (and its cache) reachable up to the measure
        }
    }
}
