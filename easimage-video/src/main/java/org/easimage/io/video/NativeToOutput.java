package org.easimage.io.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.frame.IntoTransform;

/**
 * A {@link VideoReader}'s native frames (planar Y'CbCr) turned into the frames its {@code read} gives, by the same
 * code: the planes are copied into an FFmpeg-allocated frame of the decoder's own pixel format and tags (swscale's
 * SIMD readers load whole blocks past a packed row, see {@link FrameConverter}), which a {@link FrameConverter}
 * for the reader's output type converts. Bit for bit what {@code read} gives, on any thread: each call borrows a
 * converter ({@link NativeStates}: one per concurrent caller), all freed when the reader closes.
 */
final class NativeToOutput implements IntoTransform, AutoCloseable {

    private final int sourcePixFmt;
    private final PixelType output;
    private final int outputBits;
    private final NativeStates<State> states = new NativeStates<>(State::new, State::free,
            "the video reader these frames come from");

    /**
     * @param sourcePixFmt the decoder's pixel format (e.g. yuvj420p, which swscale treats as full range itself)
     * @param readSpec     what the reader's {@code read} gives (type and significant bits; any size)
     */
    NativeToOutput(int sourcePixFmt, FrameSpec readSpec) {
        this.sourcePixFmt = sourcePixFmt;
        this.output = readSpec.pixelType();
        this.outputBits = readSpec.significantBits();
    }

    /** One caller's converter and staging frame, re-made when the frame size changes. */
    private static final class State {
        FrameSpec in;
        AVFrame staged;
        FrameConverter converter;

        void free() {
            if (converter != null) {
                converter.close();
                converter = null;
            }
            if (staged != null) {
                avutil.av_frame_free(staged);
                staged = null;
            }
        }
    }

    @Override
    public boolean handles(FrameSpec input) {
        return input.pixelType().isPlanar();
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        if (!input.pixelType().isPlanar()) {
            throw new IllegalArgumentException("converting video frames to " + output + " needs planar Y'CbCr frames, not "
                    + input);
        }
        return new FrameSpec(input.width(), input.height(), output, outputBits);
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        FrameSpec in = input.spec();
        FrameSpec expected = outputSpec(in);
        IntoTransform.requireOutput(output, expected);
        State s = states.borrow();
        try {
            if (s.in != null && !in.sameLayout(s.in)) { // another frame size: make them again
                s.free();
            }
            if (s.staged == null) {
                int fmt = in.yuv().fullRange() && sourcePixFmt == YuvLayouts.jpegPixFmt(in.pixelType())
                        ? sourcePixFmt : YuvLayouts.pixFmt(in.pixelType());
                s.staged = FrameConverter.allocateFrame(fmt, in.width(), in.height());
                s.staged.colorspace(YuvLayouts.colorspace(in.yuv().matrix()));
                s.staged.color_range(in.yuv().fullRange() ? avutil.AVCOL_RANGE_JPEG : avutil.AVCOL_RANGE_MPEG);
                s.converter = new FrameConverter(expected);
                s.in = in;
            }
            YuvLayouts.copyIn(input.buffer(), in, s.staged, in.width(), in.height());
            s.converter.convert(s.staged, output.buffer());
        } finally {
            states.giveBack(s);
        }
        return output.withPositionOf(input);
    }

    @Override
    public String describe() {
        return "video frames to " + output;
    }

    /** Frees the converters; one still in use (a worker still converting) is freed when it comes back. */
    @Override
    public void close() {
        states.close();
    }
}
