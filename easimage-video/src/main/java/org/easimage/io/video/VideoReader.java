package org.easimage.io.video;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.YuvEncoding;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.NativeFrames;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.easimage.io.TruncationPolicy;

/**
 * Frame-exact reader of any video FFmpeg decodes.
 *
 * <p>On open the video packets are indexed (no decoding), which gives the exact frame count and every frame's
 * pts. {@code read(i)} seeks to the keyframe at or before frame i, decodes forward and picks the frame whose
 * pts is frame i's; a read of the frame after the last one read simply continues decoding. When a seek lands
 * after the wanted frame or the decoder reports damaged frames after a seek, the read is retried from the
 * keyframe before, then from the start of the file: correctness before speed. All access is serialised.
 *
 * <p>A video whose container leaves out presentation times (AVI keeps only the decode order; MPEG program streams
 * skip some) and whose codec reorders frames (B-frames) is {@linkplain #numbered numbered} instead: frame i is the
 * i-th frame out of the decoder, read forward from the start of the file (a seek could not tell which frame it
 * landed on). Each frame
 * carries its own packet's decode timestamp through the decoder, so a packet that never becomes a frame, which
 * would shift the numbers of all frames after it, is an error rather than a wrong frame.
 *
 * <p>Times: frame i's time is {@code (pts(i) - pts(0)) * time_base}, exactly (variable frame rates keep their real
 * pts). Its timestamp is that time after the start the container states ({@link VideoMetadata#start}); a video
 * without one has times but no timestamps.
 *
 * <p>8-bit planar Y'CbCr streams (yuv420p/422p/444p and their yuvj forms) decoded to RGB are also offered as they
 * are ({@link NativeFrames}): {@link #readNative} copies the decoder's planes into the caller's frame, and
 * {@link #fromNative()} converts such frames into what {@link #read} gives, bit for bit, on any thread.
 */
final class VideoReader extends AbstractSequenceReader implements NativeFrames {

    private final ReadOptions options;
    private final VideoReadOptions videoOptions;
    private final VideoIndex index;
    private final SequenceInfo info;
    private final Rational timeBase;
    private final Optional<Instant> start;
    private final ReentrantLock lock = new ReentrantLock();
    private VideoDecoder decoder;
    private FrameConverter converter;
    /** The decoder's own layout when it differs from {@link #read}'s (planar Y'CbCr decoded to RGB), else null. */
    private final FrameSpec nativeSpec;
    /** What the decoder gives (the coded size); {@code info.spec()} may be smaller, see VideoMetadata.FRAME_TAG. */
    private final FrameSpec codedSpec;
    private final NativeToOutput fromNative;
    /** Index of the last frame the decoder produced; -1 right after opening or seeking. */
    private int last = -1;
    /** True when the decoder state comes from a seek rather than from the start of the file. */
    private boolean afterSeek;
    /** True while the decoder sits at the start of the file with nothing consumed (no reopen needed). */
    private boolean pristine = true;
    /**
     * True when frames are known by their order out of the decoder rather than by their timestamps (see the class
     * comment and {@link VideoIndex#numbered()}).
     */
    private final boolean numbered;
    /** Decode positions of the frames the decoder produced since the start of the file (numbered videos). */
    private final BitSet produced = new BitSet();
    /** The first decode position not in {@link #produced} (numbered videos). */
    private int unproduced;

