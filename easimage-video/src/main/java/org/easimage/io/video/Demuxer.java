package org.easimage.io.video;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.UnsupportedFormatException;

/** An opened container and its best video stream; hands out that stream's packets. */
final class Demuxer implements AutoCloseable {

    final Path path;
    final AVFormatContext context;
    final AVStream stream;
    final int streamIndex;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private boolean closed;

    private Demuxer(Path path, AVFormatContext context, int streamIndex) {
        this.path = path;
        this.context = context;
        this.streamIndex = streamIndex;
        this.stream = context.streams(streamIndex);
    }

    /** Opens {@code path} and picks its video stream (the one FFmpeg rates best). */
    static Demuxer open(Path path) throws EasimageException {
        FFmpeg.load();
        AVFormatContext ctx = new AVFormatContext(null);
        int ret = avformat.avformat_open_input(ctx, path.toAbsolutePath().toString(), null, null);
        if (ret < 0) {
            throw new CorruptInputException(path, "FFmpeg cannot open it as a video: " + FFmpeg.errorText(ret));
        }
        try {
            ret = avformat.avformat_find_stream_info(ctx, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new CorruptInputException(path, "cannot read stream information: " + FFmpeg.errorText(ret));
            }
            int best = avformat.av_find_best_stream(ctx, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (best < 0) {
                throw new UnsupportedFormatException(path, "the file holds no video stream");
            }
            AVCodecParameters par = ctx.streams(best).codecpar();
            if (par.width() <= 0 || par.height() <= 0) {
                throw new CorruptInputException(path, "the video stream states no frame size");
            }
            // skip the other streams at the demuxer (no audio packets read, then dropped)
            for (int i = 0; i < ctx.nb_streams(); i++) {
                if (i != best) {
                    ctx.streams(i).discard(avcodec.AVDISCARD_ALL);
                }
            }
            return new Demuxer(path, ctx, best);
        } catch (EasimageException | RuntimeException e) {
            avformat.avformat_close_input(ctx);
            throw e;
        }
    }

    /** The next packet of the video stream (valid until the next call), or null at the end of the file. */
    AVPacket next() throws CorruptInputException {
        avcodec.av_packet_unref(packet);
        while (true) {
            int ret = avformat.av_read_frame(context, packet);
            if (ret == avutil.AVERROR_EOF) {
                return null;
            }
            if (ret < 0) {
                throw new CorruptInputException(path, Math.max(-1, context.pb() == null ? -1 : avformat.avio_tell(context.pb())),
                        "reading a packet failed: " + FFmpeg.errorText(ret));
            }
            if (packet.stream_index() == streamIndex) {
                return packet;
            }
            avcodec.av_packet_unref(packet);
        }
    }

    /** Seeks to the keyframe at or before {@code timestamp} (stream time base). */
    int seek(long timestamp) {
        avcodec.av_packet_unref(packet);
        return avformat.av_seek_frame(context, streamIndex, timestamp, avformat.AVSEEK_FLAG_BACKWARD);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            avcodec.av_packet_free(packet);
            avformat.avformat_close_input(context);
        }
    }
}
