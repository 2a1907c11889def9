package org.easimage.imagej;

import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;

/**
 * A sequence as an ImageJ virtual stack: {@code getProcessor(n)} reads the frame behind slice n (1-based) through
 * the {@link SequenceReader} when it is shown, keeping the last few frames in a bounded cache, so a recording of
 * any length opens at once in the memory of a few frames.
 *
 * <p>Slices: one per frame for gray frames (8-bit {@link ByteProcessor}, 16-bit {@link ShortProcessor}, float
 * {@link FloatProcessor}) and 8-bit RGB ({@link ColorProcessor}); the other colour frames (RGBA, 16-bit and float
 * RGB) give one slice per channel, frame-major, for a {@code CompositeImage} of 3 or 4 channels, so that no sample
 * is dropped or rescaled. Each slice's label is its frame's time ({@code 0.033797 s}) when the source states it.
 * Edits to a slice are not kept (as with every ImageJ virtual stack); deleting slices is.
 *
 * <p>{@link #close()} closes the reader. A stack opened from a file ({@link ImageJSequences#open}) reopens it if
 * read again after that, e.g. when another image shares the stack.
 */
public final class SequenceStack extends VirtualStack implements Closeable {

    private final FrameSpec spec;
    private final int frameCount;
    private final int planesPerFrame;
    private final Path file;
    private final FrameCache<Frame> frames;
    private SequenceReader reader; // guarded by this; null once closed
    private int[] planes; // slice - 1 -> plane (frame * planesPerFrame + channel); null while none was deleted

    /**
     * A stack over {@code reader}, caching as many frames as fit in 1/16 of the maximum heap (2 to 32).
     *
     * @throws IllegalArgumentException if the reader has no frame, or more planes than a stack can hold
     */
    public SequenceStack(SequenceReader reader) {
        this(reader, FrameCache.defaultCapacity(reader.spec().frameBytes()), null);
    }

    /** A stack over {@code reader} keeping at most {@code cachedFrames} (at least 1) frames in memory. */
    public SequenceStack(SequenceReader reader, int cachedFrames) {
        this(reader, cachedFrames, null);
    }

    SequenceStack(SequenceReader reader, int cachedFrames, Path file) {
        super(SequenceImg.packed(reader.spec()).width(), reader.spec().height(), 0);
        this.reader = reader;
        this.spec = reader.spec();
        this.frameCount = reader.frameCount();
        this.file = file;
        this.planesPerFrame = planesPerFrame(spec.pixelType());
        if (frameCount < 1) {
            throw new IllegalArgumentException("an ImageJ stack needs at least one frame; this sequence has none");
        }
        if ((long) frameCount * planesPerFrame > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(frameCount + " frames of " + planesPerFrame
                    + " channels are more slices than an ImageJ stack can hold");
        }
        this.frames = new FrameCache<>(t -> reader().read(t), cachedFrames);
        setBitDepth(switch (spec.pixelType()) {
            case RGB24 -> 24;
            default -> spec.sampleType().bits();
        });
    }

    /** Slices per frame: 1 for gray and 8-bit RGB, else one per channel. */
    static int planesPerFrame(PixelType type) {
        return type.isGray() || type == PixelType.RGB24 ? 1 : type.channels();
    }

