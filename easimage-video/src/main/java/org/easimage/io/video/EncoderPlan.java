package org.easimage.io.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avutil.AVClass;
import org.bytedeco.ffmpeg.avutil.AVOption;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.ProbeInput;
import org.easimage.io.Rational;
import org.easimage.io.StandardStreams;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Every encoding decision for one output, taken before any native object is created: muxer, encoder (checked
 * to exist, never silently replaced), pixel format and range, padded size, GOP, rate and encoder options.
 */
record EncoderPlan(String muxer, VideoCodec codec, AVCodec encoder, String encoderName, int pixFmt,
        boolean fullRange, int width, int height, Rational rate, int gop, long bitRate, Integer qscale,
        Map<String, String> codecOptions, int threads, boolean strict) {

    /** Extensions the writer handles, with their muxer. */
    static final Map<String, String> MUXERS = Map.of("mp4", "mp4", "m4v", "mp4", "mov", "mov", "avi", "avi",
            "mkv", "matroska", "webm", "webm", "ts", "mpegts", "nut", "nut");

    /** The extension that chooses muxer and codec: a pipe ({@code -}) is a NUT stream of raw frames. */
    static String extension(Path path) {
        return StandardStreams.isPipe(path) ? "nut" : ProbeInput.extensionOf(path);
    }

    /** Default frame rate when neither the options nor the frames give one. */
    static final Rational DEFAULT_RATE = Rational.of(30);

    static VideoCodec defaultCodec(String ext) {
        return switch (ext) {
            case "avi" -> VideoCodec.MJPEG;
            case "mkv" -> VideoCodec.FFV1;
            case "webm" -> VideoCodec.VP9;
            case "nut" -> VideoCodec.RAWVIDEO;
            default -> VideoCodec.H264;
        };
    }

    /** x264 and x265 presets: FFmpeg declares the option as a free string, so it cannot list them. */
    static final List<String> X264_PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");

    /** The encoder chosen for the options: checked to exist, never silently replaced. */
    private record Encoder(VideoCodec codec, AVCodec avCodec, String name) {
    }

    private static Encoder encoder(Path path, VideoWriteOptions vo, String ext, Consumer<String> warn)
            throws UnsupportedOutputException {
        VideoCodec codec = vo.codec() != null ? vo.codec() : defaultCodec(ext);
        String name = vo.encoderName() != null ? vo.encoderName() : codec.encoder();
        FFmpeg.load();
        AVCodec enc = avcodec.avcodec_find_encoder_by_name(name);
        if ((enc == null || enc.isNull()) && vo.encoderName() == null && codec == VideoCodec.H264) {
            // LGPL natives: no libx264. H.264 was asked as a codec (or by default), not as libx264.
            enc = avcodec.avcodec_find_encoder_by_name("libopenh264");
            if (enc != null && !enc.isNull()) {
                warn.accept(path + ": libx264 is absent (LGPL FFmpeg natives); encoding H.264 with libopenh264,"
                        + " which is rate-controlled by bit rate and gives lower quality per bit");
                name = "libopenh264";
            }
        }
        if (enc == null || enc.isNull()) {
            throw new UnsupportedOutputException(path, "the FFmpeg natives have no encoder '" + name + "'"
                    + (name.equals("libx264") || name.equals("libx265")
                            ? " (it exists only in the GPL build: org.bytedeco:ffmpeg:...:linux-x86_64-gpl)" : ""));
        }
        return new Encoder(codec, enc, name);
    }

    private static String muxer(Path path) throws UnsupportedOutputException {
        String ext = extension(path);
        String muxer = MUXERS.get(ext);
        if (muxer == null) {
            throw new UnsupportedOutputException(path, "cannot write video with extension ." + ext
                    + "; use one of " + new TreeSet<>(MUXERS.keySet()));
        }
        return muxer;
    }

    /**
     * Checks, before any work, every option that does not depend on the frames, asking FFmpeg where it can tell:
     * the encoder exists and the container holds it; crf is in the encoder's range; the preset is one of the
     * encoder's; the pixel format exists and the encoder takes it; the frame rate fits FFmpeg's 32-bit
     * rationals; every extra codec option is known to the encoder.
     */
    static void checkOptions(Path path, WriteOptions wo) throws UnsupportedOutputException {
        VideoWriteOptions vo = wo.get(VideoWriteOptions.class).orElse(VideoWriteOptions.defaults());
        String muxer = muxer(path);
        Encoder e = encoder(path, vo, extension(path), w -> { });
        AVOutputFormat container = avformat.av_guess_format(muxer, null, null);
        if (container != null && !container.isNull()
                && avformat.avformat_query_codec(container, e.avCodec().id(), avcodec.FF_COMPLIANCE_NORMAL) == 0) {
            throw new UnsupportedOutputException(path, "the " + muxer + " container cannot hold " + e.name()
                    + " video; choose another codec or extension");
        }
        if (!e.codec().lossy()) {
            wo.refuseQuality(path, e.name() + " is lossless");
        }
        if (vo.crf() != null) {
            if (vo.bitRate() > 0) {
                throw new UnsupportedOutputException(path, "crf and a bit rate exclude each other; give one");
            }
            int[] range = crfRange(e);
            if (range == null) {
                throw new UnsupportedOutputException(path, "encoder " + e.name() + " takes no crf"
                        + (e.codec().lossy() ? "; set its quality with quality 1..100" : " (it is lossless)"));
            }
            if (vo.crf() < range[0] || vo.crf() > range[1]) {
                throw new UnsupportedOutputException(path, "crf " + vo.crf() + " is outside " + e.name() + "'s range "
                        + range[0] + ".." + range[1] + " (lower is better)");
            }
        }
        if (vo.preset() != null) {
            checkPreset(path, e, vo.preset());
        }
        if (vo.pixelFormat() != null) {
            int f = namedPixFmt(path, vo.pixelFormat());
            if (!supports(e.avCodec(), f)) {
                throw new UnsupportedOutputException(path, "encoder " + e.name() + " does not take pixel format "
                        + vo.pixelFormat() + "; it takes " + pixFmtNames(e.avCodec()));
            }
        }
        Rational rate = wo.frameRate();
        if (rate != null && (rate.numerator() > Integer.MAX_VALUE || rate.denominator() > Integer.MAX_VALUE)) {
            throw new UnsupportedOutputException(path, "frame rate " + rate + " does not fit FFmpeg's rationals"
                    + " (numerator and denominator at most " + Integer.MAX_VALUE + ")");
        }
        for (String key : vo.extraCodecOptions().keySet()) {
            if (findOption(e.avCodec().priv_class(), key) == null && findOption(avcodec.avcodec_get_class(), key) == null) {
                throw new UnsupportedOutputException(path, "encoder " + e.name() + " has no option '" + key + "'");
            }
        }
    }

    /** The crf values the encoder takes, or null when it has no crf. */
    private static int[] crfRange(Encoder e) {
        if (e.name().equals("libx264") || e.name().equals("libx265")) {
            return new int[] {0, 51}; // FFmpeg declares -1..FLT_MAX; x264/x265 clamp anything above 51 silently
        }
        AVOption o = findOption(e.avCodec().priv_class(), "crf");
        return o == null ? null : new int[] {(int) Math.max(0, o.min()), (int) Math.min(Integer.MAX_VALUE, o.max())};
    }

    private static void checkPreset(Path path, Encoder e, String preset) throws UnsupportedOutputException {
        AVOption o = findOption(e.avCodec().priv_class(), "preset");
        if (o == null) {
            throw new UnsupportedOutputException(path, "encoder " + e.name() + " has no presets");
        }
        List<String> valid;
        if (e.name().equals("libx264") || e.name().equals("libx265")) {
            valid = X264_PRESETS;
        } else if (o.unit() != null && !o.unit().isNull()) {
            valid = constants(e.avCodec().priv_class(), o.unit().getString());
        } else {
            return; // a free-form string the encoder itself validates
        }
        if (!valid.contains(preset)) {
            throw new UnsupportedOutputException(path, "encoder " + e.name() + " has no preset '" + preset
                    + "'; its presets are " + String.join(", ", valid));
        }
    }

    /** An option of an FFmpeg class looked up without an object (AV_OPT_SEARCH_FAKE_OBJ), or null. */
    private static AVOption findOption(AVClass cls, String name) {
        if (cls == null || cls.isNull()) {
            return null;
        }
        try (PointerPointer<AVClass> fake = new PointerPointer<>(1)) {
            fake.put(0, cls);
            AVOption o = avutil.av_opt_find(fake, name, null, 0, avutil.AV_OPT_SEARCH_FAKE_OBJ);
            return o == null || o.isNull() || o.type() == avutil.AV_OPT_TYPE_CONST ? null : o;
        }
    }

    /** The names of the named constants of an option unit, e.g. the values of an enum-like option. */
    private static List<String> constants(AVClass cls, String unit) {
        List<String> names = new ArrayList<>();
        try (PointerPointer<AVClass> fake = new PointerPointer<>(1)) {
            fake.put(0, cls);
            for (AVOption o = avutil.av_opt_next(fake, null); o != null && !o.isNull(); o = avutil.av_opt_next(fake, o)) {
                if (o.type() == avutil.AV_OPT_TYPE_CONST && o.unit() != null && !o.unit().isNull()
                        && unit.equals(o.unit().getString())) {
                    names.add(o.name().getString());
                }
            }
        }
        return names;
    }

    static EncoderPlan of(Path path, FrameSpec spec, WriteOptions wo) throws UnsupportedOutputException {
        checkOptions(path, wo);
        VideoWriteOptions vo = wo.get(VideoWriteOptions.class).orElse(VideoWriteOptions.defaults());
        Consumer<String> warn = wo.warnings();
        String muxer = muxer(path);
        Encoder e = encoder(path, vo, extension(path), warn);
        VideoCodec codec = e.codec();
        AVCodec enc = e.avCodec();
        String name = e.name();
        if (spec.sampleType().bytes() > 2 || spec.channels() == 4) {
            throw new UnsupportedOutputException(path, "video cannot hold " + spec.pixelType()
                    + " frames; convert to GRAY8/GRAY16/RGB24/RGB48 first");
        }
        int pixFmt = vo.pixelFormat() != null ? namedPixFmt(path, vo.pixelFormat())
                : spec.pixelType().isPlanar() ? followSource(name, enc, spec) : pixFmtFor(codec, name, spec);
        if (pixFmt < 0) {
            throw new UnsupportedOutputException(path, name + " cannot store " + spec.pixelType()
                    + " frames without losing bits; write them to .mkv (FFV1) instead");
        }
        if (!supports(enc, pixFmt)) {
            throw new UnsupportedOutputException(path, "encoder " + name + " does not take pixel format "
                    + avutil.av_get_pix_fmt_name(pixFmt).getString());
        }
        boolean fullRange = isFullRange(pixFmt, spec, name);
        // sizes the chroma subsampling cannot take are padded by replicating the last column/row
        AVPixFmtDescriptor d = avutil.av_pix_fmt_desc_get(pixFmt);
        int ax = 1 << d.log2_chroma_w();
        int ay = 1 << d.log2_chroma_h();
        int w = (spec.width() + ax - 1) / ax * ax;
        int h = (spec.height() + ay - 1) / ay * ay;
        if (w != spec.width() || h != spec.height()) {
            String msg = spec.width() + "x" + spec.height() + " does not fit "
                    + avutil.av_get_pix_fmt_name(pixFmt).getString() + "; frames are padded to " + w + "x" + h
                    + " by repeating the last column/row";
            if (vo.strict()) {
                throw new UnsupportedOutputException(path, msg.replace("are padded", "would be padded")
                        + " (refused in strict mode)");
            }
            warn.accept(path + ": " + msg);
        }
        Rational rate = wo.frameRateOr(DEFAULT_RATE); // an input's own rate may still not fit
        if (rate.numerator() > Integer.MAX_VALUE || rate.denominator() > Integer.MAX_VALUE || rate.numerator() <= 0) {
            throw new UnsupportedOutputException(path, "frame rate " + rate + " does not fit FFmpeg's rationals");
        }
        int gop = vo.keyframeInterval() > 0 ? vo.keyframeInterval()
                : codec == VideoCodec.FFV1 ? 1 : (int) Math.max(1, Math.round(rate.toDouble()));
        Map<String, String> opts = new LinkedHashMap<>();
        Integer qscale = null;
        long bitRate = vo.bitRate();
        Integer q = wo.quality();
        switch (name) {
            case "libx264", "libx265" -> {
                if (bitRate == 0) {
                    opts.put("crf", Integer.toString(vo.crf() != null ? vo.crf() : scale(q, 51, 18, 0)));
                }
                if (vo.preset() != null) {
                    opts.put("preset", vo.preset());
                }
            }
            case "libvpx-vp9" -> {
                if (bitRate == 0) {
                    opts.put("crf", Integer.toString(vo.crf() != null ? vo.crf() : scale(q, 63, 31, 0)));
                    opts.put("b", "0");
                }
            }
            case "libopenh264" -> {
                if (bitRate == 0) {
                    // ~0.25 bit per pixel: comparable to x264 crf 18 on camera footage
                    bitRate = Math.max(200_000L, (long) (0.25 * w * h * rate.toDouble()));
                }
            }
            case "mjpeg", "mpeg4" -> {
                if (bitRate == 0) {
                    qscale = scale(q, 31, 3, 2);
                }
            }
            case "ffv1" -> {
                // Level 3 cuts every frame into at least 2 x 2 slices once it is 2 rows high, which a frame one
                // pixel wide cannot be cut into: FFmpeg's encoder then fails to open (ENOSYS). Level 1 has no
                // slices (and no per-slice CRCs) and is just as lossless.
                opts.put("level", w == 1 && h > 1 ? "1" : "3");
            }
            case "prores_ks" -> opts.put("profile", "3");
            default -> {
            }
        }
        opts.putAll(vo.extraCodecOptions());
        return new EncoderPlan(muxer, codec, enc, name, pixFmt, fullRange, w, h, rate, gop, bitRate, qscale, opts,
                vo.encoderThreads(), vo.strict());
    }

    /** The quality a setting of none stands for, and the one JPEG users expect to look good: 90. */
    static final int DEFAULT_QUALITY = 90;

    /**
     * Quality 1..100 (100 best, as for JPEG; null: {@link #DEFAULT_QUALITY}) on a codec scale where lower is
     * better: 100 gives {@code best}, 90 the codec's recommended default {@code atDefault} (x264 crf 18, visually
     * lossless; VP9 crf 31; MJPEG q:v 3), 1 {@code worst}, linearly in between. A linear map of 1..100 onto the
     * whole scale would put the recommended setting near 65 and make 90 a near-lossless giant.
     */
    static int scale(Integer quality, int worst, int atDefault, int best) {
        int q = quality == null ? DEFAULT_QUALITY : quality;
        double v = q >= DEFAULT_QUALITY
                ? best + (atDefault - best) * (100.0 - q) / (100 - DEFAULT_QUALITY)
                : atDefault + (worst - atDefault) * (double) (DEFAULT_QUALITY - q) / (DEFAULT_QUALITY - 1);
        return (int) Math.round(v);
    }

    private static int namedPixFmt(Path path, String name) throws UnsupportedOutputException {
        int f = avutil.av_get_pix_fmt(name.toLowerCase(Locale.ROOT));
        if (f < 0) {
            throw new UnsupportedOutputException(path, "unknown FFmpeg pixel format '" + name
                    + "' (e.g. yuv420p, yuv444p, gray, gray16le; see ffmpeg -pix_fmts)");
        }
        return f;
    }

    private static String pixFmtNames(AVCodec enc) {
        IntPointer list = enc.pix_fmts();
        if (list == null || list.isNull()) {
            return "any";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; list.get(i) != -1; i++) {
            names.add(avutil.av_get_pix_fmt_name(list.get(i)).getString());
        }
        return String.join(", ", names);
    }

    /** The stream pixel format for a codec and frame type; -1 when the codec would lose bits of 16-bit frames. */
    private static int pixFmtFor(VideoCodec codec, String encoder, FrameSpec spec) {
        boolean wide = spec.sampleType().bytes() == 2;
        boolean gray = spec.pixelType().isGray();
        if (encoder.equals("rawvideo")) {
            return gray ? (wide ? avutil.AV_PIX_FMT_GRAY16LE : avutil.AV_PIX_FMT_GRAY8)
                    : (wide ? avutil.AV_PIX_FMT_RGB48LE : avutil.AV_PIX_FMT_RGB24);
        }
        if (encoder.equals("ffv1")) {
            if (gray && !wide) {
                return avutil.AV_PIX_FMT_GRAY8;
            }
            if (gray) {
                return switch (spec.significantBits()) {
                    case 9, 10 -> avutil.AV_PIX_FMT_GRAY10LE;
                    case 11, 12 -> avutil.AV_PIX_FMT_GRAY12LE;
                    case 13, 14 -> avutil.AV_PIX_FMT_GRAY14LE;
                    default -> avutil.AV_PIX_FMT_GRAY16LE;
                };
            }
            return wide ? avutil.AV_PIX_FMT_GBRP16LE : avutil.AV_PIX_FMT_BGR0;
        }
        if (codec == VideoCodec.PRORES) {
            return avutil.AV_PIX_FMT_YUV422P10LE;
        }
        if (wide) {
            return -1;
        }
        return encoder.equals("mjpeg") ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P;
    }

    /**
     * The stream format for planar Y'CbCr frames, chosen as the ffmpeg command line chooses it for a source of
     * that format: the same format when the encoder takes it (x264, x265, VP9, FFV1 keep 4:2:0, 4:2:2 or 4:4:4
     * and the range), MJPEG its JPEG-range ("yuvj") form of the same subsampling (FFmpeg's MJPEG encoder takes
     * full range only: a studio-range source is expanded), else the encoder's closest format
     * ({@code avcodec_find_best_pix_fmt_of_list}, as FFmpeg negotiates).
     */
    private static int followSource(String encoder, AVCodec enc, FrameSpec spec) {
        PixelType t = spec.pixelType();
        int plain = YuvLayouts.pixFmt(t);
        int jpeg = YuvLayouts.jpegPixFmt(t);
        if (encoder.equals("mjpeg") && supports(enc, jpeg)) {
            return jpeg;
        }
        if (supports(enc, plain)) {
            return plain;
        }
        if (spec.yuv().fullRange() && supports(enc, jpeg)) {
            return jpeg;
        }
        IntPointer list = enc.pix_fmts();
        return list == null || list.isNull() ? plain
                : avcodec.avcodec_find_best_pix_fmt_of_list(list, plain, 0, (IntPointer) null);
    }

    /** Gray frames into YUV are stored full range (Y = the gray value), so they survive the round trip. */
    private static boolean isFullRange(int pixFmt, FrameSpec spec, String encoder) {
        PixelLayout l = PixelLayout.of(pixFmt);
        if (spec.pixelType().isPlanar() && l.yuv() && !l.fullRangeByName()) {
            return spec.yuv().fullRange() && !encoder.equals("mjpeg"); // the source's range, kept
        }
        boolean signalsRange = encoder.equals("libx264") || encoder.equals("libx265") || encoder.equals("libvpx-vp9");
        return l.fullRangeByName() || l.rgb() || l.gray()
                || (signalsRange && spec.pixelType().isGray() && l.depth() == 8);
    }

    private static boolean supports(AVCodec enc, int pixFmt) {
        IntPointer list = enc.pix_fmts();
        if (list == null || list.isNull()) {
            return true;
        }
        for (int i = 0; ; i++) {
            int f = list.get(i);
            if (f == -1) {
                return false;
            }
            if (f == pixFmt) {
                return true;
            }
        }
    }

    /**
     * About how much native memory the encoder, its frame and the muxer hold while encoding frames of
     * {@code spec}, from peak RSS measured with FFmpeg 8.0.1 at its default thread count on 2 cores (2048x2048
     * and 4096x4096 frames, 2 to 60 of them): FFV1 26-30 times the frame's bytes (its worst-case packet buffer
     * alone is about 20), libx264 180 and libvpx-vp9 110-135 bytes per pixel (look-ahead and reference frames),
     * MJPEG 10-25. Rounded up; other encoders are assumed to be like x264.
     */
    long nativeBytes(FrameSpec spec) {
        long pixels = (long) width * height;
        return switch (encoderName) {
            case "ffv1" -> 32L * paddedSpec(spec).frameBytes();
            case "libvpx-vp9" -> 160 * pixels;
            case "mjpeg" -> 32 * pixels;
            default -> 200 * pixels;
        };
    }

    /** The frame type of the packed buffer handed to the converter (the input frames, padded). */
    FrameSpec paddedSpec(FrameSpec spec) {
        return spec.withSize(width, height);
    }

    boolean grayInput(FrameSpec spec) {
        return spec.pixelType() == PixelType.GRAY8 || spec.pixelType() == PixelType.GRAY16;
    }
}
