package org.easimage.zarr;

import java.util.Locale;

/**
 * How each chunk of a Zarr array is compressed: the codecs every Zarr reader knows (zarr-python 2 and 3,
 * tensorstore, zarrita, Fiji's N5 plugins). All are lossless.
 *
 * <p>Defaults follow numcodecs, the reference implementation: blosc level 5 with byte shuffle, zstd level 1, gzip
 * level 1 (the fast end: camera data compresses about as well at level 1 as at 6, several times faster).
 */
public enum ZarrCompressor {
    /** Raw little-endian samples. */
    NONE("none", 0, 0, 0),
    /** gzip (RFC 1952), levels 1..9; pure Java ({@code java.util.zip}). */
    GZIP("gzip", 1, 1, 9),
    /** Zstandard, levels 1..22, through zstd-jni. */
    ZSTD("zstd", 1, 1, 22),
    /** Blosc with its LZ4 compressor and a shuffle filter, levels 0..9, through blosc-java: the fastest. */
    BLOSC_LZ4("blosc-lz4", 5, 0, 9),
    /** Blosc with its Zstandard compressor and a shuffle filter, levels 0..9: smaller, slower. */
    BLOSC_ZSTD("blosc-zstd", 5, 0, 9);

    private final String label;
    private final int defaultLevel;
    private final int minLevel;
    private final int maxLevel;

    ZarrCompressor(String label, int defaultLevel, int minLevel, int maxLevel) {
        this.label = label;
        this.defaultLevel = defaultLevel;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    /** The name used on the command line, e.g. {@code blosc-lz4}. */
    public String label() {
        return label;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    public int minLevel() {
        return minLevel;
    }

    public int maxLevel() {
        return maxLevel;
    }

    /** True for the two Blosc variants, which take a shuffle filter. */
    public boolean isBlosc() {
        return this == BLOSC_LZ4 || this == BLOSC_ZSTD;
    }

    /** The compressor called {@code name} ({@code blosc-lz4}, {@code zstd}, ...; case-insensitive). */
    public static ZarrCompressor byLabel(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ZarrCompressor c : values()) {
            if (c.label.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no Zarr compressor '" + name + "'; use none, gzip, zstd, blosc-lz4 or "
                + "blosc-zstd");
    }

    @Override
    public String toString() {
        return label;
    }
}
