package org.easimage.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easimage.frame.Frame;
import org.easimage.io.Format;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;

/** Small sequences for format tests: generated frames in memory, and a one-call write through a format. */
public final class TestSequences {

    private TestSequences() {
    }

    /** All frames of a {@code synthetic:WxH:TYPE:COUNT[:FPS]} source: times index / FPS, no timestamps. */
    public static List<Frame> synthetic(String spec) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (SequenceReader r = Formats.open(Path.of(spec))) {
            for (Frame f : r) {
                out.add(f);
            }
        }
        return out;
    }

    /** Writes {@code frames} to {@code out} with {@code format} and finishes the file. */
    public static void write(Format format, Path out, List<Frame> frames, WriteOptions options) throws IOException {
        try (SequenceWriter w = format.create(out, options)) {
            w.writeAll(frames);
            w.finish();
        }
    }
}
