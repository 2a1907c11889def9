package org.easimage.zarr;

/**
 * The Zarr format version of a store.
 *
 * <p>{@link #V2} (the default for writing) is what zarr-python 2, tensorstore, Fiji's N5/Zarr plugins, napari and
 * every v3 reader open: the widest support today, with OME-Zarr (NGFF) 0.4. {@link #V3} is the current spec
 * (zarr-python 3, tensorstore, zarrita), with OME-Zarr 0.5 and optional sharding (many frames per file).
 */
public enum ZarrVersion {
    V2(2),
    V3(3);

    private final int number;

    ZarrVersion(int number) {
        this.number = number;
    }

    /** 2 or 3, as {@code zarr_format} states it. */
    public int number() {
        return number;
    }
}