    VideoReader(Path path, ReadOptions options) throws IOException {
        super(path);
        requireFile(path, "a video file");
        this.options = options;
        this.videoOptions = options.get(VideoReadOptions.class).orElse(VideoReadOptions.defaults());
        try (Demuxer scan = Demuxer.open(path)) {
            this.index = VideoIndex.scan(scan, options);
            this.numbered = index.numbered();
        } catch (RuntimeException e) {
            throw new CorruptInputException(path, -1, "cannot index the video: " + e, e);
        }
        if (index.size() == 0) {
            throw new CorruptInputException(path, "the video stream holds no frame");
        }
        this.decoder = VideoDecoder.open(path, videoOptions.decoderThreads(), numbered, index.end());
        try {
            AVStream st = decoder.demuxer.stream;
            if (st.time_base().num() <= 0 || st.time_base().den() <= 0) {
                throw new CorruptInputException(path, "the video stream has no valid time base");
            }
            this.timeBase = Rational.of(st.time_base().num(), st.time_base().den());
            VideoMetadata.Start s = VideoMetadata.start(decoder.demuxer.context);
            this.start = s == null ? Optional.empty() : Optional.of(s.instant());
            PixelLayout layout = PixelLayout.of(st.codecpar().format());
            if (layout.components() == 0) {
                throw new CorruptInputException(path, "the video stream states no known pixel format");
            }
            // frames the writer padded or stored in colour come back as they were written (VideoMetadata.FRAME_TAG)
            VideoMetadata.StoredFrame stored = VideoMetadata.StoredFrame.of(decoder.demuxer.context);
            int cw = st.codecpar().width();
            int ch = st.codecpar().height();
            VideoReadOptions.Output mode = videoOptions.output();
            if (stored != null && stored.gray() && mode == VideoReadOptions.Output.AUTO) {
                mode = VideoReadOptions.Output.GRAY;
            }
            this.codedSpec = FrameConverter.outputSpec(cw, ch, layout, mode);
            boolean crop = stored != null && stored.width() <= cw && stored.height() <= ch
                    && cw - stored.width() < 16 && ch - stored.height() < 16
                    && (stored.width() != cw || stored.height() != ch);
            FrameSpec spec = crop ? new FrameSpec(stored.width(), stored.height(), codedSpec.pixelType(),
                    codedSpec.significantBits()) : codedSpec;
            this.converter = new FrameConverter(codedSpec);
            PixelType planar = YuvLayouts.planarType(st.codecpar().format());
            if (planar != null && spec.pixelType() == PixelType.RGB24 && !crop) {
                nativeSpec = FrameSpec.planar(spec.width(), spec.height(), planar, YuvLayouts.encoding(layout,
                        st.codecpar().color_space(), st.codecpar().color_range()));
                fromNative = new NativeToOutput(st.codecpar().format(), spec);
            } else {
                nativeSpec = null;
                fromNative = null;
            }
            this.info = new SequenceInfo(VideoFormat.NAME, index.size(), spec, frameRate(st),
                    VideoMetadata.read(decoder.demuxer, index, layout, s));
        } catch (EasimageException | RuntimeException e) {
            decoder.close();
            if (e instanceof EasimageException ee) {
                throw ee;
            }
            throw new CorruptInputException(path, -1, "cannot read the video header: " + e, e);
        }
    }

