package org.easimage.io.raw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.WriteOptions;

/**
 * Frames as raw little-endian bytes, back to back, in a file or to standard output; nothing else is stored (no
 * size, format, rate or times: the reader must be told them, as ffmpeg's {@code -f rawvideo} is). The layout is
 * announced once through the warnings, so a pipe's user can see what to tell the reader.
 */
final class RawWriter extends AbstractSequenceWriter {

    private WritableByteChannel out;

    RawWriter(Path path, WriteOptions options) throws IOException {
        super(path, options);
    }

    RawWriter(WriteOptions options) {
        super(options);
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        out = Channels.newChannel(openStream(0)); // whole frames: a buffer would only copy them once more
        options.warnings().accept(path + ": raw frames " + spec.width() + "x" + spec.height() + " "
                + RawPixelFormat.of(spec.pixelType()).ffmpegName() + " (read them with -f rawvideo -video_size "
                + spec.width() + "x" + spec.height() + " -pixel_format "
                + RawPixelFormat.of(spec.pixelType()).ffmpegName() + ")");
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        ByteBuffer b = RawFrames.encode(frame);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    protected void end() {
        // the stream is flushed and closed by the base class
    }
}
