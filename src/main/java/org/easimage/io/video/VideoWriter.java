package org.easimage.io.video;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Encodes frames with an FFmpeg encoder into a container, under the atomic temporary path.
 *
 * <p>Timestamps: the codec time base is exactly 1/rate. A frame with a timestamp gets
 * {@code pts = round((t - t0) * rate)}; frames without one, or whose pts would not increase, get the previous
 * pts + 1 (with one warning). The first frame's timestamp, when present and not the epoch, is stored as the
 * container's creation_time, so readers can restore absolute times.
 */
final class VideoWriter extends AbstractSequenceWriter {

    private EncoderPlan plan;
    private AVFormatContext container;
    private AVCodecContext codec;
    private AVStream stream;
    private AVFrame picture;
    private AVPacket packet;
    private FramePacker packer;
    private Instant firstTime;
    private long lastPts = Long.MIN_VALUE;
    private boolean warnedTimestamps;

    VideoWriter(Path path, WriteOptions options) throws IOException {
        super(path, options);
        String ext = org.easimage.io.ProbeInput.extensionOf(path);
        if (!EncoderPlan.MUXERS.containsKey(ext)) {
            throw new UnsupportedFormatException(path, "cannot write video with extension ." + ext
                    + "; use one of " + EncoderPlan.MUXERS.keySet());
        }
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        plan = EncoderPlan.of(path, spec, options);
        String tmp = temporary().toAbsolutePath().toString();
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
        codec.time_base(avutil.av_make_q((int) plan.rate().denominator(), (int) plan.rate().numerator()));
        codec.framerate(avutil.av_make_q((int) plan.rate().numerator(), (int) plan.rate().denominator()));
        codec.gop_size(plan.gop());
        codec.thread_count(plan.threads());
        codec.color_range(plan.fullRange() ? avutil.AVCOL_RANGE_JPEG : avutil.AVCOL_RANGE_MPEG);
        if (PixelLayout.of(plan.pixFmt()).yuv()) {
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
        picture = avutil.av_frame_alloc();
        picture.format(plan.pixFmt());
        picture.width(plan.width());
        picture.height(plan.height());
        FFmpeg.checkWrite(avutil.av_frame_get_buffer(picture, 0), path, "allocating a frame");
        packet = avcodec.av_packet_alloc();
        packer = new FramePacker(plan, spec);
    }

    private void openFile(Frame first) throws IOException {
        first.timestamp().filter(t -> !t.equals(Instant.EPOCH)).ifPresent(t -> {
            AVDictionary meta = container.metadata();
            AVDictionary m = meta == null ? new AVDictionary(null) : meta;
            avutil.av_dict_set(m, "creation_time", t.truncatedTo(ChronoUnit.MICROS).toString(), 0);
            container.metadata(m);
        });
        if ((container.oformat().flags() & avformat.AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            FFmpeg.checkWrite(avformat.avio_open(pb, temporary().toAbsolutePath().toString(),
                    avformat.AVIO_FLAG_WRITE), path, "opening the temporary output");
            container.pb(pb);
        }
        FFmpeg.checkWrite(avformat.avformat_write_header(container, (AVDictionary) null), path,
                "writing the " + plan.muxer() + " header");
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        if (index == 0) {
            firstTime = frame.timestamp().orElse(null);
            openFile(frame);
        }
        FFmpeg.checkWrite(avutil.av_frame_make_writable(picture), path, "making the frame writable");
        packer.pack(frame, picture);
        picture.pts(ptsOf(frame, index));
        if (plan.qscale() != null) {
            picture.quality(codec.global_quality());
        }
        encode(picture);
    }

    private long ptsOf(Frame frame, int index) {
        long pts = index == 0 ? 0 : lastPts + 1;
        if (index > 0 && firstTime != null && frame.timestamp().isPresent()) {
            Duration d = Duration.between(firstTime, frame.timestamp().get());
            // (seconds * num / den), rounded, in exact integer arithmetic
            java.math.BigInteger nanos = java.math.BigInteger.valueOf(d.getSeconds()).multiply(
                    java.math.BigInteger.valueOf(1_000_000_000L)).add(java.math.BigInteger.valueOf(d.getNano()));
            java.math.BigInteger num = nanos.multiply(java.math.BigInteger.valueOf(plan.rate().numerator()));
            java.math.BigInteger den = java.math.BigInteger.valueOf(1_000_000_000L * plan.rate().denominator());
            long t = num.add(den.shiftRight(1)).divide(den).longValue();
            if (t > lastPts) {
                pts = t;
            } else if (!warnedTimestamps) {
                warnedTimestamps = true;
                options.warnings().accept(path + ": frame " + index + " has a timestamp not after the previous"
                        + " frame's (at 1/" + plan.rate() + " s resolution); it is stored one frame period later");
            }
        }
        lastPts = pts;
        return pts;
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
            FFmpeg.checkWrite(avformat.av_interleaved_write_frame(container, packet), path, "writing a packet");
        }
    }

    @Override
    protected void end() throws IOException {
        encode(null);
        FFmpeg.checkWrite(avformat.av_write_trailer(container), path, "writing the trailer");
        closeFile();
    }

    private void closeFile() {
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
        if (picture != null) {
            avutil.av_frame_free(picture);
        }
        if (codec != null) {
            avcodec.avcodec_free_context(codec);
        }
        if (container != null) {
            avformat.avformat_free_context(container);
            container = null;
        }
    }
}