    private static Optional<Rational> frameRate(AVStream st) {
        for (AVRational r : new AVRational[] {st.avg_frame_rate(), st.r_frame_rate()}) {
            if (r.num() > 0 && r.den() > 0) {
                return Optional.of(Rational.of(r.num(), r.den()));
            }
        }
        return Optional.empty();
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Optional<Duration> frameTime(int i) {
        return Optional.of(timeOf(i));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int i) {
        return Times.after(start, timeOf(i));
    }

    private Duration timeOf(int i) {
        return Times.ofTicks(index.pts(i) - index.pts(0), timeBase);
    }

    /** {@code reuse} is written when it is a direct frame of this reader's spec: heap frames come fresh (cheaper). */
    @Override
    protected Frame readFrame(int i, Frame reuse) throws IOException {
        lock.lock();
        try {
            ensureOpen(); // again under the lock: close() frees the decoder
            try {
                return toFrame(decode(i), i, reuse != null && reuse.isDirect()
                        && reuse.spec().sameLayout(info.spec()) ? reuse : null);
            } catch (RuntimeException e) {
                throw new CorruptInputException(path, index.bytePosition(i), "decoding frame " + i + " failed: " + e,
                        e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<FrameSpec> nativeSpec() {
        return Optional.ofNullable(nativeSpec);
    }

    @Override
    public Frame readNative(int i, Frame into) throws IOException {
        ensureOpen();
        checkIndex(i, frameCount(), path);
        if (nativeSpec == null || !into.spec().sameLayout(nativeSpec)) {
            throw new IllegalArgumentException("a native frame of " + path + " is "
                    + (nativeSpec == null ? "what read gives" : nativeSpec.toString()) + ", not " + into.spec());
        }
        lock.lock();
        try {
            ensureOpen(); // again under the lock: close() frees the decoder
            try {
                AVFrame af = decode(i);
                checkSize(af, i);
                YuvEncoding e = YuvLayouts.encoding(PixelLayout.of(af.format()), af.colorspace(), af.color_range());
                if (YuvLayouts.planarType(af.format()) != nativeSpec.pixelType() || !e.equals(nativeSpec.yuv())) {
                    throw new CorruptInputException(path, index.bytePosition(i), "frame " + i + " is "
                            + PixelLayout.of(af.format()).name() + " (" + e + ") but the stream is " + nativeSpec);
                }
                YuvLayouts.copyOut(af, nativeSpec, into.buffer());
                Duration t = timeOf(i);
                return new Frame(nativeSpec, into.buffer(), i, t, Times.after(start, t).orElse(null));
            } catch (RuntimeException e) {
                throw new CorruptInputException(path, index.bytePosition(i), "decoding frame " + i + " failed: " + e,
                        e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FrameTransform fromNative() {
        if (fromNative == null) {
            return FrameTransform.identity();
        }
        return fromNative;
    }

    /** The decoder's frame {@code i}, valid until the decoder is used again (the caller holds the lock). */
    private AVFrame decode(int i) throws IOException {
        if (numbered) {
            return decodeInOrder(i);
        }
        int keyframe = index.keyframeAtOrBefore(i);
        boolean continueForward = last >= 0 && last < i && keyframe <= last + 1;
        if (!continueForward) {
            positionAt(keyframe);
        }
        AVFrame f = forwardTo(i);
        // strategies, safest last: the keyframe before, then the start of the file
        int earlier = keyframe > 0 ? index.keyframeAtOrBefore(keyframe - 1) : -1;
        if (f == null && afterSeek && earlier > 0) {
            positionAt(earlier);
            f = forwardTo(i);
        }
        if (f == null && afterSeek) {
            positionAt(-1);
            f = forwardTo(i);
        }
        if (f == null) {
            throw new CorruptInputException(path, index.bytePosition(i),
                    "frame " + i + " (pts " + index.pts(i) + ") is not produced by the decoder");
        }
        return f;
    }

    /**
     * Frame i of a numbered video: the i-th frame out of the decoder, decoding forward from the last frame read when
     * that is before i, else from the start of the file. A packet the decoder rejects, or one whose frame has not
     * come out while packets well past it have (more than the decoder's threads and the stream's reordering can
     * hold back), would make every later number wrong: both are errors.
     */
    private AVFrame decodeInOrder(int i) throws IOException {
        if (last < 0 || last >= i) {
            positionAt(-1);
            produced.clear();
            unproduced = 0;
        }
        int window = index.reorder() + decoder.threads() + 8;
        while (true) {
            AVFrame af = decoder.next();
            pristine = false;
            int sent = decoder.framesSent(); // a numbered video's decoder never seeks: counted from the start
            if (decoder.errors() > 0) { // the packet it rejected is one of the last few it was given
                throw new CorruptInputException(path, index.bytePosition(Math.max(0, sent - 1)),
                        "the decoder rejected a packet before frame " + i + "; " + NUMBERED);
            }
            if (af != null) {
                int p = index.indexOf(af.pts());
                if (p < 0 || produced.get(p)) {
                    throw new CorruptInputException(path, index.bytePosition(Math.max(0, sent - 1)),
                            "the decoder produced a frame the index does not hold (timestamp " + af.pts() + "); "
                                    + NUMBERED);
                }
                produced.set(p);
            }
            unproduced = produced.nextClearBit(unproduced); // bits are only set until a restart: never back
            if (unproduced < (af == null ? index.size() : sent - window)) {
                throw new CorruptInputException(path, index.bytePosition(unproduced), "the packet of the frame "
                        + "decoded in place " + unproduced + " gave no frame; " + NUMBERED);
            }
            if (af == null) {
                throw new CorruptInputException(path, index.bytePosition(i),
                        "the stream ended before frame " + i + " was decoded");
            }
            last++;
            if (last == i) {
                if (decoder.lastFrameDamaged()) {
                    reportDamaged(i);
                }
                return af;
            }
        }
    }

    /** Frame i came out of the decoder concealed: an error under STRICT, else a warning. */
    private void reportDamaged(int i) throws CorruptInputException {
        String msg = "frame " + i + " was decoded with errors (concealed by the decoder)";
        if (options.truncation() == TruncationPolicy.STRICT) {
            throw new CorruptInputException(path, index.bytePosition(i), msg);
        }
        options.warnings().accept(path + ": " + msg);
    }

    private static final String NUMBERED = "this video's frames are numbered by their order out of the decoder (its "
            + "container leaves out presentation times and its codec reorders frames), so the numbers after it "
            + "would be wrong";

    /** Seeks to the keyframe at index position {@code keyframe}, or restarts at the file's start when <= 0. */
    private void positionAt(int keyframe) throws EasimageException {
        last = -1;
        if (keyframe > 0) {
            pristine = false;
            if (decoder.seek(index.seekTimestamp(keyframe))) {
                afterSeek = true;
                return;
            }
        }
        afterSeek = false;
        if (pristine) {
            return;
        }
        decoder.close();
        decoder = null;
        decoder = VideoDecoder.open(path, videoOptions.decoderThreads(), numbered, index.end());
    }

    /**
     * Decodes up to frame i. Returns null when, after a seek, the frame cannot be trusted (the seek landed past
     * it, or damaged frames appeared); the caller then retries with a safer position.
     */
    private AVFrame forwardTo(int i) throws IOException {
        while (true) {
            AVFrame af = decoder.next();
            pristine = false;
            if (af == null) {
                if (afterSeek) {
                    return null;
                }
                throw new CorruptInputException(path, index.bytePosition(i),
                        "the stream ended before frame " + i + " was decoded");
            }
            int idx = index.indexOf(VideoDecoder.timestampOf(af));
            if (idx < 0 || idx <= last) {
                continue; // a frame the index does not know, or one before the seek target
            }
            boolean bad = decoder.lastFrameDamaged();
            if (afterSeek && (last < 0 && idx > i || bad)) {
                last = -1;
                return null;
            }
            last = idx;
            if (idx > i) {
                if (afterSeek) {
                    return null;
                }
                throw new CorruptInputException(path, index.bytePosition(i),
                        "frame " + i + " (pts " + index.pts(i) + ") is missing from the decoded stream");
            }
            if (idx == i) {
                if (bad) {
                    reportDamaged(i);
                }
                return af;
            }
        }
    }

    private Frame toFrame(AVFrame af, int i, Frame reuse) throws CorruptInputException {
        FrameSpec spec = info.spec();
        checkSize(af, i);
        Duration t = timeOf(i);
        Instant ts = Times.after(start, t).orElse(null);
        if (!spec.equals(codedSpec)) {
            return Frames.wrap(spec, crop(converter.convert(af), codedSpec, spec), i).withTime(t).withTimestamp(ts);
        }
        if (reuse != null) {
            converter.convert(af, reuse.buffer());
            return new Frame(spec, reuse.buffer(), i, t, ts);
        }
        return Frames.wrap(spec, converter.convert(af), i).withTime(t).withTimestamp(ts);
    }

    /** The top-left {@code to} of a {@code from} frame's packed rows. */
    private static byte[] crop(byte[] pixels, FrameSpec from, FrameSpec to) {
        int row = to.frameBytes() / to.height();
        int stride = from.frameBytes() / from.height();
        byte[] out = new byte[to.frameBytes()];
        for (int y = 0; y < to.height(); y++) {
            System.arraycopy(pixels, y * stride, out, y * row, row);
        }
        return out;
    }

    private void checkSize(AVFrame af, int i) throws CorruptInputException {
        if (af.width() != codedSpec.width() || af.height() != codedSpec.height()) {
            throw new CorruptInputException(path, index.bytePosition(i), "frame " + i + " is " + af.width() + "x"
                    + af.height() + " but the stream is " + codedSpec.width() + "x" + codedSpec.height());
        }
    }

    @Override
    protected void release() {
        lock.lock();
        try {
            if (decoder != null) {
                decoder.close();
            }
            if (converter != null) {
                converter.close();
            }
            if (fromNative != null) {
                fromNative.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
