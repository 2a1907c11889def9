package org.easimage.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.SampleType;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.EasimageException;
import org.easimage.io.FormatMetadata;
import org.easimage.io.Rational;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;

/**
 * An ImageJ image as an easimage sequence ({@link ImageJSequences#asReader}), so that any easimage writer can
 * write it. Each read copies one frame out of the image's stack (virtual stacks read it then).
 *
 * <p><b>Frames</b> are the image's time points, or its slices when it has a single time point (a plain stack):
 * an image with both several slices and several time points is refused rather than flattened. <b>Pixels</b>: 8-bit
 * gives GRAY8, 16-bit GRAY16, 32-bit GRAY32F, RGB RGB24; 3 or 4 channels of those give RGB or RGBA frames
 * (RGB24/RGB48/RGB96F, RGBA32/RGBA64). Samples are written as stored (a calibration function or an inverting LUT
 * is not applied). A 16-bit image keeps the significant bits of the file it came from
 * ({@value ImageJSequences#SIGNIFICANT_BITS} property); a frame holding a larger sample then fails to read rather
 * than being written under a false bit depth.
 *
 * <p><b>Times</b>: an image opened by easimage keeps its file's real frame times and timestamps; any other image
 * gets {@code i x} its calibration's frame interval (in its time unit), or {@code i / fps} without an interval,
 * or no times when it has neither.
 *
 * <p>Closing it releases nothing (the image stays the caller's) but, as for every reader, ends its reads.
 */
final class ImagePlusReader extends AbstractSequenceReader {

    private final ImagePlus imp;
    private final ImageStack stack;
    private final int channels;
    private final boolean framesAreTimePoints;
    private final SequenceInfo info;
    private final SequenceStack source; // when the image reads an easimage file: its real times

    ImagePlusReader(ImagePlus imp) {
        super(file(imp));
        this.imp = Objects.requireNonNull(imp, "imp");
        this.stack = imp.getStack();
        this.channels = imp.getNChannels();
        int slices = imp.getNSlices();
        int timePoints = imp.getNFrames();
        if (slices > 1 && timePoints > 1) {
            throw new IllegalArgumentException("image '" + imp.getTitle() + "' has " + slices + " slices and "
                    + timePoints + " time points: easimage writes one axis of frames (reduce it to slices or "
                    + "time points first)");
        }
        this.framesAreTimePoints = timePoints > 1;
        int count = Math.max(slices, timePoints);
        this.source = stack instanceof SequenceStack s && s.planesPerFrame() == channels ? s : null;
        FrameSpec spec = new FrameSpec(imp.getWidth(), imp.getHeight(), pixelType(imp, channels),
                significantBits(imp));
        this.info = new SequenceInfo("imagej", count, spec, frameRate(), FormatMetadata.NONE);
    }

    private static PixelType pixelType(ImagePlus imp, int channels) {
        if (imp.getBitDepth() == 24) {
            if (channels != 1) {
                throw new IllegalArgumentException("image '" + imp.getTitle() + "' has " + channels
                        + " channels of RGB: easimage takes RGB as one channel, or 3-4 channels of gray");
            }
            return PixelType.RGB24;
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("image '" + imp.getTitle() + "' has " + channels
                    + " channels: easimage frames are gray (1), RGB (3) or RGBA (4)");
        }
        SampleType sampleType = switch (imp.getBitDepth()) {
            case 8 -> SampleType.U8;
            case 16 -> SampleType.U16;
            case 32 -> SampleType.F32;
            default -> throw new IllegalArgumentException("image '" + imp.getTitle() + "' has an unknown bit depth "
                    + imp.getBitDepth());
        };
        return PixelType.of(channels, sampleType);
    }

    /** The bits its file stated (16-bit images only), else all of the sample's. */
    private static int significantBits(ImagePlus imp) {
        String bits = imp.getBitDepth() == 16 ? imp.getProp(ImageJSequences.SIGNIFICANT_BITS) : null;
        if (bits != null) {
            try {
                int b = Integer.parseInt(bits.trim());
                if (b >= 1 && b <= 16) {
                    return b;
                }
            } catch (NumberFormatException e) {
                // not ours: all 16 bits
            }
        }
        return imp.getBitDepth() == 24 ? 8 : imp.getBitDepth();
    }

