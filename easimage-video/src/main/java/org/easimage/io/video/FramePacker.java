package org.easimage.io.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;

/**
 * Fills the encoder's {@link AVFrame} from packed frames. Lossless layouts (gray into gray, gray into the Y
 * plane of a full-range YUV stream, RGB into bgr0 or planar gbrp16) are copied by hand so they stay bit-exact;
 * everything else goes through swscale with the plan's range. Frames smaller than the coded size (only YUV
 * formats with subsampled chroma pad) are padded by repeating the last column and row.
 *
 * <p>swscale reads its source from a frame allocated like FFmpeg's own ({@code av_frame_get_buffer}), never
 * from the packed frame: its SIMD input readers load whole blocks of pixels and so read past the end of a
 * packed row, and past the end of the buffer on the last row (see {@link FrameConverter}).
 */
final class FramePacker implements AutoCloseable {

    private final EncoderPlan plan;
    private final FrameSpec in;
    private final FrameSpec padded;
    private final PixelLayout target;
    private SwsContext sws;
    /** swscale's source: the frame, padded, in an FFmpeg-allocated buffer; allocated on first use. */
    private AVFrame staged;

    FramePacker(EncoderPlan plan, FrameSpec in) {
        this.plan = plan;
        this.in = in;
        this.padded = plan.paddedSpec(in);
        this.target = PixelLayout.of(plan.pixFmt());
    }

    void pack(Frame frame, AVFrame dst) {
        ByteBuffer src = frame.buffer();
        int fmt = plan.pixFmt();
        boolean gray = in.pixelType().isGray();
        if (in.pixelType().isPlanar()) {
            packPlanar(src, dst);
        } else if (gray && target.gray()) {
            copyPadded(src, dst);
        } else if (gray && target.yuv() && plan.fullRange() && in.sampleType().bytes() == 1 && target.depth() == 8) {
            copyPadded(src, dst);
            fillChroma(dst);
        } else if (fmt == avutil.AV_PIX_FMT_BGR0 && in.sampleType().bytes() == 1) {
            toBgr0(src, dst); // bgr0 and gbrp16 have no subsampled chroma: never padded
        } else if (fmt == avutil.AV_PIX_FMT_GBRP16LE && in.sampleType().bytes() == 2) {
            toGbrp16(src, dst);
        } else {
            scale(src, dst);
        }
    }

    /**
     * Copies the packed frame into plane 0 of {@code dst} (the coded size), repeating its last column and row
     * into the padding.
     */
    private void copyPadded(ByteBuffer src, AVFrame dst) {
        int stride = dst.linesize(0);
        int rowBytes = in.rowBytes();
        int bpp = in.pixelType().bytesPerPixel();
        int last = (in.width() - 1) * bpp;
        ByteBuffer d = dst.data(0).capacity((long) stride * padded.height()).asByteBuffer();
        for (int y = 0; y < padded.height(); y++) {
            int row = y * stride;
            d.put(row, src, Math.min(y, in.height() - 1) * rowBytes, rowBytes);
            for (int x = rowBytes; x < padded.width() * bpp; x += bpp) {
                for (int b = 0; b < bpp; b++) {
                    d.put(row + x + b, d.get(row + last + b));
                }
            }
        }
    }

    private void fillChroma(AVFrame dst) {
        int ch = -((-padded.height()) >> avutil.av_pix_fmt_desc_get(plan.pixFmt()).log2_chroma_h());
        for (int p = 1; p <= 2; p++) {
            int stride = dst.linesize(p);
            BytePointer plane = dst.data(p);
            byte[] row = new byte[stride];
            java.util.Arrays.fill(row, (byte) 128);
            for (int y = 0; y < ch; y++) {
                plane.position((long) y * stride).put(row, 0, stride);
            }
            plane.position(0);
        }
    }

