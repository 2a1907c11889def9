package org.easimage.io.tiff;

/** When the TIFF writer uses the BigTIFF layout (64-bit offsets) instead of classic TIFF (32-bit, under 4 GiB). */
public enum BigTiffMode {
    /**
     * Classic TIFF until the next page would push the file past 4 GiB; then the pages written so far are copied
     * into a BigTIFF (inside the writer's temporary, so nothing is published early) and writing continues there.
     */
    AUTO,
    /** Always BigTIFF (readable by libtiff 4, tifffile, ImageJ/Fiji, TwelveMonkeys; not by old readers). */
    ALWAYS,
    /** Always classic TIFF; writing a page that would pass 4 GiB fails with a clear error. */
    NEVER
}
