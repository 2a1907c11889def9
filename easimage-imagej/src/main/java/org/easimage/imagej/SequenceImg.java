package org.easimage.imagej;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;
import net.imglib2.img.basictypeaccess.DataAccess;
import net.imglib2.img.basictypeaccess.nio.ByteBufferAccess;
import net.imglib2.img.basictypeaccess.nio.FloatBufferAccess;
import net.imglib2.img.basictypeaccess.nio.ShortBufferAccess;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;

/**
 * A sequence seen as an ImgLib2 image, lazily: ImgLib2's own {@link LazyCellImg} with one cell per frame, a frame
 * read from the {@link SequenceReader} when a cursor or random access first enters it, and the last few frames
 * kept in a bounded LRU cache. Creating the view reads nothing; memory stays at the cache's frames whatever the
 * sequence's length (a 1 GiB recording is viewed in a few frames' worth of heap).
 *
 * <p><b>Axes</b>: {@code (x, y, t)} for gray frames, {@code (x, y, c, t)} for colour ones (RGB: 3 channels,
 * RGBA: 4), time always last ({@link #frameAxis()}). Colour is a channel axis rather than {@code ARGBType}, so
 * every sample type keeps its values (16-bit and float RGB too); {@code net.imglib2.converter.Converters} makes
 * ARGB from it for display.
 *
 * <p><b>Types</b>: 8-bit samples are {@link UnsignedByteType}, 16-bit {@link UnsignedShortType}, float
 * {@link FloatType}. A 12-bit camera stays 16-bit samples; its {@link #significantBits()} (12) is kept here, with
 * the reader's {@link #info()} and metadata.
 *
 * <p>The view is <b>read-only</b>: its pixels are the frames' own buffers (no copy for gray frames, one planar
 * copy for colour ones), and writing through it throws {@link java.nio.ReadOnlyBufferException} rather than
 * changing a cached frame that would silently lose the change when evicted. To edit, copy the frames wanted
 * into an image of one's own (e.g. {@code ArrayImgs} filled with {@code LoopBuilder}). Safe from several
 * threads (each with its own random access or cursor), as the reader is. The view does not own the reader: close
 * the reader when done with the view.
 *
 * <pre>{@code
 * try (SequenceReader reader = Formats.open(Path.of("run.seq"))) {
 *     SequenceImg<UnsignedShortType> img = SequenceImg.of(reader);
 *     RandomAccess<UnsignedShortType> ra = img.randomAccess();
 *     int value = ra.setPositionAndGet(x, y, t).get();
 * }
 * }</pre>
 *
 * @param <T> {@link UnsignedByteType}, {@link UnsignedShortType} or {@link FloatType}, after the frames' sample
 *            type (see {@link #of(SequenceReader)})
 */
public final class SequenceImg<T extends NativeType<T> & RealType<T>> extends LazyCellImg<T, DataAccess> {

    private final SequenceReader reader;
    private final FrameCache<Cell<DataAccess>> cache;

    private SequenceImg(SequenceReader reader, FrameCache<Cell<DataAccess>> cache, T type) {
        super(grid(reader.info()), type, index -> cache.getUnchecked(Math.toIntExact(index)));
        this.reader = reader;
        this.cache = cache;
    }

    /**
     * A view of {@code reader} with the default cache: as many frames as fit in 1/16 of the maximum heap, between
     * 2 and 32. The type parameter is the caller's to state, after the reader's sample type: {@code U8} gives
     * {@link UnsignedByteType}, {@code U16} {@link UnsignedShortType}, {@code F32} {@link FloatType} (a wrong one
     * fails with a {@link ClassCastException} at the first pixel, as ImgLib2's own wrappers do).
     */
    public static <T extends NativeType<T> & RealType<T>> SequenceImg<T> of(SequenceReader reader) {
        return of(reader, FrameCache.defaultCapacity(reader.spec().frameBytes()));
    }