    /** The reader behind the stack (reopened from its file if it was closed and there is one). */
    public synchronized SequenceReader reader() {
        if (reader == null) {
            if (file == null) {
                throw new IllegalStateException("this stack was closed: its reader is closed");
            }
            try {
                SequenceReader again = Formats.open(file);
                if (again.frameCount() != frameCount || !again.spec().sameLayout(spec)) {
                    again.close();
                    throw new EasimageException(file, "changed since it was opened: now " + again.frameCount()
                            + " frames of " + again.spec() + ", was " + frameCount + " of " + spec);
                }
                reader = again;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reader;
    }

    /** The frames' spec (size, pixel type, significant bits). */
    public FrameSpec spec() {
        return spec;
    }

    /** Slices per frame: 1, or the channel count for frames shown as a composite (see the class comment). */
    public int planesPerFrame() {
        return planesPerFrame;
    }

    /** The index (0-based) of the frame slice {@code n} (1-based) shows. */
    public int frameOf(int n) {
        return plane(n) / planesPerFrame;
    }

    private synchronized int plane(int n) {
        Objects.checkIndex(n - 1, getSize());
        return planes == null ? n - 1 : planes[n - 1];
    }

    @Override
    public synchronized int getSize() {
        return planes == null ? frameCount * planesPerFrame : planes.length;
    }

    @Override
    public synchronized void deleteSlice(int n) {
        Objects.checkIndex(n - 1, getSize());
        if (planes == null) {
            planes = new int[getSize()];
            Arrays.setAll(planes, i -> i);
        }
        int[] fewer = new int[planes.length - 1];
        System.arraycopy(planes, 0, fewer, 0, n - 1);
        System.arraycopy(planes, n, fewer, n - 1, planes.length - n);
        planes = fewer;
    }

    @Override
    public void deleteLastSlice() {
        if (getSize() > 0) {
            deleteSlice(getSize());
        }
    }

    /**
     * A new processor with slice {@code n}'s pixels (1-based). A frame that cannot be read fails with an
     * {@link UncheckedIOException} naming the file and frame, never with blank or invented pixels.
     */
    @Override
    public ImageProcessor getProcessor(int n) {
        int plane = plane(n);
        Frame frame = frames.getUnchecked(plane / planesPerFrame);
        return processor(frame, plane % planesPerFrame);
    }

    private ImageProcessor processor(Frame frame, int channel) {
        int w = spec.width();
        int h = spec.height();
        int pixels = w * h;
        int channels = spec.channels();
        if (spec.pixelType() == PixelType.RGB24) {
            ByteBuffer b = frame.buffer();
            int[] rgb = new int[pixels];
            for (int p = 0; p < pixels; p++) {
                int i = 3 * p;
                rgb[p] = 0xFF000000 | (b.get(i) & 0xFF) << 16 | (b.get(i + 1) & 0xFF) << 8 | (b.get(i + 2) & 0xFF);
            }
            return new ColorProcessor(w, h, rgb);
        }
        return switch (spec.sampleType()) {
            case U8 -> {
                ByteBuffer b = frame.buffer();
                byte[] out = new byte[pixels];
                if (channels == 1) {
                    b.get(out);
                } else {
                    for (int p = 0; p < pixels; p++) {
                        out[p] = b.get(p * channels + channel);
                    }
                }
                yield new ByteProcessor(w, h, out);
            }
            case U16 -> {
                ShortBuffer s = frame.shorts();
                short[] out = new short[pixels];
                if (channels == 1) {
                    s.get(out);
                } else {
                    for (int p = 0; p < pixels; p++) {
                        out[p] = s.get(p * channels + channel);
                    }
                }
                yield new ShortProcessor(w, h, out, null);
            }
            case F32 -> {
                FloatBuffer f = frame.floats();
                float[] out = new float[pixels];
                if (channels == 1) {
                    f.get(out);
                } else {
                    for (int p = 0; p < pixels; p++) {
                        out[p] = f.get(p * channels + channel);
                    }
                }
                yield new FloatProcessor(w, h, out);
            }
        };
    }

    /**
     * Slice {@code n}'s frame time in seconds ({@code 0.033797 s}), or {@code null} when the source states none.
     * Taken from the cached frame when there is one, else asked of the reader (which most formats answer without
     * decoding pixels).
     */
    @Override
    public String getSliceLabel(int n) {
        int t = frameOf(n);
        try {
            Frame cached = frames.peek(t);
            Optional<Duration> time = cached != null ? cached.time() : reader().time(t);
            return time.map(d -> Times.seconds(d).toPlainString() + " s").orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Labels are the frames' times: they are not replaced. */
    @Override
    public void setSliceLabel(String label, int n) {
    }

    /** The folder of the file this stack reads, when it was opened from one (ImageJ shows it in Image>Show Info). */
    @Override
    public String getDirectory() {
        return file == null || file.toAbsolutePath().getParent() == null ? null
                : file.toAbsolutePath().getParent() + java.io.File.separator;
    }

    /** The name of the file every slice comes from, when the stack was opened from a file. */
    @Override
    public String getFileName(int n) {
        return file == null || file.getFileName() == null ? null : file.getFileName().toString();
    }

    /** Closes the reader and drops the cached frames. */
    @Override
    public void close() throws IOException {
        SequenceReader r;
        synchronized (this) {
            r = reader;
            reader = null;
        }
        frames.clear();
        if (r != null) {
            r.close();
        }
    }
}