    private void toBgr0(ByteBuffer src, AVFrame dst) {
        int stride = dst.linesize(0);
        int w = in.width();
        ByteBuffer d = dst.data(0).capacity((long) stride * in.height()).asByteBuffer();
        byte[] inRow = new byte[w * 3];
        byte[] outRow = new byte[w * 4];
        for (int y = 0; y < in.height(); y++) {
            src.get(y * w * 3, inRow);
            for (int x = 0, i = 0, o = 0; x < w; x++, i += 3, o += 4) {
                outRow[o] = inRow[i + 2];
                outRow[o + 1] = inRow[i + 1];
                outRow[o + 2] = inRow[i];
                outRow[o + 3] = 0;
            }
            d.put(y * stride, outRow);
        }
    }

    private void toGbrp16(ByteBuffer src, AVFrame dst) {
        int w = in.width();
        ByteBuffer s = src.duplicate().order(ByteOrder.nativeOrder());
        // planes are G, B, R
        int[] channelOfPlane = {1, 2, 0};
        for (int p = 0; p < 3; p++) {
            int stride = dst.linesize(p);
            ByteBuffer d = dst.data(p).capacity((long) stride * in.height()).asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
            int c = channelOfPlane[p];
            for (int y = 0; y < in.height(); y++) {
                int si = (y * w * 3 + c) * 2;
                int di = y * stride;
                for (int x = 0; x < w; x++, si += 6, di += 2) {
                    d.putShort(di, s.getShort(si));
                }
            }
        }
    }

    private void scale(ByteBuffer src, AVFrame dst) {
        int srcFmt = FrameConverter.packedFormat(in.pixelType());
        int w = padded.width();
        int h = padded.height();
        if (sws == null) {
            sws = swscale.sws_getContext(w, h, srcFmt, w, h, plan.pixFmt(), FrameConverter.SWS_FLAGS, null, null,
                    (double[]) null);
            if (sws == null || sws.isNull()) {
                throw new IllegalStateException("swscale cannot convert " + in.pixelType() + " to " + target.name());
            }
            if (target.yuv()) {
                IntPointer coeffs = swscale.sws_getCoefficients(swscale.SWS_CS_ITU601);
                swscale.sws_setColorspaceDetails(sws, coeffs, 1, coeffs, plan.fullRange() ? 1 : 0, 0, 1 << 16,
                        1 << 16);
            }
            staged = FrameConverter.allocateFrame(srcFmt, w, h);
        }
        copyPadded(src, staged);
        swscale.sws_scale(sws, staged.data(), staged.linesize(), 0, h, dst.data(), dst.linesize());
    }

    /**
     * Planar Y'CbCr frames: their planes are copied as they are when the stream has their layout and range (a
     * plain transcode: no colour maths at all), else converted by swscale (another subsampling, or studio range
     * expanded for MJPEG) from an FFmpeg-allocated copy, keeping the frames' matrix.
     */
    private void packPlanar(ByteBuffer src, AVFrame dst) {
        int w = padded.width();
        int h = padded.height();
        boolean sameLayout = YuvLayouts.planarType(plan.pixFmt()) == in.pixelType();
        if (sameLayout && plan.fullRange() == in.yuv().fullRange()) {
            YuvLayouts.copyIn(src, in, dst, w, h);
            return;
        }
        if (sws == null) {
            int srcFmt = YuvLayouts.pixFmt(in.pixelType());
            sws = swscale.sws_getContext(w, h, srcFmt, w, h, plan.pixFmt(), FrameConverter.SWS_FLAGS, null, null,
                    (double[]) null);
            if (sws == null || sws.isNull()) {
                throw new IllegalStateException("swscale cannot convert " + in + " to " + target.name());
            }
            IntPointer coeffs = swscale.sws_getCoefficients(YuvLayouts.swsMatrix(in.yuv().matrix()));
            swscale.sws_setColorspaceDetails(sws, coeffs, in.yuv().fullRange() ? 1 : 0, coeffs,
                    plan.fullRange() ? 1 : 0, 0, 1 << 16, 1 << 16);
            staged = FrameConverter.allocateFrame(srcFmt, w, h);
        }
        YuvLayouts.copyIn(src, in, staged, w, h);
        swscale.sws_scale(sws, staged.data(), staged.linesize(), 0, h, dst.data(), dst.linesize());
    }

    @Override
    public void close() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
        if (staged != null) {
            avutil.av_frame_free(staged);
            staged = null;
        }
    }
}
