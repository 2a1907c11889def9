package org.easimage.io.y4m;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Writes a y4m file (atomically, like every file output) or a y4m stream to standard output (a pipe, written as
 * the frames come). y4m holds one constant rate: the options' rate, else 30 fps; frames whose times are not
 * index / rate are stored at it, with one warning giving the largest difference.
 */
final class Y4mWriter extends AbstractSequenceWriter {

    static final Rational DEFAULT_RATE = Rational.of(30);

    private OutputStream out;
    private Rational rate;

    Y4mWriter(Path path, WriteOptions options) throws IOException {
        super(path, options);
    }

    /** A writer to {@code options}' standard output. */
    Y4mWriter(WriteOptions options) {
        super(options);
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        if (Y4mHeader.colourFor(spec.pixelType()) == null) {
            throw new UnsupportedFormatException(path, Y4mFormat.refusal(spec.pixelType()));
        }
        rate = options.frameRateOr(DEFAULT_RATE);
        out = openStream(1 << 16);
        out.write(Y4mHeader.line(spec, rate));
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        Duration t = timeOf(frame, index, rate);
        storedTime(index, t, Times.atIndex(index, rate));
        out.write(Y4mHeader.FRAME);
        out.write('\n');
        out.write(Y4mHeader.encode(frame));
    }

    @Override
    protected void end() {
        warnIfTimesChanged("y4m stores one constant rate (" + rate + " fps)");
    }
}
