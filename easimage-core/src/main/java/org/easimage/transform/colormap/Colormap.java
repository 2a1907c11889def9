package org.easimage.transform.colormap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Named colormaps, each a table of 256 RGB colours stored as data beside this class ({@code viridis.txt}: 256
 * lines of {@code R G B}, taken once from OpenCV's {@code applyColorMap}, so results equal OpenCV's without
 * needing it; a test of the OpenCV module checks they still agree), except GRAY, the identity ramp.
 */
public enum Colormap {
    GRAY, VIRIDIS, MAGMA, INFERNO, PLASMA, CIVIDIS, TURBO, JET, HOT;

    private volatile byte[] table;

    /** 768 bytes: R, G, B of entry 0, then entry 1, ... entry 255 (a copy). */
    public byte[] rgbTable() {
        byte[] t = table;
        if (t == null) {
            t = this == GRAY ? ramp() : load(name().toLowerCase(Locale.ROOT) + ".txt");
            table = t;
        }
        return t.clone();
    }

    private static byte[] ramp() {
        byte[] rgb = new byte[768];
        for (int i = 0; i < 256; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) i;
        }
        return rgb;
    }

    private static byte[] load(String resource) {
        byte[] rgb = new byte[768];
        int n = 0;
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colormap table " + resource + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                for (String v : line.trim().split("\\s+")) {
                    rgb[n++] = (byte) Integer.parseInt(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colormap table " + resource, e);
        }
        if (n != 768) {
            throw new IllegalStateException("colormap table " + resource + " holds " + n + " values, not 768");
        }
        return rgb;
    }
}
