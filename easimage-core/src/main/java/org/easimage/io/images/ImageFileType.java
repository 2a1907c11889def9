package org.easimage.io.images;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.easimage.frame.PixelType;

/** The image file types a folder of images can hold, with the pixel types each stores without loss of layout. */
public enum ImageFileType {
    PNG("png", "png", EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.RGB24, PixelType.RGB48,
            PixelType.RGBA32, PixelType.RGBA64)),
    TIFF("tif", "tiff", EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.GRAY32F, PixelType.RGB24,
            PixelType.RGB48, PixelType.RGB96F)),
    /** Lossy; 8-bit gray or RGB only. */
    JPEG("jpg", "jpeg", EnumSet.of(PixelType.GRAY8, PixelType.RGB24)),
    BMP("bmp", "bmp", EnumSet.of(PixelType.RGB24));

    private final String extension;
    private final String imageIoName;
    private final Set<PixelType> writable;

    ImageFileType(String extension, String imageIoName, Set<PixelType> writable) {
        this.extension = extension;
        this.imageIoName = imageIoName;
        this.writable = writable;
    }

    /** The extension written (without the dot). */
    public String extension() {
        return extension;
    }

    String imageIoName() {
        return imageIoName;
    }

    /** Pixel types written without conversion. */
    public Set<PixelType> writable() {
        return writable;
    }

    /** The type of a lower- or upper-case extension, or null when not an image extension this format handles. */
    public static ImageFileType ofExtension(String ext) {
        return switch (ext.toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "tif", "tiff" -> TIFF;
            case "jpg", "jpeg" -> JPEG;
            case "bmp" -> BMP;
            default -> null;
        };
    }
}
