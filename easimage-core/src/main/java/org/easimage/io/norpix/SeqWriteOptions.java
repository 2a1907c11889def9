package org.easimage.io.norpix;

import java.util.Objects;

/**
 * Norpix writer options, passed with {@code WriteOptions.with(...)}.
 *
 * @param compression how frames are stored
 * @param jpegQuality 1..100 for {@link Compression#JPEG}; {@code null} to use {@code WriteOptions.quality()} or
 *                    the default {@value #DEFAULT_JPEG_QUALITY}
 * @param description the header's description text (at most 255 UTF-16 characters kept); {@code null} for none
 */
public record SeqWriteOptions(Compression compression, Integer jpegQuality, String description)
        implements org.easimage.io.FormatOptions {

    /** JPEG quality when none is given. */
    public static final int DEFAULT_JPEG_QUALITY = 95;

    /** Frame storage. */
    public enum Compression {
        /** Raw frames at 8192-byte aligned slots (every pixel type). */
        NONE,
        /** Size-prefixed baseline JPEG blocks from byte 1024 (GRAY8 and RGB24 only; lossy). */
        JPEG
    }

    public SeqWriteOptions {
        Objects.requireNonNull(compression, "compression");
        if (jpegQuality != null && (jpegQuality < 1 || jpegQuality > 100)) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + jpegQuality);
        }
    }

    /** Uncompressed frames. */
    public static SeqWriteOptions raw() {
        return new SeqWriteOptions(Compression.NONE, null, null);
    }

    /** JPEG frames at the given quality ({@code null} for the default). */
    public static SeqWriteOptions jpeg(Integer quality) {
        return new SeqWriteOptions(Compression.JPEG, quality, null);
    }
}
