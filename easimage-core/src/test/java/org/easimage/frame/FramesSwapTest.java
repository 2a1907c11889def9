package org.easimage.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Frames#swapRedBlue} against its definition (swap byte 0 and 2 of every 3), over lengths and buffers. */
class FramesSwapTest {

    private static byte[] byDefinition(byte[] in, int bytes) {
        byte[] out = in.clone();
        for (int i = 0; i < bytes; i += 3) {
            out[i] = in[i + 2];
            out[i + 2] = in[i];
        }
        return out;
    }

    @Test
    void everyLengthUpToSeveralBlocks_heapDirectSlicedAndInPlace() {
        Random rnd = new Random(7);
        for (int px = 0; px <= 70; px++) {
            int bytes = 3 * px;
            byte[] in = new byte[bytes + 5];
            rnd.nextBytes(in);
            byte[] want = byDefinition(in, bytes);
            for (boolean direct : new boolean[] {false, true}) {
                // separate buffers, the source a slice that does not start at 0 of its array, position moved
                ByteBuffer backing = direct ? ByteBuffer.allocateDirect(in.length + 11) : ByteBuffer.allocate(in.length + 11);
                backing.position(11);
                ByteBuffer src = backing.slice().put(in);
                ByteBuffer dst = direct ? ByteBuffer.allocateDirect(in.length) : ByteBuffer.allocate(in.length);
                dst.put(0, in, 0, in.length);
                Frames.swapRedBlue(src, dst, bytes);
                byte[] got = new byte[in.length];
                dst.get(0, got);
                assertArrayEquals(want, got, "copy, " + px + " px, direct=" + direct);
                // in place
                Frames.swapRedBlue(src, src, bytes);
                src.get(0, got);
                assertArrayEquals(want, got, "in place, " + px + " px, direct=" + direct);
            }
        }
    }

    @Test
    void aFullHdFrameTwiceIsTheSameFrame() {
        byte[] in = new byte[1920 * 1080 * 3];
        new Random(3).nextBytes(in);
        ByteBuffer b = ByteBuffer.wrap(in.clone());
        Frames.swapRedBlue(b, b, in.length);
        assertArrayEquals(byDefinition(in, in.length), b.array());
        Frames.swapRedBlue(b, b, in.length);
        assertArrayEquals(in, b.array());
    }

    @Test
    void partialPixelsAreRefused() {
        ByteBuffer b = ByteBuffer.allocate(8);
        assertThrows(IllegalArgumentException.class, () -> Frames.swapRedBlue(b, b, 8));
    }
}
