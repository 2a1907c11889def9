package org.easimage.io.raw;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.easimage.frame.PixelType;

/**
 * Raw frames as ffmpeg's {@code rawvideo} names them ({@code -f rawvideo -pixel_format gray16le}): packed,
 * row-major, channels interleaved, multi-byte samples little-endian whatever the machine.
 */
public enum RawPixelFormat {
    GRAY("gray", PixelType.GRAY8),
    GRAY16LE("gray16le", PixelType.GRAY16),
    GRAYF32LE("grayf32le", PixelType.GRAY32F),
    RGB24("rgb24", PixelType.RGB24),
    RGB48LE("rgb48le", PixelType.RGB48),
    RGBF32LE("rgbf32le", PixelType.RGB96F),
    RGBA("rgba", PixelType.RGBA32),
    RGBA64LE("rgba64le", PixelType.RGBA64);

    private final String ffmpegName;
    private final PixelType pixelType;

    RawPixelFormat(String ffmpegName, PixelType pixelType) {
        this.ffmpegName = ffmpegName;
        this.pixelType = pixelType;
    }

    /** The name ffmpeg gives it ({@code -pix_fmt}). */
    public String ffmpegName() {
        return ffmpegName;
    }

    public PixelType pixelType() {
        return pixelType;
    }

    /** The raw format of {@code type} (every packed pixel type has one; see {@link RawFormat#writablePixelTypes}). */
    public static RawPixelFormat of(PixelType type) {
        for (RawPixelFormat f : values()) {
            if (f.pixelType == type) {
                return f;
            }
        }
        throw new IllegalArgumentException("no raw format for " + type);
    }

    /**
     * The format ffmpeg calls {@code name} ({@code gray8}, {@code gray16} and {@code rgba32} are accepted too).
     *
     * @throws IllegalArgumentException listing the names
     */
    public static RawPixelFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (RawPixelFormat f : values()) {
            if (f.ffmpegName.equals(n) || f.pixelType.name().toLowerCase(Locale.ROOT).equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown raw pixel format '" + name + "'; raw frames are one of "
                + Arrays.stream(values()).map(RawPixelFormat::ffmpegName).collect(Collectors.joining(", ")));
    }
}
