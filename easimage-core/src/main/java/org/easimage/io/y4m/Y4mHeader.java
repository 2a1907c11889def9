package org.easimage.io.y4m;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.Rational;
import org.easimage.io.UnsupportedFormatException;

/**
 * The stream header of a YUV4MPEG2 file or pipe ({@code YUV4MPEG2 W640 H480 F30000:1001 Ip A1:1 Cmono}) and the
 * mapping between its colour spaces and easimage's pixel types, in both directions:
 *
 * <table>
 * <caption>y4m colour spaces</caption>
 * <tr><th>y4m</th><th>read as</th><th>written from</th></tr>
 * <tr><td>{@code mono}</td><td>GRAY8</td><td>GRAY8, exact</td></tr>
 * <tr><td>{@code mono16} (little-endian)</td><td>GRAY16</td><td>GRAY16, exact</td></tr>
 * <tr><td>{@code mono9}..{@code mono12}</td><td>GRAY16 with 9..12 significant bits</td><td>-</td></tr>
 * <tr><td>{@code 444}</td><td>RGB24 (BT.601)</td><td>RGB24, full range BT.601 ({@code XCOLORRANGE=FULL}),
 * converted: within one code value, not bit-exact</td></tr>
 * <tr><td>{@code 422}, {@code 420jpeg}, {@code 420mpeg2}, {@code 420paldv}, {@code 411}</td>
 * <td>RGB24 (BT.601, chroma repeated)</td><td>-</td></tr>
 * </table>
 * Anything else (alpha, 16-bit colour, float, YUV above 8 bits) is refused with the pixel formats that work.
 * The range is {@code XCOLORRANGE} when stated, else limited for YUV (as in ffmpeg) and full for mono.
 *
 * @param width   frame width
 * @param height  frame height
 * @param rate    the {@code F} rate, when stated
 * @param colour  the {@code C} colour space (default {@code 420jpeg})
 * @param full    true for full-range samples
 * @param length  bytes of the header line, its newline included
 */
record Y4mHeader(int width, int height, Optional<Rational> rate, String colour, boolean full, int length) {

    static final String MAGIC = "YUV4MPEG2 ";
    static final byte[] FRAME = "FRAME".getBytes(StandardCharsets.US_ASCII);
    /** A header longer than this is not a y4m header. */
    static final int MAX_HEADER = 4096;

    /** Parses the header line (without its newline) of {@code source}. */
    static Y4mHeader parse(Path source, String line, int length) throws CorruptInputException,
            UnsupportedFormatException {
        if (!line.startsWith(MAGIC)) {
            throw new CorruptInputException(source, 0, "not a YUV4MPEG2 stream (no 'YUV4MPEG2 ' at byte 0)");
        }
        int w = -1;
        int h = -1;
        Rational rate = null;
        String colour = "420jpeg";
        Boolean full = null;
        for (String token : line.substring(MAGIC.length()).trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            String v = token.substring(1);
            try {
                switch (token.charAt(0)) {
                    case 'W' -> w = Integer.parseInt(v);
                    case 'H' -> h = Integer.parseInt(v);
                    case 'F' -> {
                        String[] nd = v.split(":");
                        long n = Long.parseLong(nd[0]);
                        long d = Long.parseLong(nd[1]);
                        rate = n > 0 && d > 0 ? Rational.of(n, d) : null;
                    }
                    case 'C' -> colour = v.toLowerCase(Locale.ROOT);
                    case 'X' -> {
                        if (v.equalsIgnoreCase("COLORRANGE=FULL")) {
                            full = true;
                        } else if (v.equalsIgnoreCase("COLORRANGE=LIMITED")) {
                            full = false;
                        }
                    }
                    default -> {
                        // I (interlacing), A (aspect) and other X extensions do not change the samples
                    }
                }
            } catch (RuntimeException e) {
                throw new CorruptInputException(source, 0, "malformed y4m header field '" + token + "'");
            }
        }
        if (w <= 0 || h <= 0) {
            throw new CorruptInputException(source, 0, "the y4m header states no valid size (W and H): " + line);
        }
        boolean mono = colour.startsWith("mono");
        Y4mHeader header = new Y4mHeader(w, h, Optional.ofNullable(rate), colour, full != null ? full : mono, length);
        header.spec(source); // refuses colour spaces that cannot be read now
        return header;
    }

