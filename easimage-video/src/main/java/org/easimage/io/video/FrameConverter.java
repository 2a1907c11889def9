package org.easimage.io.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;

/**
 * Converts decoded {@link AVFrame}s into the reader's packed output. Gray output takes the luma plane directly
 * (expanded from studio to full range when the source is limited range), so no colour maths touches it; RGB
 * output goes through swscale with the frame's own range and colour matrix.
 *
 * <p>swscale never writes into the packed output itself. Its SIMD converters work in blocks of pixels and rely
 * on the buffer layout FFmpeg's own allocators give (strides aligned to 32/64 bytes, padding after the rows):
 * the x86 YUV 4:2:0 to RGB24 converter, for one, stores 16 pixels per step, so it writes up to 45 bytes past a
 * packed row, and when the stride leaves it no room it skips the last 8-pixel block instead, leaving those
 * pixels unwritten. Into a tightly packed buffer that meant garbage in the last columns (width 36: the last 4
 * pixels) or heap corruption past the buffer's end (width 200: 24 bytes). So swscale writes into a frame from
 * {@code av_frame_get_buffer}, exactly as in the ffmpeg command line, and the rows are copied out of it.
 */
final class FrameConverter implements AutoCloseable {

    /** The flags the ffmpeg command line uses by default, so our RGB equals its RGB. */
    static final int SWS_FLAGS = swscale.SWS_BICUBIC;

    private final FrameSpec out;
    private SwsContext sws;
    private int swsKey = Integer.MIN_VALUE;
    private int[] lut;
    private int lutKey = Integer.MIN_VALUE;
    /** swscale's output, allocated on first use and reused; see the class comment. */
    private AVFrame scaled;
    /** The pixels of {@link #scaled}: {@code linesize(0)} bytes per row. */
    private ByteBuffer scaledPixels;

    FrameConverter(FrameSpec out) {
        this.out = out;
    }

    /**
     * The pixels of {@code src} as a new heap array. Heap arrays, not fresh direct buffers: on the measured machine
     * a fresh 2.7 MB direct buffer costs ~12 ms (page faults of new mappings), a heap array ~0.3 ms; a pipeline that
     * recycles its frames passes them to {@link #convert(AVFrame, ByteBuffer)} instead.
     */
    byte[] convert(AVFrame src) {
        byte[] pixels = new byte[out.frameBytes()];
        convert(src, ByteBuffer.wrap(pixels));
        return pixels;
    }

    /** Writes the pixels of {@code src} into {@code dst} (at least {@code out.frameBytes()} from position 0). */
    void convert(AVFrame src, ByteBuffer dst) {
        dst = dst.duplicate().clear().order(ByteOrder.nativeOrder());
        PixelLayout layout = PixelLayout.of(src.format());
        boolean full = layout.fullRange(src.color_range());
        if (out.pixelType().isGray() && (layout.gray() || layout.yuv())) {
            copyLuma(src, layout, full, dst, 1);
        } else if (!out.pixelType().isGray() && layout.gray()) {
            copyLuma(src, layout, full, dst, 3);
        } else {
            scale(src, layout, full, dst);
        }
    }

    /** Copies plane 0 into every output channel, through a range LUT when needed. */
    private void copyLuma(AVFrame src, PixelLayout layout, boolean full, ByteBuffer dst, int channels) {
        int w = out.width();
        int h = out.height();
        int stride = src.linesize(0);
        int bytesPerSample = layout.depth() > 8 ? 2 : 1;
        BytePointer plane = src.data(0);
        ByteBuffer in = plane.capacity((long) Math.abs(stride) * h).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int[] map = full ? null : rangeLut(layout.depth());
        boolean wide = out.sampleType().bytes() == 2;
        ByteBuffer o = dst.duplicate().order(ByteOrder.nativeOrder());
        if (map == null && channels == 1 && bytesPerSample == out.sampleType().bytes()
                && (bytesPerSample == 1 || ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN)) {
            int rowBytes = w * bytesPerSample;
            for (int y = 0; y < h; y++) {
                ByteBuffer row = in.duplicate();
                row.position(y * stride).limit(y * stride + rowBytes);
                o.put(row);
            }
            return;
        }
        int pos = 0;
        for (int y = 0; y < h; y++) {
            int base = y * stride;
            for (int x = 0; x < w; x++) {
                int v = bytesPerSample == 1 ? in.get(base + x) & 0xFF : in.getShort(base + 2 * x) & 0xFFFF;
                if (map != null) {
                    v = map[Math.min(v, map.length - 1)];
                }
                for (int c = 0; c < channels; c++) {
                    if (wide) {
                        o.putShort(pos, (short) v);
                        pos += 2;
                    } else {
                        o.put(pos++, (byte) v);
                    }
                }
            }
        }
    }

    /** Studio-range luma (16..235 scaled to the depth) to full range, rounded and clamped. */
    private int[] rangeLut(int depth) {
        if (lut != null && lutKey == depth) {
            return lut;
        }
        int size = 1 << depth;
        int max = size - 1;
        double lo = 16 << (depth - 8);
        double span = 219 << (depth - 8);
        int[] t = new int[size];
        for (int v = 0; v < size; v++) {
            long r = Math.round((v - lo) * max / span);
            t[v] = (int) Math.max(0, Math.min(max, r));
        }
        lut = t;
        lutKey = depth;
        return t;
    }

