package org.easimage.io.images;

import java.util.Objects;
import org.easimage.io.FormatOptions;

/**
 * Options of the images writer. For a plain directory output the file type and padding (a {@code %0Nd} pattern in
 * the path sets both itself, and wins); for every numbered output, the number of the first file.
 *
 * @param type        the image file type written in a plain directory
 * @param padding     digits of the frame number in file names of a plain directory, 1..10
 * @param startNumber the number of the first file, the next ones counting up by one; or {@link #SOURCE_INDEX} to
 *                    number each file by its frame's index in the source ({@code --range 100:200:10} gives files
 *                    100, 110, ... 190), as the command line does by default
 */
public record ImagesWriteOptions(ImageFileType type, int padding, int startNumber) implements FormatOptions {

    /** {@link #startNumber()} that numbers each file by its frame's {@linkplain org.easimage.frame.Frame#index() index}. */
    public static final int SOURCE_INDEX = -1;

    /** PNG files named {@code frame_000000.png}, {@code frame_000001.png}, ... */
    public static final ImagesWriteOptions DEFAULTS = new ImagesWriteOptions(ImageFileType.PNG, 6, 0);

    public ImagesWriteOptions {
        Objects.requireNonNull(type, "type");
        if (padding < 1 || padding > 10) {
            throw new IllegalArgumentException("padding must be 1..10 digits, got " + padding);
        }
        if (startNumber < SOURCE_INDEX) {
            throw new IllegalArgumentException("the first file number must be 0 or more, got " + startNumber);
        }
    }

    /** Files of {@code type} in a plain directory, numbered from 0. */
    public ImagesWriteOptions(ImageFileType type, int padding) {
        this(type, padding, 0);
    }

    public static ImagesWriteOptions of(ImageFileType type) {
        return new ImagesWriteOptions(type, 6, 0);
    }

    /** These options with the files numbered from {@code n}, or by source index ({@link #SOURCE_INDEX}). */
    public ImagesWriteOptions withStartNumber(int n) {
        return new ImagesWriteOptions(type, padding, n);
    }
}