    /** The spec of the frames read. */
    FrameSpec spec(Path source) throws UnsupportedFormatException {
        return switch (colour) {
            case "mono" -> FrameSpec.of(width, height, PixelType.GRAY8);
            case "mono16" -> FrameSpec.of(width, height, PixelType.GRAY16);
            case "mono9", "mono10", "mono12", "mono14" -> new FrameSpec(width, height, PixelType.GRAY16,
                    Integer.parseInt(colour.substring(4)));
            case "444", "422", "411", "420", "420jpeg", "420mpeg2", "420paldv" ->
                    FrameSpec.of(width, height, PixelType.RGB24);
            default -> throw new UnsupportedFormatException(source, "y4m colour space C" + colour + " is not "
                    + "supported; easimage reads mono, mono16 (also mono9..mono14), and 8-bit 444, 422, 420 and "
                    + "411 (e.g. ffmpeg -pix_fmt gray, gray16le, yuv420p or yuv444p)");
        };
    }

    /** Horizontal and vertical chroma subsampling of a YUV colour space. */
    private int[] subsampling() {
        return switch (colour) {
            case "444" -> new int[] {1, 1};
            case "422" -> new int[] {2, 1};
            case "411" -> new int[] {4, 1};
            default -> new int[] {2, 2};
        };
    }

    /** Bytes of one frame's samples (after the FRAME line). */
    long frameBytes() {
        if (colour.startsWith("mono")) {
            return (long) width * height * (colour.equals("mono") ? 1 : 2);
        }
        int[] s = subsampling();
        long cw = (width + s[0] - 1) / s[0];
        long ch = (height + s[1] - 1) / s[1];
        return (long) width * height + 2 * cw * ch;
    }

    /** The frame whose samples are {@code data} (exactly {@link #frameBytes()}). */
    Frame decode(Path source, byte[] data, int index) throws UnsupportedFormatException {
        FrameSpec spec = spec(source);
        if (colour.startsWith("mono")) {
            if (colour.equals("mono")) {
                return Frames.wrap(spec, data, index);
            }
            Frame f = Frames.allocate(spec, index);
            f.buffer().asShortBuffer().put(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer());
            return f;
        }
        int[] s = subsampling();
        int cw = (width + s[0] - 1) / s[0];
        int ch = (height + s[1] - 1) / s[1];
        int cb = width * height;
        int cr = cb + cw * ch;
        byte[] rgb = new byte[width * height * 3];
        double ys = full ? 1 : 255.0 / 219;
        double cs = full ? 1 : 255.0 / 224;
        double y0 = full ? 0 : 16;
        int o = 0;
        for (int y = 0; y < height; y++) {
            int crow = (y / s[1]) * cw;
            for (int x = 0; x < width; x++) {
                double l = ((data[y * width + x] & 0xFF) - y0) * ys;
                int c = crow + x / s[0];
                double u = ((data[cb + c] & 0xFF) - 128) * cs;
                double v = ((data[cr + c] & 0xFF) - 128) * cs;
                rgb[o++] = clamp(l + 1.402 * v);
                rgb[o++] = clamp(l - 0.344136 * u - 0.714136 * v);
                rgb[o++] = clamp(l + 1.772 * u);
            }
        }
        return Frames.wrap(spec, rgb, index);
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The colour space that stores frames of {@code type}, or null when y4m has none. */
    static String colourFor(PixelType type) {
        return switch (type) {
            case GRAY8 -> "mono";
            case GRAY16 -> "mono16";
            case RGB24 -> "444";
            default -> null;
        };
    }

    /** The header line, its newline included, for frames of {@code spec} at {@code rate}. */
    static byte[] line(FrameSpec spec, Rational rate) {
        String c = colourFor(spec.pixelType());
        String s = MAGIC + "W" + spec.width() + " H" + spec.height() + " F" + rate.numerator() + ":"
                + rate.denominator() + " Ip A1:1 C" + c + (c.equals("444") ? " XYSCSS=444 XCOLORRANGE=FULL" : "")
                + "\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The samples of {@code frame} as the colour space of its type stores them. */
    static byte[] encode(Frame frame) {
        FrameSpec spec = frame.spec();
        int n = spec.width() * spec.height();
        ByteBuffer in = frame.buffer();
        switch (spec.pixelType()) {
            case GRAY8 -> {
                byte[] b = new byte[n];
                in.get(b);
                return b;
            }
            case GRAY16 -> {
                ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
                b.asShortBuffer().put(in.asShortBuffer());
                return b.array();
            }
            case RGB24 -> {
                byte[] out = new byte[3 * n];
                for (int i = 0; i < n; i++) {
                    int r = in.get(3 * i) & 0xFF;
                    int g = in.get(3 * i + 1) & 0xFF;
                    int b = in.get(3 * i + 2) & 0xFF;
                    out[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
                    out[n + i] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                    out[2 * n + i] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
                }
                return out;
            }
            default -> throw new IllegalArgumentException("y4m cannot hold " + spec.pixelType());
        }
    }
}
