package org.easimage.zarr;

/**
 * The shuffle filter Blosc applies before compressing: regrouping the bytes (or bits) of each sample by
 * significance makes the high, slowly varying bytes of 16-bit and float samples compress well. Byte shuffle
 * does nothing for 8-bit samples; bit shuffle helps those.
 */
public enum BloscShuffle {
    NONE(0, "noshuffle"),
    BYTE(1, "shuffle"),
    BIT(2, "bitshuffle");

    private final int code;
    private final String v3Name;

    BloscShuffle(int code, String v3Name) {
        this.code = code;
        this.v3Name = v3Name;
    }

    /** The number Zarr v2 metadata (numcodecs) and the Blosc library use. */
    int code() {
        return code;
    }

    /** The name Zarr v3 metadata uses. */
    String v3Name() {
        return v3Name;
    }

    static BloscShuffle ofCode(int code) {
        for (BloscShuffle s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no Blosc shuffle " + code);
    }

    static BloscShuffle ofV3Name(String name) {
        for (BloscShuffle s : values()) {
            if (s.v3Name.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no Blosc shuffle '" + name + "'");
    }
}