    /** A view of {@code reader} that keeps at most {@code cachedFrames} (at least 1) frames in memory. */
    @SuppressWarnings("unchecked")
    public static <T extends NativeType<T> & RealType<T>> SequenceImg<T> of(SequenceReader reader, int cachedFrames) {
        if (reader.frameCount() < 1) {
            throw new IllegalArgumentException("an ImgLib2 view needs at least one frame; this sequence has none");
        }
        packed(reader.spec());
        RealType<?> type = switch (reader.spec().sampleType()) {
            case U8 -> new UnsignedByteType();
            case U16 -> new UnsignedShortType();
            case F32 -> new FloatType();
        };
        FrameSpec spec = reader.spec();
        return new SequenceImg<>(reader, new FrameCache<>(t -> cell(spec, t, reader.read(t)), cachedFrames), (T) type);
    }

    /**
     * {@code spec} when its samples are interleaved per pixel (gray, RGB, RGBA): planar Y'CbCr frames, the layout
     * a video path may carry, have no ImageJ or ImgLib2 type and are refused (a video reader's {@code read} gives RGB).
     */
    static FrameSpec packed(FrameSpec spec) {
        if (spec.pixelType().isPlanar()) {
            throw new IllegalArgumentException(spec.pixelType() + " frames are planar Y'CbCr; ImageJ and ImgLib2 take"
                    + " gray, RGB or RGBA frames: convert them first (e.g. with the rgb transform)");
        }
        return spec;
    }

    private static CellGrid grid(SequenceInfo info) {
        FrameSpec s = info.spec();
        if (s.channels() == 1) {
            return new CellGrid(new long[] {s.width(), s.height(), info.frameCount()},
                    new int[] {s.width(), s.height(), 1});
        }
        return new CellGrid(new long[] {s.width(), s.height(), s.channels(), info.frameCount()},
                new int[] {s.width(), s.height(), s.channels(), 1});
    }

    /** The reader this view reads from (still the caller's to close). */
    public SequenceReader reader() {
        return reader;
    }

    /** The reader's standard properties and format metadata. */
    public SequenceInfo info() {
        return reader.info();
    }

    /** The spec of every frame, with its significant bits. */
    public FrameSpec spec() {
        return reader.spec();
    }

    /** Significant bits per sample: e.g. 12 for a 12-bit camera, whose samples are still 16-bit. */
    public int significantBits() {
        return reader.spec().significantBits();
    }

    /** The time axis: the last one (2 for gray frames, 3 for colour). */
    public int frameAxis() {
        return numDimensions() - 1;
    }

    /** The channel axis (2) for colour frames; empty for gray ones. */
    public OptionalInt channelAxis() {
        return numDimensions() == 4 ? OptionalInt.of(2) : OptionalInt.empty();
    }

    /** How many frames the cache keeps. */
    public int cachedFrames() {
        return cache.capacity();
    }

    /** Drops the cached frames (e.g. to give their memory back while the view stays in use). */
    public void clearCache() {
        cache.clear();
    }

    /** The cell of one frame: its pixels, read-only, planar per channel. */
    private static Cell<DataAccess> cell(FrameSpec spec, int t, Frame frame) {
        ByteBuffer pixels = spec.channels() == 1 ? frame.buffer() : planar(spec, frame);
        ByteBuffer readOnly = pixels.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
        DataAccess access = switch (spec.sampleType()) {
            case U8 -> new ByteBufferAccess(readOnly, true);
            case U16 -> new ShortBufferAccess(readOnly, true);
            case F32 -> new FloatBufferAccess(readOnly, true);
        };
        if (spec.channels() == 1) {
            return new Cell<>(new int[] {spec.width(), spec.height(), 1}, new long[] {0, 0, t}, access);
        }
        return new Cell<>(new int[] {spec.width(), spec.height(), spec.channels(), 1}, new long[] {0, 0, 0, t},
                access);
    }

    /** The interleaved samples (RGBRGB...) as planes (RR..GG..BB..), ImgLib2's x, y, c order. */
    private static ByteBuffer planar(FrameSpec spec, Frame frame) {
        int bytes = spec.sampleType().bytes();
        int channels = spec.channels();
        int pixels = spec.width() * spec.height();
        byte[] src = new byte[spec.frameBytes()];
        frame.buffer().get(src);
        byte[] dst = new byte[src.length];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                int from = (p * channels + c) * bytes;
                int to = (c * pixels + p) * bytes;
                for (int b = 0; b < bytes; b++) {
                    dst[to + b] = src[from + b];
                }
            }
        }
        return ByteBuffer.wrap(dst).order(ByteOrder.nativeOrder());
    }
}
