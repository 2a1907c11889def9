package org.easimage.io.raw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.FrameStream;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;

/** Raw frames read once from a stream ({@code ffmpeg ... -f rawvideo -pix_fmt gray16le -}), as the options describe. */
public final class RawStream implements FrameStream {

    private final Path name;
    private final InputStream in;
    private final RawReadOptions options;
    private final FrameSpec spec;
    private int next;

    /** Frames of {@code in} (named {@code name} in messages) as {@code options} describe them. */
    public RawStream(Path name, InputStream in, RawReadOptions options) {
        this.name = name;
        this.in = in;
        this.options = options;
        this.spec = options.spec();
    }

    @Override
    public FrameSpec spec() {
        return spec;
    }

    @Override
    public Optional<Rational> frameRate() {
        return options.rate();
    }

    @Override
    public String description() {
        return "raw " + options.format().ffmpegName() + " " + spec.width() + "x" + spec.height();
    }

    @Override
    public Frame next() throws IOException {
        byte[] data = new byte[spec.frameBytes()];
        int got = in.readNBytes(data, 0, data.length);
        if (got == 0) {
            return null;
        }
        if (got < data.length) {
            throw new TruncatedInputException(name, -1, next, "the stream ends inside frame " + next + " (" + got
                    + " of " + data.length + " bytes; are --size and --pix-fmt right?)");
        }
        int index = next++;
        Frame f = RawFrames.decode(spec, data, index);
        return options.rate().map(r -> f.withTime(Times.atIndex(index, r))).orElse(f);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
