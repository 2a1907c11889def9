package org.easimage.io.video;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.UnsupportedFormatException;

/**
 * A demuxer plus the video decoder fed by it: {@link #next()} returns decoded frames in output order until the
 * end of the stream (the decoder is drained at the end, so delayed frames are not lost).
 */
final class VideoDecoder implements AutoCloseable {

    /** AV_FRAME_FLAG_CORRUPT: the decoder concealed errors in this frame. */
    private static final int FRAME_FLAG_CORRUPT = 1;
    private static final int EAGAIN = -11;

    final Demuxer demuxer;
    private final AVCodecContext codec;
    private final AVFrame frame = avutil.av_frame_alloc();
    private final boolean stampDts;
    private final long end;
    private boolean draining;
    private boolean ended;
    private int sendErrors;
    private int framesSent;

    private VideoDecoder(Demuxer demuxer, AVCodecContext codec, boolean stampDts, long end) {
        this.demuxer = demuxer;
        this.codec = codec;
        this.stampDts = stampDts;
        this.end = end;
    }

    /**
     * @param stampDts give every packet its dts as pts before decoding, so that each decoded frame carries its own
     *                 packet's decode timestamp (a numbered index's key) through the decoder's reordering
     * @param end      the byte position where the stream ends for this decoder (packets a truncated file cut
     *                 short, see {@link VideoIndex#end()}); {@code Long.MAX_VALUE} for none
     */
    static VideoDecoder open(Path path, int threads, boolean stampDts, long end) throws EasimageException {
        Demuxer d = Demuxer.open(path);
        try {
            int id = d.stream.codecpar().codec_id();
            AVCodec dec = avcodec.avcodec_find_decoder(id);
            if (dec == null || dec.isNull()) {
                throw new UnsupportedFormatException(path, "no decoder for codec "
                        + avcodec.avcodec_get_name(id).getString() + " in the FFmpeg natives");
            }
            AVCodecContext ctx = avcodec.avcodec_alloc_context3(dec);
            avcodec.avcodec_parameters_to_context(ctx, d.stream.codecpar());
            ctx.pkt_timebase(d.stream.time_base());
            ctx.thread_count(threads);
            int ret = avcodec.avcodec_open2(ctx, dec, (AVDictionary) null);
            if (ret < 0) {
                avcodec.avcodec_free_context(ctx);
                throw new CorruptInputException(path, "cannot open the " + dec.name().getString() + " decoder: "
                        + FFmpeg.errorText(ret));
            }
            return new VideoDecoder(d, ctx, stampDts, end);
        } catch (EasimageException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * The next decoded frame (valid until the next call), or null when the stream is exhausted. A packet the
     * decoder rejects is counted in {@link #errors()} and skipped, as FFmpeg's own tools do.
     */
    AVFrame next() throws CorruptInputException {
        while (!ended) {
            int ret = avcodec.avcodec_receive_frame(codec, frame);
            if (ret >= 0) {
                return frame;
            }
            if (ret == avutil.AVERROR_EOF) {
                ended = true;
                return null;
            }
            if (ret != EAGAIN) {
                sendErrors++;
                continue;
            }
            if (draining) {
                ended = true;
                return null;
            }
            AVPacket p = demuxer.next();
            if (p != null && p.pos() >= end) {
                p = null; // the packets a truncated file cut short: the stream ends before them
            }
            if (p == null) {
                draining = true;
                avcodec.avcodec_send_packet(codec, null);
                continue;
            }
            if (stampDts) {
                p.pts(p.dts());
            }
            if (VideoIndex.isFrame(p)) {
                framesSent++;
            }
            if (avcodec.avcodec_send_packet(codec, p) < 0) {
                sendErrors++;
            }
        }
        return null;
    }

    /** True when the last frame from {@link #next()} was concealed or flagged with decode errors. */
    boolean lastFrameDamaged() {
        return (frame.flags() & FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0;
    }

    /** The packets given to the decoder that are frames of the index ({@link VideoIndex#isFrame}), since opening. */
    int framesSent() {
        return framesSent;
    }

    /** The decoder's threads (FFmpeg's choice once opened, when 0 was asked). */
    int threads() {
        return Math.max(1, codec.thread_count());
    }

    /** Packets the decoder rejected since the last seek. */
    int errors() {
        return sendErrors;
    }

    /** Seeks the demuxer and empties the decoder; false when the container refused the seek. */
    boolean seek(long timestamp) {
        int ret = demuxer.seek(timestamp);
        avcodec.avcodec_flush_buffers(codec);
        draining = false;
        ended = false;
        sendErrors = 0;
        framesSent = 0; // counts from the seek's position, which the caller knows only as a timestamp
        return ret >= 0;
    }

    static long timestampOf(AVFrame f) {
        long ts = f.best_effort_timestamp();
        return ts != avutil.AV_NOPTS_VALUE ? ts : f.pts();
    }

    @Override
    public void close() {
        avutil.av_frame_free(frame);
        avcodec.avcodec_free_context(codec);
        demuxer.close();
    }
}
