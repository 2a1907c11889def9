package org.easimage.io.gif;

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
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Animated GIF ({@code .gif}).
 *
 * <p>Reading gives composited RGB24 frames (GRAY8 when every palette is gray) of the logical screen size
 * (see {@link GifReader}). GIF has no
 * absolute time, so frames carry <b>no timestamps</b>; the stored per-frame delays are in the metadata
 * ({@code frameDelaysMs}, kept as stored, 0 included) and the frame rate is the mean one:
 * {@code frames * 100 / total centiseconds} (absent when every delay is 0). Writing: see {@link GifWriter} and
 * {@link GifWriteOptions} (loops forever by default).
 */
public final class GifFormat implements Format {

    @Override
    public String name() {
        return "gif";
    }

    @Override
    public String description() {
        return "animated GIF (.gif)";
    }

    @Override
    public List<String> extensions() {
        return List.of("gif");
    }

    @Override
    public Probe probe(ProbeInput input) {
        if (input.directory()) {
            return Probe.no("a directory");
        }
        if (input.startsWith(0, new byte[] {'G', 'I', 'F', '8', '9', 'a'})
                || input.startsWith(0, new byte[] {'G', 'I', 'F', '8', '7', 'a'})) {
            return Probe.content();
        }
        return "gif".equals(input.extension()) && input.head().length < 6 ? Probe.extension()
                : Probe.no("no GIF87a/GIF89a signature");
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(GifWriteOptions.class);
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        return EnumSet.of(PixelType.GRAY8, PixelType.RGB24);
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return GifReader.open(path, options);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        options.refuseQuality(path, "GIF frames are stored exactly (an exact palette up to 256 colours, else median cut)");
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return new GifWriter(path, options);
    }
}