    private void scale(AVFrame src, PixelLayout layout, boolean full, ByteBuffer pixels) {
        int w = out.width();
        int h = out.height();
        int dstFmt = packedFormat(out.pixelType());
        int key = (src.format() * 31 + src.colorspace()) * 2 + (full ? 1 : 0);
        if (sws == null || key != swsKey) {
            free();
            sws = swscale.sws_getContext(w, h, src.format(), w, h, dstFmt,
                    SWS_FLAGS,
                    null, null, (double[]) null);
            if (sws == null || sws.isNull()) {
                throw new IllegalStateException("swscale cannot convert " + layout.name() + " to " + out.pixelType());
            }
            if (layout.yuv()) {
                IntPointer coeffs = swscale.sws_getCoefficients(matrix(src.colorspace()));
                swscale.sws_setColorspaceDetails(sws, coeffs, full ? 1 : 0, coeffs, 1, 0, 1 << 16, 1 << 16);
            }
            swsKey = key;
        }
        if (scaled == null) {
            scaled = allocateFrame(dstFmt, w, h);
            scaledPixels = scaled.data(0).capacity((long) scaled.linesize(0) * h).asByteBuffer();
        }
        swscale.sws_scale(sws, src.data(), src.linesize(), 0, h, scaled.data(), scaled.linesize());
        int stride = scaled.linesize(0);
        int rowBytes = out.rowBytes();
        for (int y = 0; y < h; y++) {
            pixels.put(y * rowBytes, scaledPixels, y * stride, rowBytes);
        }
        int shift = out.sampleType().bits() - out.significantBits();
        if (shift > 0) {
            ByteBuffer o = pixels.duplicate().order(ByteOrder.nativeOrder());
            for (int i = 0, n = out.frameBytes(); i < n; i += 2) {
                o.putShort(i, (short) ((o.getShort(i) & 0xFFFF) >>> shift));
            }
        }
    }

    /** The FFmpeg pixel format of a packed easimage pixel type (native byte order for 16-bit samples). */
    static int packedFormat(PixelType t) {
        boolean le = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        return switch (t) {
            case GRAY8 -> avutil.AV_PIX_FMT_GRAY8;
            case GRAY16 -> le ? avutil.AV_PIX_FMT_GRAY16LE : avutil.AV_PIX_FMT_GRAY16BE;
            case RGB24 -> avutil.AV_PIX_FMT_RGB24;
            case RGB48 -> le ? avutil.AV_PIX_FMT_RGB48LE : avutil.AV_PIX_FMT_RGB48BE;
            default -> throw new IllegalArgumentException("video has no packed format for " + t);
        };
    }

    /**
     * A frame whose buffer is allocated the way FFmpeg's decoders and filters allocate theirs
     * ({@code av_frame_get_buffer} with the CPU's alignment): aligned strides and padded rows, which swscale's
     * SIMD code may write and read past the visible width.
     */
    static AVFrame allocateFrame(int pixFmt, int width, int height) {
        AVFrame f = avutil.av_frame_alloc();
        if (f == null || f.isNull()) {
            throw new IllegalStateException("av_frame_alloc failed");
        }
        f.format(pixFmt).width(width).height(height);
        int ret = avutil.av_frame_get_buffer(f, 0);
        if (ret < 0) {
            avutil.av_frame_free(f);
            throw new IllegalStateException("allocating a " + width + "x" + height + " frame failed: "
                    + FFmpeg.errorText(ret));
        }
        return f;
    }

    /** swscale's matrix for an AVColorSpace; unspecified means BT.601, as FFmpeg's own tools assume. */
    private static int matrix(int colorspace) {
        return switch (colorspace) {
            case avutil.AVCOL_SPC_BT709 -> swscale.SWS_CS_ITU709;
            case avutil.AVCOL_SPC_FCC -> swscale.SWS_CS_FCC;
            case avutil.AVCOL_SPC_SMPTE240M -> swscale.SWS_CS_SMPTE240M;
            case avutil.AVCOL_SPC_BT2020_NCL, avutil.AVCOL_SPC_BT2020_CL -> swscale.SWS_CS_BT2020;
            default -> swscale.SWS_CS_DEFAULT;
        };
    }

    /** The output pixel type for a source layout and the requested output mode. */
    static FrameSpec outputSpec(int width, int height, PixelLayout layout, VideoReadOptions.Output mode) {
        boolean wide = layout.depth() > 8;
        boolean gray = switch (mode) {
            case GRAY -> true;
            case RGB -> false;
            case AUTO -> layout.gray();
        };
        PixelType t = gray ? (wide ? PixelType.GRAY16 : PixelType.GRAY8) : (wide ? PixelType.RGB48 : PixelType.RGB24);
        return new FrameSpec(width, height, t, wide ? Math.min(16, layout.depth()) : 8);
    }

    private void free() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
    }

    @Override
    public void close() {
        free();
        if (scaled != null) {
            avutil.av_frame_free(scaled);
            scaled = null;
        }
    }
}