    private static Path file(ImagePlus imp) {
        FileInfo fi = Objects.requireNonNull(imp, "imp").getOriginalFileInfo();
        if (fi == null || fi.fileName == null || fi.directory == null) {
            return null;
        }
        try {
            return Path.of(fi.directory, fi.fileName);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** From the source file when it states one, else the calibration. */
    private Optional<Rational> frameRate() {
        if (source != null && source.reader().info().frameRate().isPresent()) {
            return source.reader().info().frameRate();
        }
        double interval = intervalSeconds(imp.getCalibration());
        if (interval > 0) {
            return Optional.of(Rational.approximate(1 / interval));
        }
        double fps = imp.getCalibration().fps;
        return fps > 0 && Double.isFinite(fps) ? Optional.of(Rational.approximate(fps)) : Optional.empty();
    }

    /** The calibration's frame interval in seconds, or 0 when it has none or its time unit is unknown. */
    static double intervalSeconds(Calibration cal) {
        double interval = cal.frameInterval;
        if (!(interval > 0) || !Double.isFinite(interval)) {
            return 0;
        }
        String unit = cal.getTimeUnit() == null ? "sec" : cal.getTimeUnit().trim().toLowerCase(Locale.ROOT);
        double perUnit = switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> 1;
            case "ms", "msec", "millisecond", "milliseconds" -> 1e-3;
            case "us", "\u00b5s", "\u03bcs", "usec", "microsecond", "microseconds" -> 1e-6;
            case "ns", "nsec", "nanosecond", "nanoseconds" -> 1e-9;
            case "min", "mins", "minute", "minutes" -> 60;
            case "h", "hr", "hrs", "hour", "hours" -> 3600;
            default -> 0;
        };
        return interval * perUnit;
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    /** The stack index (1-based) of frame {@code index}, channel {@code c} (0-based). */
    private int stackIndex(int index, int c) {
        return framesAreTimePoints ? imp.getStackIndex(c + 1, 1, index + 1) : imp.getStackIndex(c + 1, index + 1, 1);
    }

    /**
     * Frame {@code index}, copied out of the image's stack. Synchronized: ImageJ's virtual stacks are not all safe
     * from several threads.
     */
    @Override
    protected synchronized Frame readFrame(int index, Frame reuse) throws IOException {
        FrameSpec spec = info.spec();
        Frame frame = Frames.allocate(spec, index);
        ByteBuffer out = frame.buffer();
        int pixels = spec.width() * spec.height();
        int max = (int) spec.maxSampleValue();
        for (int c = 0; c < channels; c++) {
            ImageProcessor ip = stack.getProcessor(stackIndex(index, c));
            Object px = ip.getPixels();
            if (px instanceof int[] rgb) {
                for (int p = 0; p < pixels; p++) {
                    out.put(3 * p, (byte) (rgb[p] >> 16)).put(3 * p + 1, (byte) (rgb[p] >> 8))
                            .put(3 * p + 2, (byte) rgb[p]);
                }
            } else if (px instanceof byte[] b) {
                for (int p = 0; p < pixels; p++) {
                    out.put(p * channels + c, b[p]);
                }
            } else if (px instanceof short[] s) {
                for (int p = 0; p < pixels; p++) {
                    if ((s[p] & 0xFFFF) > max) {
                        throw tooManyBits(index, s[p] & 0xFFFF, spec.significantBits());
                    }
                    out.putShort(2 * (p * channels + c), s[p]);
                }
            } else if (px instanceof float[] f) {
                for (int p = 0; p < pixels; p++) {
                    out.putFloat(4 * (p * channels + c), f[p]);
                }
            } else {
                throw new EasimageException(path, "slice " + stackIndex(index, c) + " of '" + imp.getTitle()
                        + "' holds " + (px == null ? "no pixels" : px.getClass().getSimpleName()));
            }
        }
        return frame.withTime(frameTime(index).orElse(null)).withTimestamp(frameTimestamp(index).orElse(null));
    }

    private EasimageException tooManyBits(int index, int value, int bits) {
        return new EasimageException(path, "frame " + index + " of '" + imp.getTitle() + "' holds " + value
                + ", more than the " + bits + " significant bits its " + ImageJSequences.SIGNIFICANT_BITS
                + " property states; remove the property to write all 16 bits");
    }

    /** The frame of the source file behind frame {@code index}, when the image reads one. */
    private int sourceFrame(int index) {
        return source.frameOf(stackIndex(index, 0));
    }

    @Override
    protected Optional<Duration> frameTime(int index) throws IOException {
        if (source != null) {
            Optional<Duration> t = source.reader().time(sourceFrame(index));
            if (t.isPresent()) {
                return t;
            }
        }
        double interval = intervalSeconds(imp.getCalibration());
        if (interval > 0) {
            return Optional.of(Times.ofSeconds(new java.math.BigDecimal(Double.toString(interval))
                    .multiply(java.math.BigDecimal.valueOf(index))));
        }
        return info.frameRate().map(r -> Times.atIndex(index, r));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) throws IOException {
        return source != null ? source.reader().timestamp(sourceFrame(index)) : Optional.empty();
    }
}
