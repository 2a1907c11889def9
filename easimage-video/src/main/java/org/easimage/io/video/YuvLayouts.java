package org.easimage.io.video;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.frame.YuvEncoding;

/**
 * Planar Y'CbCr frames ({@link PixelType#isPlanar()}) and FFmpeg's planar formats: which format is which type,
 * how colour tags map to a {@link YuvEncoding}, and copying planes between an {@link AVFrame} (strided, padded)
 * and a frame's tightly packed planes.
 */
final class YuvLayouts {

    private YuvLayouts() {
    }

    /** The planar type of an 8-bit planar YUV FFmpeg format (yuv420p/422p/444p and their yuvj forms), or null. */
    static PixelType planarType(int pixFmt) {
        return switch (pixFmt) {
            case avutil.AV_PIX_FMT_YUV420P, avutil.AV_PIX_FMT_YUVJ420P -> PixelType.YUV420P;
            case avutil.AV_PIX_FMT_YUV422P, avutil.AV_PIX_FMT_YUVJ422P -> PixelType.YUV422P;
            case avutil.AV_PIX_FMT_YUV444P, avutil.AV_PIX_FMT_YUVJ444P -> PixelType.YUV444P;
            default -> null;
        };
    }

    /** The plain FFmpeg format of a planar type (yuv420p, not yuvj420p: the range is a tag). */
    static int pixFmt(PixelType t) {
        return switch (t) {
            case YUV420P -> avutil.AV_PIX_FMT_YUV420P;
            case YUV422P -> avutil.AV_PIX_FMT_YUV422P;
            case YUV444P -> avutil.AV_PIX_FMT_YUV444P;
            default -> throw new IllegalArgumentException(t + " is not planar");
        };
    }

    /** The JPEG-range ("yuvj") FFmpeg format of a planar type. */
    static int jpegPixFmt(PixelType t) {
        return switch (t) {
            case YUV420P -> avutil.AV_PIX_FMT_YUVJ420P;
            case YUV422P -> avutil.AV_PIX_FMT_YUVJ422P;
            case YUV444P -> avutil.AV_PIX_FMT_YUVJ444P;
            default -> throw new IllegalArgumentException(t + " is not planar");
        };
    }

    /** The matrix of an AVColorSpace; unspecified and unknown ones are BT.601, as FFmpeg's own tools assume. */
    static YuvEncoding.Matrix matrix(int colorspace) {
        return switch (colorspace) {
            case avutil.AVCOL_SPC_BT709 -> YuvEncoding.Matrix.BT709;
            case avutil.AVCOL_SPC_FCC -> YuvEncoding.Matrix.FCC;
            case avutil.AVCOL_SPC_SMPTE240M -> YuvEncoding.Matrix.SMPTE240M;
            case avutil.AVCOL_SPC_BT2020_NCL, avutil.AVCOL_SPC_BT2020_CL -> YuvEncoding.Matrix.BT2020;
            default -> YuvEncoding.Matrix.BT601;
        };
    }

    /** The AVColorSpace tag of a matrix (BT.601 as bt470bg, the tag FFmpeg's encoders write for it). */
    static int colorspace(YuvEncoding.Matrix m) {
        return switch (m) {
            case BT601 -> avutil.AVCOL_SPC_BT470BG;
            case BT709 -> avutil.AVCOL_SPC_BT709;
            case FCC -> avutil.AVCOL_SPC_FCC;
            case SMPTE240M -> avutil.AVCOL_SPC_SMPTE240M;
            case BT2020 -> avutil.AVCOL_SPC_BT2020_NCL;
        };
    }

    /** swscale's coefficient table of a matrix. */
    static int swsMatrix(YuvEncoding.Matrix m) {
        return switch (m) {
            case BT601 -> swscale.SWS_CS_DEFAULT;
            case BT709 -> swscale.SWS_CS_ITU709;
            case FCC -> swscale.SWS_CS_FCC;
            case SMPTE240M -> swscale.SWS_CS_SMPTE240M;
            case BT2020 -> swscale.SWS_CS_BT2020;
        };
    }

    /** The encoding of a decoded frame (or stream) of {@code layout} with these tags. */
    static YuvEncoding encoding(PixelLayout layout, int colorspace, int colorRange) {
        return new YuvEncoding(matrix(colorspace), layout.fullRange(colorRange));
    }

    /** Copies the planes of {@code src} (strided) into {@code dst}, the tightly packed planes of {@code spec}. */
    static void copyOut(AVFrame src, FrameSpec spec, ByteBuffer dst) {
        for (int p = 0; p < 3; p++) {
            int w = spec.planeWidth(p);
            int h = spec.planeHeight(p);
            int stride = src.linesize(p);
            ByteBuffer plane = src.data(p).capacity((long) stride * h).asByteBuffer();
            int at = spec.planeOffset(p);
            for (int y = 0; y < h; y++) {
                dst.put(at + y * w, plane, y * stride, w);
            }
        }
    }

    /**
     * Copies the tightly packed planes of {@code spec} in {@code src} into {@code dst}, whose planes may be larger
     * ({@code dstWidth x dstHeight} luma, subsampled alike): the last column and row of each plane are repeated
     * into the extra ones.
     */
    static void copyIn(ByteBuffer src, FrameSpec spec, AVFrame dst, int dstWidth, int dstHeight) {
        FrameSpec padded = spec.withSize(dstWidth, dstHeight);
        for (int p = 0; p < 3; p++) {
            int w = spec.planeWidth(p);
            int h = spec.planeHeight(p);
            int pw = padded.planeWidth(p);
            int ph = padded.planeHeight(p);
            int stride = dst.linesize(p);
            ByteBuffer plane = dst.data(p).capacity((long) stride * ph).asByteBuffer();
            int at = spec.planeOffset(p);
            for (int y = 0; y < ph; y++) {
                int row = y * stride;
                plane.put(row, src, at + Math.min(y, h - 1) * w, w);
                if (pw > w) {
                    byte last = plane.get(row + w - 1);
                    for (int x = w; x < pw; x++) {
                        plane.put(row + x, last);
                    }
                }
            }
        }
    }
}
