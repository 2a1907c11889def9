package org.easimage.zarr;

import org.easimage.frame.SampleType;

/** The Zarr data types of the frame model's samples: uint8, uint16, float32. */
enum DataType {
    UINT8(SampleType.U8, "u1", "uint8"),
    UINT16(SampleType.U16, "u2", "uint16"),
    FLOAT32(SampleType.F32, "f4", "float32");

    private final SampleType sampleType;
    private final String v2Code;
    private final String v3Name;

    DataType(SampleType sampleType, String v2Code, String v3Name) {
        this.sampleType = sampleType;
        this.v2Code = v2Code;
        this.v3Name = v3Name;
    }

    SampleType sampleType() {
        return sampleType;
    }

    int bytes() {
        return sampleType.bytes();
    }

    /** The numpy type code without byte order ({@code u2}). */
    String v2Code() {
        return v2Code;
    }

    String v3Name() {
        return v3Name;
    }

    static DataType of(SampleType t) {
        for (DataType d : values()) {
            if (d.sampleType == t) {
                return d;
            }
        }
        throw new IllegalArgumentException("no Zarr data type for " + t);
    }

    static DataType ofV2Code(String code) {
        for (DataType d : values()) {
            if (d.v2Code.equals(code)) {
                return d;
            }
        }
        return null;
    }

    static DataType ofV3Name(String name) {
        for (DataType d : values()) {
            if (d.v3Name.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
