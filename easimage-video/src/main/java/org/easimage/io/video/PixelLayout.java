package org.easimage.io.video;

import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/** What a decoder pixel format is made of: gray, YUV or RGB, its bit depth and its FFmpeg name. */
record PixelLayout(int pixFmt, String name, int components, int depth, boolean rgb, boolean fullRangeByName) {

    /** Describes {@code pixFmt}; unknown or hardware formats give a layout with 0 components. */
    static PixelLayout of(int pixFmt) {
        AVPixFmtDescriptor d = pixFmt < 0 ? null : avutil.av_pix_fmt_desc_get(pixFmt);
        if (d == null || d.isNull()) {
            return new PixelLayout(pixFmt, "none", 0, 8, false, false);
        }
        BytePointer n = avutil.av_get_pix_fmt_name(pixFmt);
        String name = n == null || n.isNull() ? "unknown" : n.getString();
        int comps = d.nb_components();
        boolean alpha = (d.flags() & avutil.AV_PIX_FMT_FLAG_ALPHA) != 0;
        int colour = alpha ? comps - 1 : comps;
        return new PixelLayout(pixFmt, name, colour, d.comp(0).depth(),
                (d.flags() & avutil.AV_PIX_FMT_FLAG_RGB) != 0, name.startsWith("yuvj"));
    }

    boolean gray() {
        return components == 1;
    }

    boolean yuv() {
        return components >= 3 && !rgb;
    }

    /** True when the samples span the full code range ({@code color_range} JPEG/pc, yuvj formats, RGB). */
    boolean fullRange(int colorRange) {
        if (rgb || fullRangeByName || colorRange == avutil.AVCOL_RANGE_JPEG) {
            return true;
        }
        // gray without a range tag (FFV1, raw) holds plain sample values; YUV without one is limited (studio) range
        return gray() && colorRange != avutil.AVCOL_RANGE_MPEG;
    }
}
