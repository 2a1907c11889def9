package org.easimage.transform.colormap;

import static org.bytedeco.opencv.global.opencv_imgproc.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Named colormaps, each a table of 256 RGB colours taken once from OpenCV's {@code applyColorMap} (converted
 * from OpenCV's BGR to RGB), except GRAY which is the identity ramp.
 */
public enum Colormap {
    GRAY(-1), VIRIDIS(COLORMAP_VIRIDIS), MAGMA(COLORMAP_MAGMA), INFERNO(COLORMAP_INFERNO), PLASMA(COLORMAP_PLASMA),
    CIVIDIS(COLORMAP_CIVIDIS), TURBO(COLORMAP_TURBO), JET(COLORMAP_JET), HOT(COLORMAP_HOT);

    private final int cvCode;
    private volatile byte[] table;

    Colormap(int cvCode) {
        this.cvCode = cvCode;
    }

    /** OpenCV's COLORMAP_* code, or -1 for GRAY. */
    public int cvCode() {
        return cvCode;
    }

    /** 768 bytes: R, G, B of entry 0, then entry 1, ... entry 255 (a copy). */
    public byte[] rgbTable() {
        byte[] t = table;
        if (t == null) {
            t = build();
            table = t;
        }
        return t.clone();
    }

    private byte[] build() {
        byte[] rgb = new byte[768];
        if (cvCode < 0) {
            for (int i = 0; i < 256; i++) {
                rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) i;
            }
            return rgb;
        }
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        try (BytePointer p = new BytePointer(ramp); Mat in = new Mat(1, 256, org.bytedeco.opencv.global.opencv_core.CV_8UC1, p);
             Mat out = new Mat()) {
            applyColorMap(in, out, cvCode);
            byte[] bgr = new byte[768];
            out.data().get(bgr);
            for (int i = 0; i < 256; i++) {
                rgb[3 * i] = bgr[3 * i + 2];
                rgb[3 * i + 1] = bgr[3 * i + 1];
                rgb[3 * i + 2] = bgr[3 * i];
            }
        }
        return rgb;
    }
}
