package org.easimage.io.y4m;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;

/**
 * A y4m file with random access: the offset of every frame is found at open by walking the {@code FRAME} lines
 * (no sample is read), so frame i is one positioned read. Times are i / the header's rate; y4m has no timestamps.
 * A partial last frame (a writer that stopped) is an error ({@link TruncatedInputException}), or left out with a
 * warning under {@link TruncationPolicy#SALVAGE}.
 */
final class Y4mReader extends AbstractSequenceReader {

    private final FileChannel channel;
    private final Y4mHeader header;
    private final long[] offsets;
    private final SequenceInfo info;

    private Y4mReader(Path path, FileChannel channel, Y4mHeader header, long[] offsets, SequenceInfo info) {
        super(path);
        this.channel = channel;
        this.header = header;
        this.offsets = offsets;
        this.info = info;
    }

    static Y4mReader open(Path path, ReadOptions options) throws IOException {
        requireFile(path, "a y4m file");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, Y4mHeader.MAX_HEADER));
            read(ch, head, 0);
            int nl = indexOf(head.array(), head.position(), (byte) '\n');
            if (nl < 0) {
                throw new CorruptInputException(path, 0, "no end to the y4m header line in its first "
                        + Y4mHeader.MAX_HEADER + " bytes");
            }
            Y4mHeader h = Y4mHeader.parse(path, new String(head.array(), 0, nl, StandardCharsets.US_ASCII), nl + 1);
            long frameBytes = h.frameBytes();
            long[] offsets = new long[16];
            int n = 0;
            long pos = h.length();
            ByteBuffer line = ByteBuffer.allocate(256);
            while (pos < size) {
                line.clear().limit((int) Math.min(line.capacity(), size - pos));
                read(ch, line, pos);
                byte[] b = line.array();
                int end = indexOf(b, line.position(), (byte) '\n');
                if (end < Y4mHeader.FRAME.length || !Arrays.equals(b, 0, Y4mHeader.FRAME.length, Y4mHeader.FRAME, 0,
                        Y4mHeader.FRAME.length)) {
                    if (end < 0 && size - pos < line.capacity()) {
                        break; // a FRAME line cut short at the end
                    }
                    throw new CorruptInputException(path, pos, "expected a FRAME line for frame " + n);
                }
                long data = pos + end + 1;
                if (data + frameBytes > size) {
                    break;
                }
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, n * 2);
                }
                offsets[n++] = data;
                pos = data + frameBytes;
            }
            if (pos < size) {
                // as every format: a cut file is an error unless the caller asked for the complete frames
                String cut = "the file ends inside frame " + n + " (" + (size - pos) + " bytes of it)";
                if (options.truncation() == TruncationPolicy.STRICT) {
                    throw new TruncatedInputException(path, pos, n, cut);
                }
                options.warnings().accept(path + ": " + cut + "; the " + n + " complete frame(s) are read");
            }
            if (n == 0) {
                throw new CorruptInputException(path, h.length(), "the y4m file holds no complete frame");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("colourSpace", h.colour());
            m.put("range", h.full() ? "full" : "limited");
            m.put("header", new String(head.array(), 0, nl, StandardCharsets.US_ASCII));
            return new Y4mReader(path, ch, h, Arrays.copyOf(offsets, n),
                    new SequenceInfo(Y4mFormat.NAME, n, h.spec(path), h.rate(), () -> m));
        } catch (EasimageException e) {
            ch.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new CorruptInputException(path, -1, "cannot read the y4m file: " + e, e);
        }
    }

    private static void read(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int k = ch.read(b, p);
            if (k < 0) {
                throw new EOFException("end of file at byte " + p);
            }
            p += k;
        }
    }

    static int indexOf(byte[] b, int length, byte value) {
        for (int i = 0; i < length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        byte[] data = new byte[(int) header.frameBytes()];
        try {
            read(channel, ByteBuffer.wrap(data), offsets[index]);
        } catch (IOException e) {
            throw new EasimageException(path, "reading frame " + index + " failed: " + e, e);
        }
        Frame f = header.decode(path, data, index);
        Optional<Duration> t = frameTime(index);
        return t.isPresent() ? f.withTime(t.get()) : f;
    }

    @Override
    protected Optional<Duration> frameTime(int index) {
        return header.rate().map(r -> Times.atIndex(index, r));
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
