package org.easimage.io.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;

/**
 * Fills the encoder's {@link AVFrame} from packed frames. Lossless layouts (gray into gray, gray into the Y
 * plane of a full-range YUV stream, RGB into bgr0 or planar gbrp16) are copied by hand so they stay bit-exact;
 * everything else goes through swscale with the plan's range. Frames smaller than the coded size are padded
 * by repeating the last column and row.
 */
final class FramePacker implements AutoCloseable {

    private final EncoderPlan plan;
    private final FrameSpec in;
    private final FrameSpec padded;
    private final PixelLayout target;
    private SwsContext sws;
    private final PointerPointer<BytePointer> srcData = new PointerPointer<>(4);
    private final IntPointer srcStride = new IntPointer(4);

    FramePacker(EncoderPlan plan, FrameSpec in) {
        this.plan = plan;
        this.in = in;
        this.padded = plan.paddedSpec(in);
        this.target = PixelLayout.of(plan.pixFmt());
    }

    void pack(Frame frame, AVFrame dst) {
        ByteBuffer src = padded.equals(in) ? frame.buffer() : pad(frame);
        int fmt = plan.pixFmt();
        boolean gray = in.pixelType().isGray();
        if (gray && target.gray()) {
            copyPlane(src, dst, 0, padded.rowBytes());
        } else if (gray && target.yuv() && plan.fullRange() && in.sampleType().bytes() == 1 && target.depth() == 8) {
            copyPlane(src, dst, 0, padded.rowBytes());
            fillChroma(dst);
        } else if (fmt == avutil.AV_PIX_FMT_BGR0 && in.sampleType().bytes() == 1) {
            toBgr0(src, dst);
        } else if (fmt == avutil.AV_PIX_FMT_GBRP16LE && in.sampleType().bytes() == 2) {
            toGbrp16(src, dst);
        } else {
            scale(src, dst);
        }
    }

    private ByteBuffer pad(Frame frame) {
        ByteBuffer s = frame.buffer();
        ByteBuffer d = Frames.allocateBuffer(padded.frameBytes());
        int bpp = in.pixelType().bytesPerPixel();
        int srcRow = in.rowBytes();
        int dstRow = padded.rowBytes();
        for (int y = 0; y < padded.height(); y++) {
            int sy = Math.min(y, in.height() - 1);
            ByteBuffer row = s.duplicate();
            row.position(sy * srcRow).limit(sy * srcRow + srcRow);
            d.position(y * dstRow);
            d.put(row);
            for (int x = in.width(); x < padded.width(); x++) {
                for (int b = 0; b < bpp; b++) {
                    d.put(y * dstRow + x * bpp + b, d.get(y * dstRow + (in.width() - 1) * bpp + b));
                }
            }
        }
        return d.clear();
    }

    private void copyPlane(ByteBuffer src, AVFrame dst, int plane, int rowBytes) {
        int stride = dst.linesize(plane);
        ByteBuffer d = dst.data(plane).capacity((long) stride * padded.height()).asByteBuffer();
        for (int y = 0; y < padded.height(); y++) {
            ByteBuffer row = src.duplicate();
            row.position(y * rowBytes).limit(y * rowBytes + rowBytes);
            d.position(y * stride);
            d.put(row);
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
        int w = padded.width();
        ByteBuffer d = dst.data(0).capacity((long) stride * padded.height()).asByteBuffer();
        byte[] inRow = new byte[w * 3];
        byte[] outRow = new byte[w * 4];
        for (int y = 0; y < padded.height(); y++) {
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
        int w = padded.width();
        ByteBuffer s = src.duplicate().order(ByteOrder.nativeOrder());
        // planes are G, B, R
        int[] channelOfPlane = {1, 2, 0};
        for (int p = 0; p < 3; p++) {
            int stride = dst.linesize(p);
            ByteBuffer d = dst.data(p).capacity((long) stride * padded.height()).asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
            int c = channelOfPlane[p];
            for (int y = 0; y < padded.height(); y++) {
                int si = (y * w * 3 + c) * 2;
                int di = y * stride;
                for (int x = 0; x < w; x++, si += 6, di += 2) {
                    d.putShort(di, s.getShort(si));
                }
            }
        }
    }

    private void scale(ByteBuffer src, AVFrame dst) {
        boolean le = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        int srcFmt = switch (in.pixelType()) {
            case GRAY8 -> avutil.AV_PIX_FMT_GRAY8;
            case GRAY16 -> le ? avutil.AV_PIX_FMT_GRAY16LE : avutil.AV_PIX_FMT_GRAY16BE;
            case RGB48 -> le ? avutil.AV_PIX_FMT_RGB48LE : avutil.AV_PIX_FMT_RGB48BE;
            default -> avutil.AV_PIX_FMT_RGB24;
        };
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
        }
        BytePointer p = new BytePointer(src);
        try {
            srcData.put(0, p);
            srcStride.put(0, padded.rowBytes());
            swscale.sws_scale(sws, srcData, srcStride, 0, h, dst.data(), dst.linesize());
        } finally {
            p.deallocate();
        }
    }

    @Override
    public void close() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
        srcData.deallocate();
        srcStride.deallocate();
    }
}
