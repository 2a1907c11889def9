package org.easimage.transform;

import java.io.IOException;
import java.util.Locale;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;

/**
 * The sample range [min, max] a display transform ({@code to_8bit}, {@code colormap}) maps to black..white or to
 * the ends of a colormap, written the same way in the chain syntax and on the command line:
 * <ul>
 * <li>{@code auto} ({@link Auto}, the default): one range for the whole sequence, the low and high percentiles
 *     (default 0.1 and 99.9) of the samples of at most {@code frames} frames (default 64) spread evenly over it.
 *     It is measured once, when the transform is {@linkplain org.easimage.frame.FrameTransform#bind bound} to its
 *     source, then every frame is mapped the same way: a brighter frame stays brighter.
 * <li>{@code frame} ({@link PerFrame}): each frame's own percentiles (default 1 and 99): the most contrast in
 *     every frame, but brightness is no longer comparable between frames (a global rise of a calcium signal can
 *     come out darker).
 * <li>{@code bits} ({@link Bits}): 0..2^bits-1 for the frame's significant bits (0..4095 for a 12-bit camera
 *     stored in 16-bit samples), 0..1 for float samples.
 * <li>{@code MIN, MAX} ({@link Fixed}): given sample values.
 * </ul>
 * Percentiles follow {@link Percentiles} (nearest rank, colour channels pooled, alpha and NaN ignored).
 */
public sealed interface DisplayRange {

    /**
     * This range ready for the frames of {@code source}: an {@link Auto} range is measured on it (reading at most
     * {@link Auto#frames()} frames) and becomes {@link Measured}; the others need nothing and return themselves.
     */
    DisplayRange bind(FrameSource source) throws IOException;

    /**
     * {min, max} for this frame.
     *
     * @throws IllegalStateException for an {@link Auto} range that was not bound to its sequence
     */
    double[] limits(Frame frame);

    /** The chain-syntax arguments, e.g. {@code auto, low=0.1, high=99.9, frames=64} or {@code 10, 200}. */
    String describe();

    /** The default: {@code auto}, 0.1..99.9 percentiles of up to 64 frames. */
    static Auto auto() {
        return new Auto(Auto.LOW, Auto.HIGH, Auto.FRAMES);
    }

    /** {@code frame}: each frame's 1..99 percentiles. */
    static PerFrame perFrame() {
        return new PerFrame(PerFrame.LOW, PerFrame.HIGH);
    }

