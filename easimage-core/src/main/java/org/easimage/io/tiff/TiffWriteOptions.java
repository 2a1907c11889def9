package org.easimage.io.tiff;

import java.util.Objects;
import org.easimage.io.FormatOptions;

/**
 * Options of the multi-page TIFF writer, passed with {@code WriteOptions.with(...)}.
 *
 * @param compression lossless compression of every page
 * @param bigTiff     when to use the BigTIFF layout
 */
public record TiffWriteOptions(TiffCompression compression, BigTiffMode bigTiff) implements FormatOptions {

    /** Uncompressed, BigTIFF only when the file passes 4 GiB. */
    public static final TiffWriteOptions DEFAULTS = new TiffWriteOptions(TiffCompression.NONE, BigTiffMode.AUTO);

    public TiffWriteOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(bigTiff, "bigTiff");
    }

    public static TiffWriteOptions of(TiffCompression compression) {
        return new TiffWriteOptions(compression, BigTiffMode.AUTO);
    }
}
