package org.easimage.io.y4m;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Format;
import org.easimage.io.FormatOptions;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.StandardStreams;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * YUV4MPEG2 ({@code .y4m}), the raw-frame lingua franca of video pipes ({@code ffmpeg -f yuv4mpegpipe}): files
 * with random access, and streams to standard output ({@code -}) or from it ({@link Y4mStream}). Gray frames go
 * through exactly (8 and 16 bits); RGB24 is converted to full-range 4:4:4; see {@link Y4mHeader} for the mapping.
 * Frames carry times i / rate and no timestamps.
 */
public final class Y4mFormat implements Format {

    /** The format's name. */
    public static final String NAME = "y4m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "YUV4MPEG2 (.y4m) files and pipes: gray8/16 exact, RGB24 as 4:4:4";
    }

    @Override
    public List<String> extensions() {
        return List.of("y4m");
    }

    @Override
    public Probe probe(ProbeInput input) {
        if (input.directory()) {
            return Probe.no("is a directory");
        }
        return Y4mStream.looksLikeY4m(input.head()) ? Probe.content() : Probe.no("no 'YUV4MPEG2 ' at byte 0");
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        return EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.RGB24);
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(StandardStreams.class);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        options.refuseQuality(path, "y4m frames are raw samples");
    }

    @Override
    public void checkFrames(Path path, FrameSpec spec, WriteOptions options) throws UnsupportedOutputException {
        if (!writablePixelTypes().contains(spec.pixelType())) {
            throw new UnsupportedOutputException(path, refusal(spec.pixelType()));
        }
    }

    /** Why frames of {@code type} cannot go to y4m, and what can. */
    static String refusal(PixelType type) {
        return "y4m cannot hold " + type + " frames: it carries gray8 (mono), gray16 (mono16) and 8-bit colour "
                + "(4:4:4); convert them first (--to-8bit, --gray) or write raw frames or NUT (--pipe raw, --pipe nut)";
    }


    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return Y4mReader.open(path, options);
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return StandardStreams.isPipe(path) ? new Y4mWriter(options) : new Y4mWriter(path, options);
    }
}
