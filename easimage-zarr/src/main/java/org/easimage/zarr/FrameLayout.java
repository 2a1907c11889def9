package org.easimage.zarr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.UnsupportedFormatException;

/**
 * Where a frame stack's dimensions lie in an array: the positions of time, channel, y and x (-1 when absent);
 * any other dimension (an NGFF {@code z}) must have size 1.
 *
 * <p>Two layouts are written. OME-Zarr: {@code (t, y, x)} for gray and {@code (t, c, y, x)} for colour, since NGFF
 * orders axes time, channel, space and viewers (napari, Fiji, vizarr) read channels from that position. Plain
 * Zarr: {@code (t, y, x)} and {@code (t, y, x, c)}, the frames' own interleaved layout, as numpy and imageio users
 * expect an RGB stack. Reading takes either, and any order named by dimension names or NGFF axes.
 */
record FrameLayout(int rank, int t, int c, int y, int x) {

    /** The NGFF layout: channel before y and x. */
    static FrameLayout ome(int channels) {
        return channels > 1 ? new FrameLayout(4, 0, 1, 2, 3) : new FrameLayout(3, 0, -1, 1, 2);
    }

    /** The plain layout: channels last, as in memory. */
    static FrameLayout plain(int channels) {
        return channels > 1 ? new FrameLayout(4, 0, 3, 1, 2) : new FrameLayout(3, 0, -1, 1, 2);
    }

    /** The array shape of {@code frames} frames of {@code spec}. */
    int[] shape(int frames, FrameSpec spec) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        if (t >= 0) {
            s[t] = frames;
        }
        if (c >= 0) {
            s[c] = spec.channels();
        }
        s[y] = spec.height();
        s[x] = spec.width();
        return s;
    }

    /** Dimension names {@code t, c, y, x} in array order. */
    List<String> names() {
        String[] n = new String[rank];
        n[t] = "t";
        if (c >= 0) {
            n[c] = "c";
        }
        n[y] = "y";
        n[x] = "x";
        return List.of(n);
    }

    /** Frames in an array of {@code shape}. */
    int frames(int[] shape) {
        return t >= 0 ? shape[t] : 1;
    }

    /** The spec of the frames of an array of {@code shape} and {@code type}. */
    FrameSpec spec(int[] shape, DataType type, Path file) throws UnsupportedFormatException {
        int channels = c >= 0 ? shape[c] : 1;
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new UnsupportedFormatException(file, channels + " channels along dimension " + c + " (frames hold "
                    + "1, 3 (RGB) or 4 (RGBA))");
        }
        if (shape[y] == 0 || shape[x] == 0) {
            throw new UnsupportedFormatException(file, "frames of " + shape[x] + "x" + shape[y] + " pixels");
        }
        try {
            return new FrameSpec(shape[x], shape[y], PixelType.of(channels, type.sampleType()));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFormatException(file, e.getMessage());
        }
    }

    /**
     * The layout of an array: from its dimension names ({@code names}: NGFF axes, v3 dimension names, v2
     * {@code _ARRAY_DIMENSIONS}) when they name y and x, else by rank (2: y x; 3: t y x; 4: t y x c when the last
     * dimension is 3 or 4 long, else t c y x; 5: NGFF's t c z y x).
     */
    static FrameLayout infer(int[] shape, List<String> names, Path file) throws UnsupportedFormatException {
        int rank = shape.length;
        if (names != null && names.size() == rank) {
            int t = -1;
            int c = -1;
            int y = -1;
            int x = -1;
            List<Integer> others = new ArrayList<>();
            for (int d = 0; d < rank; d++) {
                String n = names.get(d) == null ? "" : names.get(d).toLowerCase(Locale.ROOT);
                switch (n) {
                    case "t", "time", "frame", "frames" -> t = t < 0 ? d : -2;
                    case "c", "channel", "channels", "rgb", "rgba", "s" -> c = c < 0 ? d : -2;
                    case "y" -> y = y < 0 ? d : -2;
                    case "x" -> x = x < 0 ? d : -2;
                    default -> others.add(d);
                }
            }
            if (y >= 0 && x >= 0 && t != -2 && c != -2) {
                return checked(new FrameLayout(rank, t, c, y, x), shape, names, file);
            }
        }
        FrameLayout l = switch (rank) {
            case 2 -> new FrameLayout(2, -1, -1, 0, 1);
            case 3 -> new FrameLayout(3, 0, -1, 1, 2);
            case 4 -> shape[3] == 3 || shape[3] == 4 || shape[1] > 4 ? new FrameLayout(4, 0, 3, 1, 2)
                    : new FrameLayout(4, 0, 1, 2, 3);
            case 5 -> new FrameLayout(5, 0, 1, 3, 4);
            default -> throw new UnsupportedFormatException(file, "an array of " + rank + " dimensions "
                    + Arrays.toString(shape) + " is not a frame stack (easimage reads 2 to 5 dimensions: t, c, "
                    + "z = 1, y, x)");
        };
        return checked(l, shape, names, file);
    }

    private static FrameLayout checked(FrameLayout l, int[] shape, List<String> names, Path file)
            throws UnsupportedFormatException {
        for (int d = 0; d < shape.length; d++) {
            if (d != l.t && d != l.c && d != l.y && d != l.x && shape[d] != 1) {
                String n = names != null && names.get(d) != null ? " (" + names.get(d) + ")" : "";
                throw new UnsupportedFormatException(file, "dimension " + d + n + " of " + Arrays.toString(shape)
                        + " has " + shape[d] + " planes; easimage reads stacks of 2D frames over time (other "
                        + "dimensions of size 1)");
            }
        }
        return l;
    }
}
