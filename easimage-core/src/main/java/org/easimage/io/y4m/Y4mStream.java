package org.easimage.io.y4m;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.CorruptInputException;
import org.easimage.io.FrameStream;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;

/** A y4m stream read once, frame after frame (a pipe from {@code ffmpeg -f yuv4mpegpipe -}). */
public final class Y4mStream implements FrameStream {

    private final Path name;
    private final InputStream in;
    private final Y4mHeader header;
    private final FrameSpec spec;
    private int next;

    private Y4mStream(Path name, InputStream in, Y4mHeader header) throws IOException {
        this.name = name;
        this.in = in;
        this.header = header;
        this.spec = header.spec(name);
    }

    /**
     * Reads the header of the y4m stream {@code in} (named {@code name} in messages).
     *
     * @throws CorruptInputException when it is not a y4m header
     */
    public static Y4mStream open(Path name, InputStream in) throws IOException {
        String line = line(name, in, Y4mHeader.MAX_HEADER, "header");
        if (line == null) {
            throw new CorruptInputException(name, 0, "the stream is empty");
        }
        return new Y4mStream(name, in, Y4mHeader.parse(name, line, line.length() + 1));
    }

    /** True when {@code head} starts like a y4m stream. */
    public static boolean looksLikeY4m(byte[] head) {
        byte[] magic = Y4mHeader.MAGIC.getBytes(StandardCharsets.US_ASCII);
        return head.length >= magic.length && java.util.Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** One line without its newline; null at the end of the stream before any byte. */
    private static String line(Path name, InputStream in, int max, String what) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (sb.length() == 0) {
                    return null;
                }
                throw new CorruptInputException(name, -1, "the stream ends inside a y4m " + what + " line");
            }
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= max) {
                throw new CorruptInputException(name, -1, "a y4m " + what + " line longer than " + max + " bytes");
            }
            sb.append((char) c);
        }
    }

    @Override
    public FrameSpec spec() {
        return spec;
    }

    @Override
    public Optional<Rational> frameRate() {
        return header.rate();
    }

    @Override
    public String description() {
        return "y4m " + header.colour() + (header.colour().startsWith("mono") ? "" : header.full() ? " full range"
                : " limited range");
    }

    @Override
    public Frame next() throws IOException {
        String frameLine = line(name, in, 256, "FRAME");
        if (frameLine == null) {
            return null;
        }
        if (!frameLine.startsWith("FRAME")) {
            throw new CorruptInputException(name, -1, "expected a FRAME line for frame " + next + ", got '"
                    + (frameLine.length() > 40 ? frameLine.substring(0, 40) + "..." : frameLine) + "'");
        }
        byte[] data = new byte[(int) header.frameBytes()];
        int got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw new TruncatedInputException(name, -1, next, "the stream ends inside frame " + next + " (" + got
                    + " of " + data.length + " bytes)");
        }
        int index = next++;
        Frame f = header.decode(name, data, index);
        return header.rate().map(r -> f.withTime(Times.atIndex(index, r))).orElse(f);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
