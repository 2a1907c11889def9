package org.easimage.imagej;

import ij.CompositeImage;
import ij.IJ;
import ij.ImageListener;
import ij.ImagePlus;
import ij.measure.Calibration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.SampleType;
import org.easimage.io.Formats;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;

/**
 * easimage sequences as ImageJ images and back: {@link #open(Path)} shows any file easimage reads as a virtual
 * stack ({@link SequenceStack}), and {@link #asReader(ImagePlus)} gives any image, virtual or not, to an easimage
 * writer.
 *
 * <pre>{@code
 * ImagePlus imp = ImageJSequences.open(Path.of("run.seq"));   // virtual: frames read when shown
 * try (SequenceWriter out = Formats.create(Path.of("run.tif"))) {
 *     out.writeAll(ImageJSequences.asReader(imp));
 *     out.finish();
 * }
 * }</pre>
 */
public final class ImageJSequences {

    /** The time unit of the calibrations made here (ImageJ's own default name for seconds). */
    static final String TIME_UNIT = "sec";
    /** The property that carries significant bits (e.g. 12 for a 12-bit camera) from a file to a writer. */
    public static final String SIGNIFICANT_BITS = "easimage.significantBits";

    private ImageJSequences() {
    }

    /**
     * Opens {@code file} (any format easimage reads) as a virtual stack, see {@link #toImagePlus}. The image owns
     * its reader: closing the image's window closes the file; without a window, close it with
     * {@code ((SequenceStack) imp.getStack()).close()}.
     */
    public static ImagePlus open(Path file) throws IOException {
        SequenceReader reader = Formats.open(file);
        try {
            SequenceStack stack = new SequenceStack(reader, FrameCache.defaultCapacity(reader.spec().frameBytes()),
                    file);
            ImagePlus imp = toImagePlus(stack, String.valueOf(file.getFileName()));
            ImagePlus.addImageListener(new CloseWithImage(imp, stack));
            return imp;
        } catch (UncheckedIOException e) {
            reader.close();
            throw e.getCause();
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** {@code reader} as an image titled {@code title}; the caller keeps the reader and closes it. */
    public static ImagePlus toImagePlus(SequenceReader reader, String title) {
        return toImagePlus(new SequenceStack(reader), title);
    }

    /**
     * {@code stack} as an image: a hyperstack of frames (not slices), channels for the composite colour types;
     * calibrated with the frame interval (the mean interval of the real frame times when they advance, else the
     * stated frame rate), {@code Calibration.fps} and the time unit; 16-bit frames of fewer significant bits
     * displayed over their whole range (0..4095 for 12 bits, the same for every frame); the file's metadata in the
     * image's Info (Image>Show Info) and as {@code easimage.*} properties. easimage knows no pixel size, so the
     * spatial calibration stays ImageJ's default (pixels).
     */
    public static ImagePlus toImagePlus(SequenceStack stack, String title) {
        SequenceReader reader = stack.reader();
        SequenceInfo info = reader.info();
        FrameSpec spec = stack.spec();
        int channels = stack.planesPerFrame();
        ImagePlus plain = new ImagePlus(title, stack);
        plain.setDimensions(channels, 1, info.frameCount());
        ImagePlus imp = channels > 1 ? new CompositeImage(plain, IJ.COMPOSITE) : plain;
        imp.setOpenAsHyperStack(info.frameCount() > 1 || channels > 1);
        Interval interval = frameInterval(reader);
        if (interval.seconds().isPresent()) {
            Calibration cal = imp.getCalibration();
            cal.frameInterval = interval.seconds().getAsDouble();
            cal.fps = 1 / cal.frameInterval;
            cal.setTimeUnit(TIME_UNIT);
            imp.setCalibration(cal);
        }
        if (spec.sampleType() == SampleType.U16 && spec.significantBits() < 16) {
            for (int c = channels; c >= 1; c--) { // ends on channel 1
                imp.setPositionWithoutUpdate(c, 1, 1);
                imp.setDisplayRange(0, spec.maxSampleValue());
            }
        }
        imp.setProperty("Info", describe(info, interval));
        imp.setProp("easimage.format", info.format());
        imp.setProp(SIGNIFICANT_BITS, String.valueOf(spec.significantBits()));
        info.frameRate().ifPresent(r -> imp.setProp("easimage.frameRate", r.toString()));
        for (Map.Entry<String, Object> e : info.metadata().asMap().entrySet()) {
            imp.setProp("easimage.metadata." + e.getKey(), String.valueOf(e.getValue()));
        }
        return imp;
    }

    /**
     * {@code imp} as a sequence for any easimage writer, see {@link ImagePlusReader}. The image stays the
     * caller's; read frames come from its stack one at a time.
     *
     * @throws IllegalArgumentException when the image has no single frame axis or unsupported channels
     */
    public static SequenceReader asReader(ImagePlus imp) {
        return new ImagePlusReader(imp);
    }

    /** A frame interval in seconds and where it comes from. */
    record Interval(OptionalDouble seconds, String origin) {
    }

    /**
     * The mean interval of the real frame times ((last - first) / (frames - 1)) when they advance, else the
     * inverse of the stated frame rate, else none.
     */
    static Interval frameInterval(SequenceReader reader) {
        int n = reader.frameCount();
        if (n >= 2) {
            Optional<Duration> first;
            Optional<Duration> last;
            try {
                first = reader.time(0);
                last = reader.time(n - 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (first.isPresent() && last.isPresent() && last.get().compareTo(first.get()) > 0) {
                BigDecimal span = Times.seconds(last.get().minus(first.get()));
                double mean = span.divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL64).doubleValue();
                return new Interval(OptionalDouble.of(mean), "mean of the frame times");
            }
        }
        return reader.info().frameRate()
                .map(r -> new Interval(OptionalDouble.of(r.inverse().toDouble()), "stated frame rate"))
                .orElse(new Interval(OptionalDouble.empty(), "none stated"));
    }

    private static String describe(SequenceInfo info, Interval interval) {
        StringBuilder sb = new StringBuilder();
        sb.append("Opened by easimage (format ").append(info.format()).append(")\n");
        sb.append("Frames: ").append(info.frameCount()).append('\n');
        sb.append("Frame: ").append(info.spec()).append('\n');
        info.frameRate().ifPresent(r -> sb.append("Frame rate: ").append(r).append(" fps\n"));
        sb.append("Frame interval: ");
        if (interval.seconds().isPresent()) {
            sb.append(interval.seconds().getAsDouble()).append(" s (").append(interval.origin()).append(")\n");
        } else {
            sb.append("unknown\n");
        }
        if (!info.metadata().asMap().isEmpty()) {
            sb.append("Metadata:\n");
            info.metadata().asMap().forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        return sb.toString();
    }

    /** Closes a stack's reader when the image made for it is closed (its window, in ImageJ's GUI). */
    private record CloseWithImage(ImagePlus image, SequenceStack stack) implements ImageListener {

        @Override
        public void imageClosed(ImagePlus closed) {
            if (closed == image) {
                ImagePlus.removeImageListener(this);
                try {
                    stack.close();
                } catch (IOException e) {
                    IJ.log("easimage: closing " + image.getTitle() + ": " + e.getMessage());
                }
            }
        }

        @Override
        public void imageOpened(ImagePlus opened) {
        }

        @Override
        public void imageUpdated(ImagePlus updated) {
        }
    }
}
