package org.easimage.io.discard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.Format;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * The {@code null} output, as ffmpeg's {@code -f null}: frames are read, decoded and transformed, then discarded,
 * to time a job or check that every frame of an input decodes. Chosen by name only; writes nothing, anywhere.
 */
public final class NullFormat implements Format {

    /** The format's name, and the output path that asks for it on the command line. */
    public static final String NAME = "null";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "discards the frames (decode and transform only, for timing and validation)";
    }

    @Override
    public List<String> extensions() {
        return List.of();
    }

    @Override
    public boolean canRead() {
        return false;
    }

    @Override
    public Probe probe(ProbeInput input) {
        return Probe.no("writes only");
    }

    @Override
    public Probe probeOutput(Path path) {
        return Probe.no("chosen by name only");
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        return EnumSet.allOf(PixelType.class);
    }

    @Override
    public void checkDestination(Path path, WriteOptions options) {
        // nothing is written
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        throw new UnsupportedFormatException(path, "the null format only discards frames");
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) {
        return new AbstractSequenceWriter(options) {
            @Override
            protected void begin(FrameSpec spec) {
            }

            @Override
            protected void writeFrame(Frame frame, int index) {
            }

            @Override
            protected void end() {
            }
        };
    }
}
