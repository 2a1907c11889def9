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

    /**
     * A destination {@code format} claims for its output: {@code dir/stem.ext}, or a {@code dir/stem/f_%04d.ext}
     * pattern for formats that write numbered files into a folder.
     */
    public static Path destination(Format format, Path dir, String stem, String ext) {
        Path file = dir.resolve(stem + "." + ext);
        Path pattern = dir.resolve(stem).resolve("f_%04d." + ext);
        Format.Confidence asFile = format.probeOutput(file).confidence();
        Format.Confidence asPattern = format.probeOutput(pattern).confidence();
        return asPattern.compareTo(asFile) > 0 ? pattern : file;
    }

    /** What appears on disk for a destination: the file, or the folder of a numbered pattern. */
    public static Path published(Path destination) {
        return destination.getFileName().toString().contains("%") ? destination.getParent() : destination;
    }

    /** Writes {@code frames} to {@code out} with {@code format} and finishes the file. */
    public static void write(Format format, Path out, List<Frame> frames, WriteOptions options) throws IOException {
        try (SequenceWriter w = format.create(out, options)) {
            w.writeAll(frames);
            w.finish();
        }
    }
}
