package org.easimage.frame;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.zip.CRC32;

/** Static helpers to make, wrap, compare and convert {@link Frame}s. */
public final class Frames {

    private Frames() {
    }

    /**
     * A zero-filled heap buffer of {@code bytes} bytes in native order. Heap, not direct, on purpose: measured here,
     * {@code ByteBuffer.allocateDirect} costs 3 to 19 ms per MiB-sized frame (fresh pages zeroed, freed only when a
     * GC happens to run), while a heap array costs about 0.3 ms and is reclaimed by the young collector; native code
     * copies a heap frame in about 0.05 ms per MiB. Streaming therefore allocates on the heap.
     */
    public static ByteBuffer allocateBuffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
    }

    /** A zero-filled direct (off-heap) buffer, for long-lived frames that native code wraps without copying. */
    public static ByteBuffer allocateDirectBuffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /**
     * A new zero-filled frame on the heap (see {@link #allocateBuffer} for why), without times (add them with
     * {@link Frame#withTime}, {@link Frame#withTimestamp} or {@link Frame#withPositionOf}).
     */
    public static Frame allocate(FrameSpec spec, int index) {
        return new Frame(spec, allocateBuffer(spec.frameBytes()), index, null, null);
    }

    /**
     * A new zero-filled frame of {@code spec} (on the heap) that takes {@code input}'s place in its sequence: its
     * index, time and timestamp. What a transform returns.
     */
    public static Frame allocateLike(Frame input, FrameSpec spec) {
        return allocate(spec).withPositionOf(input);
    }

    /** A new zero-filled frame in a direct buffer that OpenCV and FFmpeg address without copying; no times. */
    public static Frame allocateDirect(FrameSpec spec, int index) {
        return new Frame(spec, allocateDirectBuffer(spec.frameBytes()), index, null, null);
    }

    /** A new zero-filled heap frame with index 0 and no times. */
    public static Frame allocate(FrameSpec spec) {
        return allocate(spec, 0);
    }

    /** Wraps a byte array without copying (the frame is then heap-backed: native code will copy it); no times. */
    public static Frame wrap(FrameSpec spec, byte[] pixels, int index) {
        checkLength(spec, pixels.length, 1);
        return new Frame(spec, ByteBuffer.wrap(pixels), index, null, null);
    }

    /** Wraps a byte array without copying, index 0, no times. */
    public static Frame wrap(FrameSpec spec, byte[] pixels) {
        return wrap(spec, pixels, 0);
    }

    /** A frame holding a copy of 16-bit samples; no times. */
    public static Frame ofShorts(FrameSpec spec, short[] samples, int index) {
        if (spec.sampleType() != SampleType.U16) {
            throw new IllegalArgumentException("short samples need a 16-bit pixel type, not " + spec.pixelType());
        }
        checkLength(spec, samples.length, 2);
        Frame f = allocate(spec, index);
        f.buffer().asShortBuffer().put(samples);
        return f;
    }

    /** A frame holding a copy of float samples; no times. */
    public static Frame ofFloats(FrameSpec spec, float[] samples, int index) {
        if (spec.sampleType() != SampleType.F32) {
            throw new IllegalArgumentException("float samples need a float pixel type, not " + spec.pixelType());
        }
        checkLength(spec, samples.length, 4);
        Frame f = allocate(spec, index);
        f.buffer().asFloatBuffer().put(samples);
        return f;
    }

    private static void checkLength(FrameSpec spec, int length, int bytesPerElement) {
        if ((long) length * bytesPerElement != spec.frameBytes()) {
            throw new IllegalArgumentException("array of " + length + " elements does not match " + spec);
        }
    }

    /** The pixels copied into a new byte array. */
    public static byte[] toBytes(Frame frame) {
        byte[] out = new byte[frame.spec().frameBytes()];
        frame.buffer().get(out);
        return out;
    }

    /** The 16-bit samples copied into a new array. */
    public static short[] toShorts(Frame frame) {
        ShortBuffer sb = frame.shorts();
        short[] out = new short[sb.remaining()];
        sb.get(out);
        return out;
    }

    /** The float samples copied into a new array. */
    public static float[] toFloats(Frame frame) {
        FloatBuffer fb = frame.floats();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    /**
     * Copies {@code bytes} bytes of 3-byte pixels from {@code src} to {@code dst}, both from index 0 whatever their
     * position and limit (which do not move), with the first and third byte of each pixel swapped: RGB to BGR and
     * back.
     * {@code src} and {@code dst} may be the same buffer (in place), not overlapping otherwise.
     * <p>
     * Why not a byte loop: Norpix stores colour as BGR, and a byte-by-byte swap ran at about 1.5 ns a byte, the
     * slowest step of a decode to .seq (4 ms of a 720p frame, on the one writing thread). This one moves 8 pixels
     * as three 64-bit words, each output word made of its input word and a byte or two of its neighbours.
     *
     * @throws IllegalArgumentException when {@code bytes} is not a multiple of 3
     */
    public static void swapRedBlue(ByteBuffer src, ByteBuffer dst, int bytes) {
        if (bytes % 3 != 0) {
            throw new IllegalArgumentException(bytes + " bytes are not whole 3-byte pixels");
        }
        ByteBuffer in = src.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = dst.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        // byte k of a little-endian word is bits 8k..8k+7; the masks name the bytes they keep
        final long keepA = 0xFF00_00FF_0000_FF00L;  // bytes 1, 4, 7 (green of pixels 0, 1; green of pixel 2)
        final long keepB = 0x0000_FF00_00FF_0000L;  // bytes 2, 5
        final long keepC = 0x00FF_0000_FF00_00FFL;  // bytes 0, 3, 6
        for (; i + 24 <= bytes; i += 24) {
            long a = in.getLong(i);
            long b = in.getLong(i + 8);
            long c = in.getLong(i + 16);
            out.putLong(i, (a & keepA) | ((a >>> 16) & 0x0000_0000_FF00_00FFL) | ((a << 16) & 0x0000_FF00_00FF_0000L)
                    | ((b << 48) & 0x00FF_0000_0000_0000L));
            out.putLong(i + 8, (b & keepB) | ((b >>> 16) & 0x0000_00FF_0000_FF00L)
                    | ((b << 16) & 0x00FF_0000_FF00_0000L) | ((a >>> 48) & 0xFFL) | ((c << 48) & 0xFF00_0000_0000_0000L));
            out.putLong(i + 16, (c & keepC) | ((c >>> 16) & 0x0000_FF00_00FF_0000L)
                    | ((c << 16) & 0xFF00_00FF_0000_0000L) | ((b >>> 48) & 0xFF00L));
        }
        for (; i < bytes; i += 3) {
            byte r = in.get(i);
            out.put(i + 1, in.get(i + 1));
            out.put(i, in.get(i + 2));
            out.put(i + 2, r);
        }
    }

    /** CRC-32 of the pixel bytes (as stored: native order), for golden checksums. */
    public static long crc32(Frame frame) {
        CRC32 crc = new CRC32();
        crc.update(frame.buffer());
        return crc.getValue();
    }

    /** Rounds and clamps {@code v} to 0..max (NaN becomes 0). */
    public static int saturate(double v, int max) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= max ? max : (int) (v + 0.5);
    }

    // -- BufferedImage bridge --

    /**
     * A {@link BufferedImage} holding a copy of the frame's pixels: TYPE_BYTE_GRAY, TYPE_USHORT_GRAY, or an
     * interleaved RGB(A) / float image with a component colour model.
     */
    public static BufferedImage toBufferedImage(Frame frame) {
        FrameSpec s = frame.spec();
        if (s.pixelType().isPlanar()) {
            throw new IllegalArgumentException("a planar " + s + " frame has no BufferedImage form; convert it to RGB");
        }
        int w = s.width();
        int h = s.height();
        if (s.pixelType() == PixelType.GRAY8) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            frame.buffer().get(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
            return img;
        }
        if (s.pixelType() == PixelType.GRAY16) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
            frame.shorts().get(((DataBufferUShort) img.getRaster().getDataBuffer()).getData());
            return img;
        }
        int c = s.channels();
        int dataType = switch (s.sampleType()) {
            case U8 -> DataBuffer.TYPE_BYTE;
            case U16 -> DataBuffer.TYPE_USHORT;
            case F32 -> DataBuffer.TYPE_FLOAT;
        };
        ColorSpace cs = ColorSpace.getInstance(c == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        boolean alpha = c == 4;
        ColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
        int[] offsets = new int[c];
        for (int i = 0; i < c; i++) {
            offsets[i] = i;
        }
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        switch (s.sampleType()) {
            case U8 -> frame.buffer().get(((DataBufferByte) raster.getDataBuffer()).getData());
            case U16 -> frame.shorts().get(((DataBufferUShort) raster.getDataBuffer()).getData());
            case F32 -> {
                float[] all = toFloats(frame);
                raster.setDataElements(0, 0, w, h, all);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /**
     * A frame holding a copy of the image's pixels; palette and packed-int images become RGB24 or RGBA32. No
     * times.
     */
    public static Frame fromBufferedImage(BufferedImage img, int index) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        if (cm instanceof IndexColorModel || cm instanceof DirectColorModel
                || !(cm instanceof ComponentColorModel)) {
            return fromArgb(img, cm.hasAlpha(), index);
        }
        SampleType st = switch (r.getTransferType()) {
            case DataBuffer.TYPE_BYTE -> SampleType.U8;
            case DataBuffer.TYPE_USHORT, DataBuffer.TYPE_SHORT -> SampleType.U16;
            case DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE -> SampleType.F32;
            default -> null;
        };
        if (st == null) {
            return fromArgb(img, cm.hasAlpha(), index);
        }
        int bands = r.getNumBands();
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int channels = gray ? 1 : (bands >= 4 && cm.hasAlpha() ? 4 : 3);
        if (!gray && bands < 3) {
            return fromArgb(img, cm.hasAlpha(), index);
        }
        if (channels == 4 && st == SampleType.F32) {
            channels = 3; // no RGBA float type: alpha is dropped
        }
        PixelType pt = PixelType.of(channels, st);
        int bits = st == SampleType.F32 ? 32 : Math.min(st.bits(), Math.max(1, cm.getComponentSize(0)));
        FrameSpec spec = new FrameSpec(w, h, pt, bits);
        Frame f = allocate(spec, index);
        ByteBuffer out = f.buffer();
        switch (st) {
            case U8 -> {
                int[] row = new int[w * bands];
                for (int y = 0; y < h; y++) {
                    r.getPixels(0, y, w, 1, row);
                    for (int x = 0; x < w; x++) {
                        for (int c = 0; c < channels; c++) {
                            out.put((byte) row[x * bands + c]);
                        }
                    }
                }
            }
            case U16 -> {
                int[] row = new int[w * bands];
                for (int y = 0; y < h; y++) {
                    r.getPixels(0, y, w, 1, row);
                    for (int x = 0; x < w; x++) {
                        for (int c = 0; c < channels; c++) {
                            out.putShort((short) row[x * bands + c]);
                        }
                    }
                }
            }
            case F32 -> {
                double[] row = new double[w * bands];
                for (int y = 0; y < h; y++) {
                    r.getPixels(0, y, w, 1, row);
                    for (int x = 0; x < w; x++) {
                        for (int c = 0; c < channels; c++) {
                            out.putFloat((float) row[x * bands + c]);
                        }
                    }
                }
            }
        }
        return f;
    }

    /** {@link #fromBufferedImage(BufferedImage, int)} with index 0. */
    public static Frame fromBufferedImage(BufferedImage img) {
        return fromBufferedImage(img, 0);
    }

    /**
     * The image as a frame of {@code expected}, copied in bulk when the raster already has that layout (one bank,
     * interleaved, tightly packed, bands in order: the common 8/16-bit gray and RGB cases, several times faster
     * than the per-sample path), else converted as {@link #fromBufferedImage(BufferedImage, int)} does.
     */
    public static Frame fromBufferedImage(BufferedImage img, FrameSpec expected, int index) {
        Raster r = img.getRaster();
        int w = expected.width();
        int c = expected.channels();
        if (img.getWidth() == w && img.getHeight() == expected.height() && r.getNumBands() == c
                && r.getMinX() == 0 && r.getMinY() == 0 && r.getParent() == null
                && r.getSampleModel() instanceof java.awt.image.ComponentSampleModel sm
                && sm.getPixelStride() == c && sm.getScanlineStride() == w * c && inOrder(sm.getBandOffsets())
                && r.getDataBuffer().getNumBanks() == 1 && r.getDataBuffer().getOffset() == 0
                && !(img.getColorModel() instanceof IndexColorModel)) {
            DataBuffer db = r.getDataBuffer();
            int samples = expected.sampleCount();
            if (expected.sampleType() == SampleType.U8 && db instanceof DataBufferByte b && b.getData().length >= samples) {
                Frame f = allocate(expected, index);
                f.buffer().put(b.getData(), 0, samples);
                return f;
            }
            if (expected.sampleType() == SampleType.U16 && db instanceof DataBufferUShort s
                    && s.getData().length >= samples) {
                Frame f = allocate(expected, index);
                f.buffer().asShortBuffer().put(s.getData(), 0, samples);
                return f;
            }
        }
        return fromBufferedImage(img, index);
    }

    private static boolean inOrder(int[] offsets) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static Frame fromArgb(BufferedImage img, boolean alpha, int index) {
        int w = img.getWidth();
        int h = img.getHeight();
        FrameSpec spec = FrameSpec.of(w, h, alpha ? PixelType.RGBA32 : PixelType.RGB24);
        Frame f = allocate(spec, index);
        ByteBuffer out = f.buffer();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                out.put((byte) (argb >> 16)).put((byte) (argb >> 8)).put((byte) argb);
                if (alpha) {
                    out.put((byte) (argb >>> 24));
                }
            }
        }
        return f;
    }
}
