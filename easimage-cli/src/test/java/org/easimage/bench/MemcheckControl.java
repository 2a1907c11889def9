package org.easimage.bench;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * The negative control of {@code bench/memcheck.sh}: FFmpeg copies two 16-byte rows into a 16-byte buffer, a
 * write 16 bytes past its end. A memory checker that does not report it in FFmpeg's code would pass anything.
 */
public final class MemcheckControl {
    private MemcheckControl() {
    }

    public static void main(String[] args) {
        try (BytePointer src = new BytePointer(32); BytePointer dst = new BytePointer(16)) {
            src.fill(7);
            avutil.av_image_copy_plane(dst, 16, src, 16, 16, 2);
            System.out.println("copied " + (dst.get(0) & 0xFF));
        }
    }
}