    /**
     * Reads a range from the chain arguments starting at {@code position}: {@code auto[, LOW, HIGH]},
     * {@code frame[, LOW, HIGH]}, {@code bits} or {@code VMIN, VMAX} (absent: auto); {@code low=}, {@code high=}
     * and {@code frames=} (auto only) may be named. Errors name the transform.
     */
    static DisplayRange parse(Args a, int position) {
        String first = a.string(position, "vmin", "auto").strip().toLowerCase(Locale.ROOT);
        try {
            return switch (first) {
                case "auto" -> {
                    double[] p = percentiles(a, position, Auto.LOW, Auto.HIGH);
                    yield new Auto(p[0], p[1], a.integer(-1, "frames", Auto.FRAMES));
                }
                case "frame" -> {
                    double[] p = percentiles(a, position, PerFrame.LOW, PerFrame.HIGH);
                    yield new PerFrame(p[0], p[1]);
                }
                case "bits" -> new Bits();
                default -> {
                    try {
                        Double.parseDouble(first);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("the range must be auto, frame, bits or VMIN, VMAX, got '"
                                + first + "'");
                    }
                    yield new Fixed(a.number(position, "vmin", null), a.number(position + 1, "vmax", null));
                }
            };
        } catch (IllegalArgumentException e) {
            String prefix = a.transform() + ": ";
            throw e.getMessage() != null && e.getMessage().startsWith(prefix) ? e
                    : new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    /** low and high after a mode, both by position or by name ({@code auto, 64} is an error, not low=64). */
    private static double[] percentiles(Args a, int position, double low, double high) {
        if (a.positionalCount() == position + 2) {
            String mode = a.raw(position, "vmin");
            throw new IllegalArgumentException("give both percentiles after '" + mode + "' (" + mode + ", 1, 99; "
                    + mode + ":1:99 on the command line) or name them (low=, high=); the number of frames sampled is "
                    + "frames=N; got only '" + a.raw(position + 1, "low") + "'");
        }
        return new double[] {a.number(position + 1, "low", low), a.number(position + 2, "high", high)};
    }

    private static void checkPercentiles(double low, double high) {
        if (!(low >= 0 && high <= 100 && low < high)) {
            throw new IllegalArgumentException("need percentiles 0 <= low < high <= 100, got " + Args.num(low)
                    + ", " + Args.num(high));
        }
    }

    /**
     * One range for the whole sequence: the {@code low} and {@code high} percentiles of the union of the samples
     * of at most {@code frames} frames spread evenly over it ({@link #sampled}).
     */
    record Auto(double low, double high, int frames) implements DisplayRange {
        /**
         * Defaults. 0.1/99.9 rather than the per-frame 1/99: one range must hold a whole recording, whose brightest
         * moments (calcium transients, flashes) are rare, and saturating 0.2% is close to Fiji's auto contrast
         * (0.35%). 64 frames: every 1/64 of the recording is looked at, and on an H.264 video with 1 s keyframe
         * intervals that costs a few seconds (never more than decoding the file once, since samples are read in
         * order).
         */
        public static final double LOW = 0.1;
        public static final double HIGH = 99.9;
        public static final int FRAMES = 64;

        public Auto {
            checkPercentiles(low, high);
            if (frames < 1) {
                throw new IllegalArgumentException("need frames >= 1 to sample, got " + frames);
            }
        }

        /**
         * The frames read of a sequence of {@code frameCount}: all of them up to {@link #frames()}, else the middle
         * frame of each of {@code frames} equal parts, in increasing order.
         */
        public int[] sampled(int frameCount) {
            int k = Math.min(frames, frameCount);
            int[] out = new int[k];
            for (int j = 0; j < k; j++) {
                out[j] = (int) ((2L * j + 1) * frameCount / (2L * k));
            }
            return out;
        }

        @Override
        public Measured bind(FrameSource source) throws IOException {
            int[] indexes = sampled(source.frameCount());
            Percentiles.Pool pool = new Percentiles.Pool(source.spec(),
                    Percentiles.POOLED_FLOATS / Math.max(1, indexes.length));
            for (int i : indexes) {
                pool.add(source.read(i));
            }
            double[] p = pool.percentiles(low, high);
            return new Measured(this, p[0], p[1]);
        }

        @Override
        public double[] limits(Frame frame) {
            throw new IllegalStateException("the display range 'auto' is one range for the whole sequence and has "
                    + "not been measured: bind the transform to its frames first (FrameTransform.bind; "
                    + "SequenceReader.map and Conversion do), or use 'frame' for each frame's own range");
        }

        @Override
        public String describe() {
            return "auto, low=" + Args.num(low) + ", high=" + Args.num(high) + ", frames=" + frames;
        }
    }

    /**
     * An {@link Auto} range measured on a sequence: {@code min..max} for every frame. Describes itself as its
     * mode, so a saved chain measures again on the sequence it is applied to.
     */
    record Measured(Auto mode, double min, double max) implements DisplayRange {
        @Override
        public DisplayRange bind(FrameSource source) {
            return this;
        }

        @Override
        public double[] limits(Frame frame) {
            return new double[] {min, max};
        }

        @Override
        public String describe() {
            return mode.describe();
        }
    }

    /** Each frame's own {@code low} and {@code high} percentiles. */
    record PerFrame(double low, double high) implements DisplayRange {
        public static final double LOW = 1;
        public static final double HIGH = 99;

        public PerFrame {
            checkPercentiles(low, high);
        }

        @Override
        public DisplayRange bind(FrameSource source) {
            return this;
        }

        @Override
        public double[] limits(Frame frame) {
            return Percentiles.of(frame, low, high);
        }

        @Override
        public String describe() {
            return "frame, low=" + Args.num(low) + ", high=" + Args.num(high);
        }
    }

    /** 0..2^significantBits-1 of the frame's samples (0..1 for float samples). */
    record Bits() implements DisplayRange {
        @Override
        public DisplayRange bind(FrameSource source) {
            return this;
        }

        @Override
        public double[] limits(Frame frame) {
            return new double[] {0, frame.spec().maxSampleValue()};
        }

        @Override
        public String describe() {
            return "bits";
        }
    }

    /** Given sample values, {@code min < max}. */
    record Fixed(double min, double max) implements DisplayRange {
        public Fixed {
            if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("need vmin < vmax, got " + Args.num(min) + ", " + Args.num(max));
            }
        }

        @Override
        public DisplayRange bind(FrameSource source) {
            return this;
        }

        @Override
        public double[] limits(Frame frame) {
            return new double[] {min, max};
        }

        @Override
        public String describe() {
            return Args.num(min) + ", " + Args.num(max);
        }
    }
}
