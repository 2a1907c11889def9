package org.easimage.imagej;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.SampleType;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.FormatMetadata;
import org.easimage.io.Rational;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;

/**
 * An ImgLib2 image seen as an easimage sequence, so that any easimage writer can write it:
 * {@code out.writeAll(ImgSequenceReader.of(img, Rational.of(30)))}. Frames are copied out of the image one at a
 * time, when read (never the whole image).
 *
 * <p>Axes, as {@link SequenceImg} makes them: {@code (x, y)} is one gray frame, {@code (x, y, t)} gray frames,
 * {@code (x, y, c, t)} colour frames with 3 (RGB) or 4 (RGBA) channels; time is always last. Types:
 * {@link UnsignedByteType}, {@link UnsignedShortType}, {@link FloatType} (others are refused rather than
 * converted: convert them first, e.g. with {@code net.imglib2.converter.Converters}).
 *
 * <p>Times are {@code i / frameRate} when a rate is given. A {@link SequenceImg} given as it is (not a view of it)
 * keeps its source's real times, timestamps, significant bits and metadata.
 *
 * <p>Closing it releases nothing (the image stays the caller's) but, as for every reader, ends its reads.
 */
public final class ImgSequenceReader extends AbstractSequenceReader {

    private final RandomAccessibleInterval<? extends RealType<?>> img;
    private final SequenceInfo info;
    private final SequenceReader source;
    private final int timeAxis;

    private ImgSequenceReader(RandomAccessibleInterval<? extends RealType<?>> img, Optional<Rational> frameRate) {
        super(null);
        this.img = img;
        int n = img.numDimensions();
        if (n < 2 || n > 4) {
            throw new IllegalArgumentException("an image of " + n + " dimensions is not (x, y), (x, y, t) or "
                    + "(x, y, c, t)");
        }
        SampleType sampleType = sampleType(img.getType());
        int channels = n == 4 ? checkedInt(img.dimension(2), "channels") : 1;
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("an (x, y, c, t) image needs 3 (RGB) or 4 (RGBA) channels, not "
                    + channels);
        }
        this.timeAxis = n >= 3 ? n - 1 : -1;
        int frames = timeAxis < 0 ? 1 : checkedInt(img.dimension(timeAxis), "frames");
        FrameSpec spec = img instanceof SequenceImg<?> s ? s.spec()
                : FrameSpec.of(checkedInt(img.dimension(0), "width"), checkedInt(img.dimension(1), "height"),
                        PixelType.of(channels, sampleType));
        this.source = img instanceof SequenceImg<?> s && frameRate.isEmpty() ? s.reader() : null;
        this.info = source != null ? source.info()
                : new SequenceInfo("imglib2", frames, spec, frameRate, FormatMetadata.NONE);
    }

    /** {@code img}'s frames without times (or with its source's, for a {@link SequenceImg}). */
    public static ImgSequenceReader of(RandomAccessibleInterval<? extends RealType<?>> img) {
        return new ImgSequenceReader(img, Optional.empty());
    }

    /** {@code img}'s frames, frame i at {@code i / frameRate} seconds. */
    public static ImgSequenceReader of(RandomAccessibleInterval<? extends RealType<?>> img, Rational frameRate) {
        return new ImgSequenceReader(img, Optional.of(Objects.requireNonNull(frameRate, "frameRate")));
    }

    private static SampleType sampleType(Object type) {
        if (type instanceof UnsignedByteType) {
            return SampleType.U8;
        }
        if (type instanceof UnsignedShortType) {
            return SampleType.U16;
        }
        if (type instanceof FloatType) {
            return SampleType.F32;
        }
        throw new IllegalArgumentException("easimage writes UnsignedByteType, UnsignedShortType or FloatType "
                + "samples, not " + type.getClass().getSimpleName() + ": convert the image first");
    }

    private static int checkedInt(long size, String what) {
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " " + size + " is outside 1.." + Integer.MAX_VALUE);
        }
        return (int) size;
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        FrameSpec spec = info.spec();
        RandomAccessibleInterval<? extends RealType<?>> plane = timeAxis < 0 ? img
                : Views.hyperSlice(img, timeAxis, img.min(timeAxis) + index);
        Frame frame = Frames.allocate(spec, index);
        ByteBuffer out = frame.buffer();
        int channels = spec.channels();
        int pixels = spec.width() * spec.height();
        int bytes = spec.sampleType().bytes();
        Cursor<? extends RealType<?>> cursor = Views.flatIterable(plane).cursor();
        // flat order is x fastest, then y, then c: sample k is pixel k % pixels of channel k / pixels
        for (int k = 0; cursor.hasNext(); k++) {
            RealType<?> v = cursor.next();
            int at = ((k % pixels) * channels + k / pixels) * bytes;
            switch (spec.sampleType()) {
                case U8 -> out.put(at, (byte) ((UnsignedByteType) v).get());
                case U16 -> out.putShort(at, (short) ((UnsignedShortType) v).get());
                case F32 -> out.putFloat(at, ((FloatType) v).get());
            }
        }
        return frame.withTime(frameTime(index).orElse(null)).withTimestamp(frameTimestamp(index).orElse(null));
    }

    @Override
    protected Optional<Duration> frameTime(int index) throws IOException {
        if (source != null) {
            return source.time(index);
        }
        return info.frameRate().map(rate -> Times.atIndex(index, rate));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) throws IOException {
        return source != null ? source.timestamp(index) : Optional.empty();
    }
}
