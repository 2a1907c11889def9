package org.easimage.io.raw;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;

/** A raw file: frame i at byte i * frame size; a partial last frame is an error, or left out with SALVAGE. */
final class RawReader extends AbstractSequenceReader {

    private final FileChannel channel;
    private final RawReadOptions raw;
    private final SequenceInfo info;

    private RawReader(Path path, FileChannel channel, RawReadOptions raw, SequenceInfo info) {
        super(path);
        this.channel = channel;
        this.raw = raw;
        this.info = info;
    }

    static RawReader open(Path path, ReadOptions options) throws IOException {
        requireFile(path, "a raw video file");
        RawReadOptions raw = options.get(RawReadOptions.class).orElseThrow(() -> new EasimageException(path,
                "a raw file states no frame size or pixel format; give them (--size WxH --pix-fmt NAME)"));
        FrameSpec spec = raw.spec();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            long frames = size / spec.frameBytes();
            long rest = size % spec.frameBytes();
            if (rest != 0) {
                String msg = "the file's " + size + " bytes are not a whole number of " + spec + " frames ("
                        + spec.frameBytes() + " bytes each; " + rest + " bytes left over)";
                if (options.truncation() == TruncationPolicy.STRICT) {
                    throw new TruncatedInputException(path, frames * spec.frameBytes(),
                            (int) Math.min(Integer.MAX_VALUE, frames), msg);
                }
                options.warnings().accept(path + ": " + msg + "; reading the " + frames + " complete frame(s)");
            }
            if (frames == 0 || frames > Integer.MAX_VALUE) {
                throw new CorruptInputException(path, 0, frames == 0 ? "holds no complete " + spec + " frame"
                        : "holds more frames than a sequence can index");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pixelFormat", raw.format().ffmpegName());
            return new RawReader(path, ch, raw, new SequenceInfo(RawFormat.NAME, (int) frames, spec, raw.rate(),
                    () -> m));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        FrameSpec spec = info.spec();
        byte[] data = new byte[spec.frameBytes()];
        ByteBuffer b = ByteBuffer.wrap(data);
        long p = (long) index * spec.frameBytes();
        try {
            while (b.hasRemaining()) {
                int k = channel.read(b, p);
                if (k < 0) {
                    throw new EOFException("end of file at byte " + p);
                }
                p += k;
            }
        } catch (IOException e) {
            throw new EasimageException(path, "reading frame " + index + " failed: " + e, e);
        }
        Frame f = RawFrames.decode(spec, data, index);
        return frameTime(index).map(f::withTime).orElse(f);
    }

    @Override
    protected Optional<Duration> frameTime(int index) {
        return raw.rate().map(r -> Times.atIndex(index, r));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) {
        return Optional.empty();
    }

    @Override
    protected void release() throws IOException {
        channel.close();
    }
}
