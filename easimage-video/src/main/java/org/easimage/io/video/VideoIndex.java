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
 * stores no pts, e.g. AVI). Frames are sorted by key, which is the order a decoder outputs them, except for
 * {@linkplain #numbered() numbered} streams, keyed by dts in decode order.
 */
final class VideoIndex {

    private final long[] pts;
    private final long[] seekTs;
    private final boolean[] key;
    private final long[] pos;
    private final Map<Long, Integer> byPts;
    private final boolean numbered;

    private VideoIndex(long[] pts, long[] seekTs, boolean[] key, long[] pos, boolean numbered) {
        this.numbered = numbered;
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
        boolean reorders = demuxer.stream.codecpar().video_delay() > 0;
        int n = 0;
        boolean allPts = true;
        long[][] rows = new long[1024][]; // pts, dts, keyframe, byte position
        AVPacket p;
        while ((p = demuxer.next()) != null) {
            if (!isFrame(p)) {
                continue;
            }
            allPts &= p.pts() != nopts;
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n++] = new long[] {p.pts(), p.dts(), (p.flags() & avcodec.AV_PKT_FLAG_KEY) != 0 ? 1 : 0, p.pos()};
        }
        // a reordering codec without a pts on every packet: keyed by dts, in decode order (see numbered())
        boolean numbered = !allPts && reorders;
        long[][] sorted = new long[n][];
        for (int i = 0; i < n; i++) {
            long[] r = rows[i];
            long ts = numbered || r[0] == nopts ? r[1] : r[0];
            if (ts == nopts) {
                throw new CorruptInputException(demuxer.path, r[3],
                        "video packet " + i + " carries no timestamp, so frames cannot be indexed");
            }
            long seek = r[1] != nopts ? Math.min(r[1], ts) : ts;
            sorted[i] = new long[] {ts, seek, r[2], r[3]};
        }
        Arrays.sort(sorted, (x, y) -> Long.compare(x[0], y[0]));
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
        return new VideoIndex(pts, seek, key, pos, numbered);
    }

    /** Whether a packet of the video stream is a frame of the index: not marked discard, and not empty. */
    static boolean isFrame(AVPacket p) {
        return (p.flags() & avcodec.AV_PKT_FLAG_DISCARD) == 0 && p.size() > 0;
    }

    /**
     * True when the frames are keyed by their dts, in decode order, and must be numbered by the decoder's output
     * order: some packet states no pts (AVI keeps none, and FFmpeg's parser gives B-frames one; MPEG program
     * streams leave it out of some frames) and the codec reorders frames, so pts and dts mixed would collide or
     * misorder. The keys are then decode timestamps: frame i's time is the i-th dts from the first, which equals
     * the presentation times from the first frame at a constant rate (they differ by the reordering delay).
     */
    boolean numbered() {
        return numbered;
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
