package org.easimage.io.images;

import java.util.Objects;
import org.easimage.io.FormatOptions;

/**
 * Options of the folder-of-images writer for a plain directory output (a {@code %0Nd} pattern in the path sets
 * both itself, and wins).
 *
 * @param type    the image file type written
 * @param padding digits of the frame number in file names, 1..10
 */
public record ImagesWriteOptions(ImageFileType type, int padding) implements FormatOptions {

    /** PNG files named {@code frame_000000.png}, {@code frame_000001.png}, ... */
    public static final ImagesWriteOptions DEFAULTS = new ImagesWriteOptions(ImageFileType.PNG, 6);

    public ImagesWriteOptions {
        Objects.requireNonNull(type, "type");
        if (padding < 1 || padding > 10) {
            throw new IllegalArgumentException("padding must be 1..10 digits, got " + padding);
        }
    }

    public static ImagesWriteOptions of(ImageFileType type) {
        return new ImagesWriteOptions(type, 6);
    }
}
