package org.easimage.io.tiff;

/** Lossless compression of the pages the TIFF writer stores. */
public enum TiffCompression {
    /** Uncompressed strips: fastest to write and read, readable by every TIFF reader. */
    NONE("None"),
    /** LZW (no predictor). */
    LZW("LZW"),
    /** Adobe Deflate (zlib). */
    DEFLATE("Deflate");

    private final String imageIoName;

    TiffCompression(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The compression type name the TwelveMonkeys writer understands. */
    String imageIoName() {
        return imageIoName;
    }
}
