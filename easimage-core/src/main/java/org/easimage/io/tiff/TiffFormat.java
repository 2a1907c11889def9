package org.easimage.io.tiff;

import java.io.IOException;
import java.nio.file.Path;
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
 * Multi-page TIFF and BigTIFF ({@code .tif}, {@code .tiff}): every page is a frame.
 *
 * <p>Reading: 8/16-bit gray and RGB(A), 32/64-bit float (as GRAY32F / RGB96F), either byte order, any
 * compression the ImageIO TIFF reader knows (none, LZW, Deflate, PackBits...). All pages must share one layout,
 * checked at open. No timestamps; a frame rate only when an ImageJ description states {@code fps} or
 * {@code finterval}. Writing: see {@link TiffWriter} and {@link TiffWriteOptions} (default: uncompressed,
 * big-endian, BigTIFF only past 4 GiB).
 */
public final class TiffFormat implements Format {

    private static final byte[][] MAGICS = {
        {'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}};

    @Override
    public String name() {
        return "tiff";
    }

    @Override
    public String description() {
        return "multi-page TIFF / BigTIFF (.tif, .tiff)";
    }

    @Override
    public List<String> extensions() {
        return List.of("tif", "tiff");
    }

    /** Above the folder-of-images format, which also accepts a single .tif file as one frame. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Probe probe(ProbeInput input) {
        if (input.directory()) {
            return Probe.no("a directory");
        }
        for (byte[] m : MAGICS) {
            if (input.startsWith(0, m)) {
                return Probe.content();
            }
        }
        return extensions().contains(input.extension()) && input.head().length < 4 ? Probe.extension()
                : Probe.no("no TIFF byte-order mark and magic number");
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(TiffWriteOptions.class);
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        return TiffWriter.WRITABLE;
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return TiffReader.open(path, options);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        options.refuseQuality(path, "TIFF pages are stored losslessly (compression none, lzw or deflate)");
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return new TiffWriter(path, options, TiffWriter.CLASSIC_LIMIT);
    }
}
