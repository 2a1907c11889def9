package org.easimage.io.raw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * Raw frames ({@code .raw}, or a pipe): samples only, little-endian, in the layouts of {@link RawPixelFormat}.
 * Reading needs {@link RawReadOptions} (size, pixel format, rate); every packed pixel type is written exactly.
 */
public final class RawFormat implements Format {

    /** The format's name. */
    public static final String NAME = "raw";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "raw little-endian frames (.raw, pipes), as ffmpeg's rawvideo; read with --size and --pix-fmt";
    }

    @Override
    public List<String> extensions() {
        return List.of("raw");
    }

    @Override
    public Probe probe(ProbeInput input) {
        // raw bytes carry no signature: only by name, and only with the options that describe them
        return input.exists() && !input.directory() && input.extension().equals("raw") ? Probe.extension()
                : Probe.no("raw frames are read by the .raw extension or by name, with a size and pixel format");
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        // the packed types ffmpeg's rawvideo names; planar Y'CbCr would need its matrix and range stated too
        Set<PixelType> types = EnumSet.noneOf(PixelType.class);
        for (RawPixelFormat f : RawPixelFormat.values()) {
            types.add(f.pixelType());
        }
        return types;
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(StandardStreams.class);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        options.refuseQuality(path, "raw frames are stored exactly");
        if (options.frameRate() != null) {
            throw new UnsupportedOutputException(path, "a frame rate does not apply: raw frames store no times or "
                    + "rate (the reader is told them)");
        }
    }


    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return RawReader.open(path, options);
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return StandardStreams.isPipe(path) ? new RawWriter(options) : new RawWriter(path, options);
    }
}
