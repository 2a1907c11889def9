package org.easimage.io.video;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.easimage.io.CorruptInputException;
import org.easimage.io.ReadOptions;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;

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
    private final long end;
    /** The frames the index offers: all its packets, but for those a truncated numbered stream leaves out. */
    private final int frames;
    private final int reorder;

    private VideoIndex(long[] pts, long[] seekTs, boolean[] key, long[] pos, boolean numbered, long end,
            int frames, int reorder) {
        this.reorder = reorder;
        this.numbered = numbered;
        this.end = end;
        this.frames = frames;
        this.pts = pts;
        this.seekTs = seekTs;
        this.key = key;
        this.pos = pos;
        this.byPts = new HashMap<>(pts.length * 2);
        for (int i = 0; i < pts.length; i++) {
            byPts.put(pts[i], i);
        }
    }

    /**
     * Reads every packet of the demuxer's video stream (the demuxer ends at the end of the file). Packets cut short
     * by the end of the file (FFmpeg flags a short read corrupt) are a truncated file: an error under
     * {@link TruncationPolicy#STRICT}, else left out of the index with a warning, and {@link #end()} marks where
     * they start so that no decoder is given them.
     */
    static VideoIndex scan(Demuxer demuxer, ReadOptions options) throws CorruptInputException {
        long nopts = avutil.AV_NOPTS_VALUE;
        int delay = Math.max(0, demuxer.stream.codecpar().video_delay()); // frames the codec reorders
        int n = 0;
        int cut = 0; // packets at the end of the file cut short, so far
        boolean allPts = true;
        long[][] rows = new long[1024][]; // pts, dts, keyframe, byte position
        AVPacket p;
        while ((p = demuxer.next()) != null) {
            if (!isFrame(p)) {
                continue;
            }
            cut = (p.flags() & avcodec.AV_PKT_FLAG_CORRUPT) != 0 ? cut + 1 : 0;
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n++] = new long[] {p.pts(), p.dts(), (p.flags() & avcodec.AV_PKT_FLAG_KEY) != 0 ? 1 : 0, p.pos()};
        }
        long end = Long.MAX_VALUE;
        n -= cut;
        for (int i = 0; i < n; i++) {
            allPts &= rows[i][0] != nopts;
        }
        // a reordering codec without a pts on every packet: keyed by dts, in decode order (see numbered())
        boolean numbered = !allPts && delay > 0;
        int frames = n;
        if (cut > 0) {
            // a demuxer that states no byte positions cannot keep the cut packets from a decoder: it is given them
            end = rows[n][3] >= 0 ? rows[n][3] : Long.MAX_VALUE;
            // numbered, the last complete packets may be frames shown after ones that were cut (a P-frame decoded
            // before its B-frames): as many as the stream reorders are left out too, so none is misnumbered
            frames = numbered ? Math.max(0, n - delay) : n;
            String what = "the file ends inside frame " + frames + " (its data is cut short or damaged)";
            if (options.truncation() == TruncationPolicy.STRICT || frames == 0) {
                throw new TruncatedInputException(demuxer.path, rows[n][3], frames, what);
            }
            options.warnings().accept(demuxer.path + ": " + what + "; the " + frames
                    + " complete frame(s) are read");
        }
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
        return new VideoIndex(pts, seek, key, pos, numbered, end, frames, delay);
    }

    /** The frames the codec states it reorders (how many a decoder may hold back); 0 without B-frames. */
    int reorder() {
        return reorder;
    }

    /**
     * The byte position where the packets cut short by a truncated file start ({@code Long.MAX_VALUE} when none
     * is): a decoder is given no packet from there on.
     */
    long end() {
        return end;
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

    /** The number of frames; a numbered stream's last packets may be indexed (to be known) beyond it. */
    int size() {
        return frames;
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
