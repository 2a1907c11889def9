package org.easimage.io.video;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputWriteException;
import org.easimage.io.Rational;
import org.easimage.io.StandardStreams;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Encodes frames with an FFmpeg encoder into a container, under the atomic temporary path.
 *
 * <p>Times: each frame's pts is its time since the first frame ({@link #timeOf}; index / rate for frames that
 * state none) in the finest time base the container keeps ({@link #timeBase}), rounded to the nearest tick, so
 * variable frame rates are stored as they are: MP4/MOV {@code 1/lcm(rate numerator, 10^6)} (30000/1001 stays exact
 * and microsecond times survive), Matroska/WebM 1 ms, MPEG-TS 1/90000 s. AVI (and the MPEG-4 Part 2 encoder,
 * whose time base is limited to 16 bits) cannot: there the time base is the frame period and times are rounded to
 * it, gaps becoming skipped frames. A pts that would not increase becomes the previous one plus a tick. When any
 * stored time differs from the frame's own by more than {@link Times#TOLERANCE}, one warning at the end gives the
 * largest difference.
 *
 * <p>The first frame's acquisition timestamp, when it has one, is stored to the nanosecond in the
 * {@value VideoMetadata#START_TAG} tag (MP4/MOV with {@code movflags=use_metadata_tags}, which keeps custom keys;
 * AVI in its {@code date}/ICRD field) and as {@code creation_time} (whole seconds in MP4), which
 * {@link VideoReader} reads back in that order. Frames without a timestamp leave both out: nothing is invented.
 */
final class VideoWriter extends AbstractSequenceWriter {

    private EncoderPlan plan;
    /** What the frames were when the codec cannot store them so (padded, or gray in colour); null otherwise. */
    private VideoMetadata.StoredFrame stored;
    private AVFormatContext container;
    private AVCodecContext codec;
    private AVStream stream;
    /**
     * The encoder's input frames, reused: an encoder with frame threads (MJPEG) holds the last few until it has
     * coded them, so a frame is taken again only once the encoder has let it go, and one more is allocated when all
     * are held. Allocating a fresh buffer per frame instead cost a page fault per 4 KB written (3% of the CPU of an
     * MJPEG transcode at 720p): glibc maps buffers that large anew each time.
     */
    private final List<AVFrame> pictures = new ArrayList<>();
    private AVPacket packet;
    private FramePacker packer;
    private Rational timeBase;
    private long lastPts = -1;

    /** Where a pipe's packets go: the stream of {@link StandardStreams}, through a custom FFmpeg I/O context. */
    private PipeSink sink;

    VideoWriter(Path path, WriteOptions options) throws IOException {
        super(path, options);
        String ext = org.easimage.io.ProbeInput.extensionOf(path);
        if (!EncoderPlan.MUXERS.containsKey(ext)) {
            throw new UnsupportedFormatException(path, "cannot write video with extension ." + ext
                    + "; use one of " + EncoderPlan.MUXERS.keySet());
        }
    }

    /** A NUT stream of raw frames to standard output ({@code -}): what ffmpeg reads with {@code -i -}. */
    VideoWriter(WriteOptions options) {
        super(options);
    }

    private boolean pipe() {
        return StandardStreams.isPipe(path);
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        plan = EncoderPlan.of(path, spec, options);
        boolean padded = plan.width() != spec.width() || plan.height() != spec.height();
        boolean grayLost = spec.pixelType().isGray() && !PixelLayout.of(plan.pixFmt()).gray();
        stored = padded || grayLost ? new VideoMetadata.StoredFrame(spec.width(), spec.height(), grayLost) : null;
        String tmp = pipe() ? null : temporary().toAbsolutePath().toString();
        container = new AVFormatContext(null);
        FFmpeg.checkWrite(avformat.avformat_alloc_output_context2(container, null, plan.muxer(), tmp), path,
                "creating the " + plan.muxer() + " muxer");
        int codecId = plan.encoder().id();
        if (avformat.avformat_query_codec(container.oformat(), codecId, avcodec.FF_COMPLIANCE_NORMAL) == 0) {
            throw new UnsupportedFormatException(path, "the " + plan.muxer() + " container cannot hold "
                    + plan.encoderName() + " video; choose another codec or extension");
        }
        codec = avcodec.avcodec_alloc_context3(plan.encoder());
        codec.width(plan.width());
        codec.height(plan.height());
        codec.pix_fmt(plan.pixFmt());
        timeBase = timeBase(plan);
        codec.time_base(avutil.av_make_q((int) timeBase.numerator(), (int) timeBase.denominator()));
        codec.framerate(avutil.av_make_q((int) plan.rate().numerator(), (int) plan.rate().denominator()));
        codec.gop_size(plan.gop());
        codec.thread_count(plan.threads());
        codec.color_range(plan.fullRange() ? avutil.AVCOL_RANGE_JPEG : avutil.AVCOL_RANGE_MPEG);
        if (spec.pixelType().isPlanar()) {
            codec.colorspace(YuvLayouts.colorspace(spec.yuv().matrix())); // the frames' own matrix, kept
        } else if (PixelLayout.of(plan.pixFmt()).yuv()) {
            codec.colorspace(avutil.AVCOL_SPC_BT470BG); // the BT.601 matrix swscale uses
        }
        if (plan.bitRate() > 0) {
            codec.bit_rate(plan.bitRate());
        }
        if (plan.qscale() != null) {
            codec.flags(codec.flags() | avcodec.AV_CODEC_FLAG_QSCALE);
            codec.global_quality(plan.qscale() * avutil.FF_QP2LAMBDA);
        }
        if ((container.oformat().flags() & avformat.AVFMT_GLOBALHEADER) != 0) {
            codec.flags(codec.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary opts = new AVDictionary(null);
        plan.codecOptions().forEach((k, v) -> avutil.av_dict_set(opts, k, v, 0));
        int ret = avcodec.avcodec_open2(codec, plan.encoder(), opts);
        String unused = String.join(", ", VideoMetadata.tags(opts).keySet());
        avutil.av_dict_free(opts);
        FFmpeg.checkWrite(ret, path, "opening encoder " + plan.encoderName());
        if (!unused.isEmpty()) {
            String msg = "encoder " + plan.encoderName() + " ignored the option(s) " + unused;
            if (plan.strict()) {
                throw new UnsupportedFormatException(path, msg + " (refused in strict mode)");
            }
            options.warnings().accept(path + ": " + msg);
        }
        stream = avformat.avformat_new_stream(container, null);
        FFmpeg.checkWrite(avcodec.avcodec_parameters_from_context(stream.codecpar(), codec), path,
                "copying the codec parameters");
        stream.time_base(codec.time_base());
        stream.avg_frame_rate(codec.framerate());
        packet = avcodec.av_packet_alloc();
        packer = new FramePacker(plan, spec);
    }

    /**
     * The codec (and stream) time base: the muxer's own where it imposes one, the frame period where only a
     * constant rate can be stored, else 1/lcm(rate numerator, 10^6), exact for the rate and for microseconds (1/10^6
     * when that does not fit FFmpeg's 32-bit rationals).
     */
    static Rational timeBase(EncoderPlan plan) {
        Rational rate = plan.rate();
        if (plan.muxer().equals("avi") || plan.encoderName().equals("mpeg4")) {
            return rate.inverse();
        }
        return switch (plan.muxer()) {
            case "matroska", "webm" -> Rational.of(1, 1000);
            case "mpegts" -> Rational.of(1, 90_000);
            default -> {
                BigInteger n = BigInteger.valueOf(rate.numerator());
                BigInteger micro = BigInteger.valueOf(1_000_000);
                BigInteger lcm = n.multiply(micro).divide(n.gcd(micro));
                yield lcm.bitLength() < 32 ? Rational.of(1, lcm.longValue()) : Times.MICROSECOND;
            }
        };
    }

    private void openFile() throws IOException {
        AVDictionary headerOptions = new AVDictionary(null);
        Instant start = start().orElse(null);
        if (start != null || stored != null) {
            AVDictionary meta = container.metadata();
            AVDictionary m = meta == null ? new AVDictionary(null) : meta;
            boolean customTags = false;
            if (start != null) {
                avutil.av_dict_set(m, "creation_time", start.toString(), 0);
                switch (plan.muxer()) {
                    case "mp4", "mov" -> {
                        avutil.av_dict_set(m, VideoMetadata.START_TAG, start.toString(), 0);
                        customTags = true;
                    }
                    case "avi" -> avutil.av_dict_set(m, "date", start.toString(), 0); // the ICRD field
                    case "mpegts" -> options.warnings().accept(path + ": MPEG-TS keeps no start time; the frames' "
                            + "timestamps (from " + start + ") are not stored, only their times");
                    default -> avutil.av_dict_set(m, VideoMetadata.START_TAG, start.toString(), 0);
                }
            }
            if (stored != null) {
                switch (plan.muxer()) {
                    case "avi" -> avutil.av_dict_set(m, "comment", VideoMetadata.FRAME_TAG + "=" + stored.value(), 0);
                    case "mpegts" -> options.warnings().accept(path + ": MPEG-TS keeps no tags; the frames read "
                            + "back as " + plan.width() + "x" + plan.height() + (stored.gray() ? " colour" : ""));
                    default -> {
                        avutil.av_dict_set(m, VideoMetadata.FRAME_TAG, stored.value(), 0);
                        customTags |= plan.muxer().equals("mp4") || plan.muxer().equals("mov");
                    }
                }
            }
            if (customTags) {
                avutil.av_dict_set(headerOptions, "movflags", "use_metadata_tags", 0);
            }
            container.metadata(m);
        }
        if (pipe()) {
            sink = new PipeSink(StandardStreams.of(options).out());
            container.pb(sink.context);
            container.flags(container.flags() | AVFormatContext.AVFMT_FLAG_CUSTOM_IO);
        } else if ((container.oformat().flags() & avformat.AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            FFmpeg.checkWrite(avformat.avio_open(pb, temporary().toAbsolutePath().toString(),
                    avformat.AVIO_FLAG_WRITE), path, "opening the temporary output");
            container.pb(pb);
        }
        int ret = avformat.avformat_write_header(container, headerOptions);
        avutil.av_dict_free(headerOptions);
        checkPipe();
        FFmpeg.checkWrite(ret, path, "writing the " + plan.muxer() + " header");
    }

    /** A write to the pipe that failed (a reader that went away) is the real error, not FFmpeg's EIO. */
    private void checkPipe() throws IOException {
        if (sink != null && sink.failure != null) {
            throw new org.easimage.io.OutputWriteException(path, "writing to standard output failed: "
                    + sink.failure.getMessage(), sink.failure);
        }
    }

    /** An FFmpeg I/O context whose writes go to a Java stream. */
    private static final class PipeSink extends Write_packet_Pointer_BytePointer_int {
        private static final int BUFFER = 1 << 16;
        private final OutputStream out;
        final AVIOContext context;
        private byte[] chunk = new byte[BUFFER];
        IOException failure;

        PipeSink(OutputStream out) {
            this.out = out;
            BytePointer buffer = new BytePointer(avutil.av_malloc(BUFFER));
            this.context = avformat.avio_alloc_context(buffer, BUFFER, 1, null, null, this, null);
        }

        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            try {
                if (chunk.length < size) {
                    chunk = new byte[size];
                }
                buf.capacity(size).get(chunk, 0, size);
                out.write(chunk, 0, size);
                out.flush();
                return size;
            } catch (IOException e) {
                failure = e;
                return -5; // AVERROR(EIO)
            }
        }

        void free() {
            if (context != null && !context.isNull()) {
                avutil.av_free(context.buffer()); // FFmpeg may have replaced the buffer: free the current one
                context.buffer(null);
                avformat.avio_context_free(context);
            }
            super.close();
        }
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        if (index == 0) {
            openFile();
        }
        AVFrame picture = writablePicture();
        packer.pack(frame, picture);
        Duration t = timeOf(frame, index, plan.rate());
        long pts = Math.max(Times.toTicks(t, timeBase), lastPts + 1);
        storedTime(index, t, Times.ofTicks(pts, timeBase));
        lastPts = pts;
        picture.pts(pts);
        if (plan.qscale() != null) {
            picture.quality(codec.global_quality());
        }
        encode(picture);
    }

    /** One of {@link #pictures} that the encoder no longer holds, or a new one. */
    private AVFrame writablePicture() throws EasimageException {
        for (AVFrame p : pictures) {
            if (avutil.av_frame_is_writable(p) != 0) {
                return p;
            }
        }
        try {
            pictures.add(FrameConverter.allocateFrame(plan.pixFmt(), plan.width(), plan.height()));
        } catch (IllegalStateException e) {
            throw new OutputWriteException(path, e.getMessage(), e);
        }
        return pictures.get(pictures.size() - 1);
    }

    private void encode(AVFrame f) throws IOException {
        FFmpeg.checkWrite(avcodec.avcodec_send_frame(codec, f), path, "encoding");
        while (true) {
            int ret = avcodec.avcodec_receive_packet(codec, packet);
            if (ret == -11 || ret == avutil.AVERROR_EOF) {
                return;
            }
            FFmpeg.checkWrite(ret, path, "encoding");
            avcodec.av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            int written = avformat.av_interleaved_write_frame(container, packet);
            checkPipe();
            FFmpeg.checkWrite(written, path, "writing a packet");
        }
    }

    @Override
    protected void end() throws IOException {
        warnIfTimesChanged("the " + plan.muxer() + " container" + (plan.encoderName().equals("mpeg4")
                ? " with MPEG-4 Part 2" : "") + " stores frame times as increasing multiples of " + timeBase + " s");
        encode(null);
        int ret = avformat.av_write_trailer(container);
        checkPipe();
        FFmpeg.checkWrite(ret, path, "writing the trailer");
        if (sink != null) {
            avformat.avio_flush(container.pb());
            checkPipe();
        }
        closeFile();
    }

    private void closeFile() {
        if (sink != null) {
            if (container != null) {
                container.pb(null);
            }
            sink.free();
            sink = null;
            return;
        }
        if (container != null && container.pb() != null && !container.pb().isNull()
                && (container.oformat().flags() & avformat.AVFMT_NOFILE) == 0) {
            avformat.avio_closep(container.pb());
            container.pb(null);
        }
    }

    @Override
    protected void release() {
        closeFile();
        if (packer != null) {
            packer.close();
        }
        if (packet != null) {
            avcodec.av_packet_free(packet);
        }
        for (AVFrame p : pictures) {
            avutil.av_frame_free(p);
        }
        pictures.clear();
        if (codec != null) {
            avcodec.avcodec_free_context(codec);
        }
        if (container != null) {
            avformat.avformat_free_context(container);
            container = null;
        }
    }
}
