package org.easimage.io.raw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;

/** Frames to and from raw little-endian bytes. */
final class RawFrames {

    private RawFrames() {
    }

    /** The frame whose little-endian samples are {@code data}. */
    static Frame decode(FrameSpec spec, byte[] data, int index) {
        if (spec.sampleType().bytes() == 1 || ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return Frames.wrap(spec, data, index);
        }
        Frame f = Frames.allocate(spec, index);
        ByteBuffer src = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer dst = f.buffer();
        int bytes = spec.sampleType().bytes();
        for (int i = 0; i < data.length; i += bytes) {
            if (bytes == 2) {
                dst.putShort(i, src.getShort(i));
            } else {
                dst.putInt(i, src.getInt(i));
            }
        }
        return f;
    }

    /** The samples of {@code frame}, little-endian. */
    static ByteBuffer encode(Frame frame) {
        ByteBuffer b = frame.buffer();
        if (frame.spec().sampleType().bytes() == 1 || ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return b;
        }
        ByteBuffer out = ByteBuffer.allocate(b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        int bytes = frame.spec().sampleType().bytes();
        for (int i = 0; i < b.remaining(); i += bytes) {
            if (bytes == 2) {
                out.putShort(i, b.getShort(i));
            } else {
                out.putInt(i, b.getInt(i));
            }
        }
        return out;
    }
}
