package org.easimage.io.video;

import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.IntoTransform;
import org.easimage.frame.PixelType;
import org.easimage.frame.YuvEncoding;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * The colour conversion a {@link VideoWriter} would do before encoding (RGB to the encoder's Y'CbCr, or studio-range
 * Y'CbCr to MJPEG's full range), done as a step of a conversion's transform stage instead: on its worker threads,
 * in parallel, while the one writing thread only encodes. The ffmpeg command line runs the conversion and the
 * encoder on one thread; moving the conversion off it is what lets a transcode outrun it on two cores.
 *
 * <p>Its frames are the encoder's own layout (a planar type with the stream's range), which the writer copies in as
 * they are, so the file is the one the writer makes from the original frames, byte for byte: the conversion is the
 * writer's own code ({@link FramePacker}), and {@link #of} offers the step only when the writer plans the same
 * stream for the converted frames as for the original ones (same pixel format, range, size, no padding, no gray
 * kept apart). Safe from several threads: each call borrows a packer from a pool; all are freed on close.
 */
final class EncoderIntake implements IntoTransform, AutoCloseable {

    private final EncoderPlan plan;
    private final FrameSpec in;
    private final FrameSpec out;
    private final NativeStates<State> states = new NativeStates<>(State::new, State::free,
            "the conversion this step belongs to");

    private EncoderIntake(EncoderPlan plan, FrameSpec in, FrameSpec out) {
        this.plan = plan;
        this.in = in;
        this.out = out;
    }

    /**
     * The step for frames of {@code spec} written to {@code path}, when converting them ahead pays and gives the
     * writer the same stream; empty otherwise (frames the writer copies as they are, gray frames, frames it pads,
     * options it refuses: the writer handles all of those itself).
     */
    static Optional<EncoderIntake> of(Path path, FrameSpec spec, WriteOptions options) {
        WriteOptions quiet = options.withWarnings(w -> { });
        EncoderPlan p;
        try {
            p = EncoderPlan.of(path, spec, quiet);
        } catch (UnsupportedOutputException e) {
            return Optional.empty();
        }
        PixelType stored = YuvLayouts.planarType(p.pixFmt());
        if (stored == null || spec.pixelType().isGray() || p.width() != spec.width() || p.height() != spec.height()) {
            return Optional.empty();
        }
        if (spec.pixelType() == stored && spec.yuv().fullRange() == p.fullRange()) {
            return Optional.empty(); // already the stream's layout: the writer copies the planes
        }
        YuvEncoding.Matrix matrix = spec.pixelType().isPlanar() ? spec.yuv().matrix() : YuvEncoding.Matrix.BT601;
        FrameSpec converted = FrameSpec.planar(spec.width(), spec.height(), stored,
                new YuvEncoding(matrix, p.fullRange()));
        EncoderPlan q;
        try {
            q = EncoderPlan.of(path, converted, quiet);
        } catch (UnsupportedOutputException e) {
            return Optional.empty();
        }
        if (q.pixFmt() != p.pixFmt() || q.fullRange() != p.fullRange() || q.width() != p.width()
                || q.height() != p.height()) {
            return Optional.empty();
        }
        return Optional.of(new EncoderIntake(p, spec, converted));
    }

    /** One caller's packer and the encoder-layout frame it fills. */
    private final class State {
        final FramePacker packer = new FramePacker(plan, in);
        final AVFrame picture = FrameConverter.allocateFrame(plan.pixFmt(), plan.width(), plan.height());

        void free() {
            packer.close();
            avutil.av_frame_free(picture);
        }
    }

    @Override
    public boolean handles(FrameSpec input) {
        return input.sameLayout(in);
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        if (!input.sameLayout(in)) {
            throw new IllegalArgumentException("this step converts " + in + " frames, not " + input);
        }
        return out;
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        FrameSpec expected = outputSpec(input.spec());
        IntoTransform.requireOutput(output, expected);
        State s = states.borrow();
        try {
            s.packer.pack(input, s.picture);
            YuvLayouts.copyOut(s.picture, out, output.buffer());
        } finally {
            states.giveBack(s);
        }
        return output.withPositionOf(input);
    }

    @Override
    public String describe() {
        return "video frames to the encoder's " + avutil.av_get_pix_fmt_name(plan.pixFmt()).getString();
    }

    /** Frees the packers; one still in use (a worker still converting) is freed when it comes back. */
    @Override
    public void close() {
        states.close();
    }
}
