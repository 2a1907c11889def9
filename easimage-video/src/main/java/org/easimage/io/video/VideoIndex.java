package org.easimage.io.video;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.easimage.io.CorruptInputException;

/**
 * The frames of a video stream in presentation order, built once from the packets without decoding: each
 * frame's presentation timestamp, the timestamp to seek to for it, and whether it starts a decodable GOP.
 *
 * <p>A frame is a video packet that is not marked discard; its key is its pts (the dts when the container
 * stores no pts, e.g. AVI). Frames are sorted by key. With pts that is the order a decoder outputs them; when
 * some keys are dts ({@link #decodeOrder()}) it is the order they are decoded in, which differs when the codec
 * reorders frames (B-frames).
 */
final class VideoIndex {

    private final long[] pts;
    private final long[] seekTs;
    private final boolean[] key;
    private final long[] pos;
    private final Map<Long, Integer> byPts;
    private final boolean decodeOrder;

    private VideoIndex(long[] pts, long[] seekTs, boolean[] key, long[] pos, boolean decodeOrder) {
        this.decodeOrder = decodeOrder;
        this.pts = pts;
        this.seekTs = seekTs;
        this.key = key;
        this.pos = pos;
        this.byPts = new HashMap<>(pts.length * 2);
        for (int i = 0; i < pts.length; i++) {
            byPts.put(pts[i], i);
        }
    }

    /** Reads every packet of the demuxer's video stream (the demuxer ends at the end of the file). */
    static VideoIndex scan(Demuxer demuxer) throws CorruptInputException {
        long nopts = avutil.AV_NOPTS_VALUE;
        int n = 0;
        boolean allPts = true;
        long[][] rows = new long[1024][];
        AVPacket p;
        while ((p = demuxer.next()) != null) {
            if (!isFrame(p)) {
                continue;
            }
            allPts &= p.pts() != nopts;
            long ts = p.pts() != nopts ? p.pts() : p.dts();
            if (ts == nopts) {
                throw new CorruptInputException(demuxer.path, p.pos(),
                        "video packet " + n + " carries no timestamp, so frames cannot be indexed");
            }
            long seek = p.dts() != nopts ? Math.min(p.dts(), ts) : ts;
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n++] = new long[] {ts, seek, (p.flags() & avcodec.AV_PKT_FLAG_KEY) != 0 ? 1 : 0, p.pos()};
        }
        long[][] sorted = Arrays.copyOf(rows, n);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] pts = new long[n];
        long[] seek = new long[n];
        boolean[] key = new boolean[n];
        long[] pos = new long[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && sorted[i][0] == sorted[i - 1][0]) {
                throw new CorruptInputException(demuxer.path, sorted[i][3],
                        "two video packets share the timestamp " + sorted[i][0]);
            }
            pts[i] = sorted[i][0];
            seek[i] = sorted[i][1];
            key[i] = sorted[i][2] != 0;
            pos[i] = sorted[i][3];
        }
        return new VideoIndex(pts, seek, key, pos, !allPts);
    }

    /** Whether a packet of the video stream is a frame of the index: not marked discard, and not empty. */
    static boolean isFrame(AVPacket p) {
        return (p.flags() & avcodec.AV_PKT_FLAG_DISCARD) == 0 && p.size() > 0;
    }

    /**
     * True when some packet states no pts, so some keys are decode timestamps and the index is in decode order:
     * the container keeps no presentation times (AVI, where FFmpeg's parser gives a pts to B-frames only).
     */
    boolean decodeOrder() {
        return decodeOrder;
    }

    int size() {
        return pts.length;
    }

    long pts(int i) {
        return pts[i];
    }

    long seekTimestamp(int i) {
        return seekTs[i];
    }

    long bytePosition(int i) {
        return pos[i];
    }

    /** The frame with presentation timestamp {@code ts}, or -1. */
    int indexOf(long ts) {
        Integer i = byPts.get(ts);
        return i == null ? -1 : i;
    }

    /** The last keyframe at or before frame {@code i} in presentation order; -1 when none precedes it. */
    int keyframeAtOrBefore(int i) {
        for (int k = i; k >= 0; k--) {
            if (key[k]) {
                return k;
            }
        }
        return -1;
    }

    /** Number of keyframes. */
    int keyframes() {
        int c = 0;
        for (boolean b : key) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
