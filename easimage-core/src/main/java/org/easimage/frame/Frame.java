package org.easimage.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One 2D frame: pixels described by a {@link FrameSpec}, the frame's index in its sequence and, where the source
 * states them, two distinct times that are never mixed:
 * <ul>
 *   <li>{@link #time()}: when the frame is presented, measured from the first frame of the recording it comes from
 *       (whose time is zero), exact to the source's resolution (per-frame stamps, video pts, GIF delays, or
 *       index / stated frame rate);</li>
 *   <li>{@link #timestamp()}: the absolute UTC instant it was acquired, only when the source really states one
 *       (never invented: no "now", no 1970 for "unknown").</li>
 * </ul>
 *
 * <p>Pixels are one tightly packed buffer, row-major, channels interleaved in RGB(A) order, 16-bit and float
 * samples in native byte order. The buffer is either a heap array ({@link Frames#allocate}, the default: cheap to
 * allocate and reclaim when streaming) or direct memory ({@link Frames#allocateDirect}), which OpenCV and FFmpeg
 * address without copying; native code copies a heap frame once (about 0.05 ms per MiB). A frame handed out by a reader belongs to the caller: readers never reuse or later modify it.
 * The buffer is mutable on purpose (transforms may work in place on a frame they own); the index and times are
 * not. Factories in {@link Frames} make frames without times; readers add them with {@link #withTime} and
 * {@link #withTimestamp}, transforms carry them over with {@link #withPositionOf}.
 */
public final class Frame {

    private final FrameSpec spec;
    private final ByteBuffer data;
    private final int index;
    private final Duration time;
    private final Instant timestamp;

    /**
     * Wraps {@code data} without copying. The buffer must hold exactly {@code spec.frameBytes()} bytes from
     * position 0 (its position and limit are ignored; its capacity must be at least that).
     *
     * @param time      time since the recording's first frame, or {@code null} when the source states none
     * @param timestamp absolute acquisition instant, or {@code null} when the source states none
     */
    public Frame(FrameSpec spec, ByteBuffer data, int index, Duration time, Instant timestamp) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        if (data.capacity() < spec.frameBytes()) {
            throw new IllegalArgumentException("buffer of " + data.capacity() + " bytes is too small for "
                    + spec + " (" + spec.frameBytes() + " bytes)");
        }
        this.data = data.duplicate().clear().limit(spec.frameBytes()).order(ByteOrder.nativeOrder());
        this.index = index;
        this.time = time;
        this.timestamp = timestamp;
    }

    public FrameSpec spec() {
        return spec;
    }

    public int width() {
        return spec.width();
    }

    public int height() {
        return spec.height();
    }

    public int channels() {
        return spec.channels();
    }

    public PixelType pixelType() {
        return spec.pixelType();
    }

    /** Position of this frame in the sequence it came from (0-based), or -1 when it has none. */
    public int index() {
        return index;
    }

    /**
     * When this frame is presented, measured from the first frame of its recording (zero for that frame), when the
     * source states it (per-frame stamps, pts, delays or a frame rate). A view such as a slice keeps the source's
     * times, so its first frame need not be at zero.
     */
    public Optional<Duration> time() {
        return Optional.ofNullable(time);
    }

    /** The absolute UTC instant this frame was acquired, only when the source states one. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /**
     * The pixels as a fresh view (position 0, limit = frame bytes, native order) over the shared storage:
     * writes through it change this frame.
     */
    public ByteBuffer buffer() {
        return data.duplicate().order(ByteOrder.nativeOrder());
    }

    /** 16-bit samples as a view; only for U16 frames. */
    public ShortBuffer shorts() {
        requireSampleType(SampleType.U16);
        return buffer().asShortBuffer();
    }

    /** Float samples as a view; only for F32 frames. */
    public FloatBuffer floats() {
        requireSampleType(SampleType.F32);
        return buffer().asFloatBuffer();
    }

    /** True when the storage is a direct (off-heap) buffer that native code can address. */
    public boolean isDirect() {
        return data.isDirect();
    }

    /**
     * Sample value at (x, y), channel c, as a double (unsigned for integer types). For planar Y'CbCr, channel 0 is
     * Y and 1, 2 are the Cb, Cr samples covering (x, y).
     */
    public double sample(int x, int y, int c) {
        int i = index(x, y, c);
        return switch (spec.sampleType()) {
            case U8 -> data.get(i) & 0xFF;
            case U16 -> data.getShort(i * 2) & 0xFFFF;
            case F32 -> data.getFloat(i * 4);
        };
    }

    /** Sets the sample at (x, y), channel c; integer types are rounded and saturated to their range. */
    public void setSample(int x, int y, int c, double value) {
        int i = index(x, y, c);
        switch (spec.sampleType()) {
            case U8 -> data.put(i, (byte) Frames.saturate(value, 255));
            case U16 -> data.putShort(i * 2, (short) Frames.saturate(value, 65535));
            case F32 -> data.putFloat(i * 4, (float) value);
        }
    }

    /** Index of the sample (in samples, not bytes) at (x, y), channel c. */
    private int index(int x, int y, int c) {
        if (spec.pixelType().isPlanar()) {
            PixelType t = spec.pixelType();
            return c == 0 ? y * spec.width() + x : spec.planeOffset(c) + (y >> t.chromaShiftY()) * spec.planeWidth(c)
                    + (x >> t.chromaShiftX());
        }
        return (y * spec.width() + x) * spec.channels() + c;
    }

    /** The same pixels (shared, not copied) with another index. */
    public Frame withIndex(int newIndex) {
        return new Frame(spec, data, newIndex, time, timestamp);
    }

    /** The same pixels (shared, not copied) with another time since the first frame ({@code null} for none). */
    public Frame withTime(Duration newTime) {
        return new Frame(spec, data, index, newTime, timestamp);
    }

    /** The same pixels (shared, not copied) with another absolute timestamp ({@code null} for none). */
    public Frame withTimestamp(Instant newTimestamp) {
        return new Frame(spec, data, index, time, newTimestamp);
    }

    /**
     * The same pixels (shared, not copied) with {@code source}'s index, time and timestamp: a transform's output
     * takes the place of its input in the sequence.
     */
    public Frame withPositionOf(Frame source) {
        if (index == source.index && Objects.equals(time, source.time) && Objects.equals(timestamp, source.timestamp)) {
            return this; // already there: a transform's output usually is, and a frame is immutable
        }
        return new Frame(spec, data, source.index, source.time, source.timestamp);
    }

    /** The same pixels (shared) with another spec of the same byte size, e.g. to relabel significant bits. */
    public Frame withSpec(FrameSpec newSpec) {
        if (newSpec.frameBytes() != spec.frameBytes()) {
            throw new IllegalArgumentException("cannot relabel " + spec + " as " + newSpec + ": sizes differ");
        }
        return new Frame(newSpec, data, index, time, timestamp);
    }

    /** A deep copy in a new buffer of the same kind (heap or direct). */
    public Frame copy() {
        ByteBuffer dst = data.isDirect() ? Frames.allocateDirectBuffer(spec.frameBytes())
                : Frames.allocateBuffer(spec.frameBytes());
        dst.put(buffer());
        return new Frame(spec, dst, index, time, timestamp);
    }

    /** True when both frames have the same layout and identical pixel bytes (index and times ignored). */
    public boolean pixelsEqual(Frame other) {
        return spec.sameLayout(other.spec) && buffer().equals(other.buffer());
    }

    private void requireSampleType(SampleType t) {
        if (spec.sampleType() != t) {
            throw new IllegalStateException("frame holds " + spec.sampleType() + " samples, not " + t);
        }
    }

    @Override
    public String toString() {
        return "Frame[" + index + ", " + spec + (time != null ? ", t=" + time : "")
                + (timestamp != null ? ", " + timestamp : "") + "]";
    }
}
