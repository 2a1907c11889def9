package org.easimage.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One 2D frame: pixels described by a {@link FrameSpec}, the frame's index in its sequence and, where the source
 * records one, its timestamp (a UTC instant with microsecond precision or better).
 *
 * <p>Pixels are one tightly packed buffer, row-major, channels interleaved in RGB(A) order, 16-bit and float
 * samples in native byte order. The buffer is either a heap array ({@link Frames#allocate}, the default: cheap to
 * allocate and reclaim when streaming) or direct memory ({@link Frames#allocateDirect}), which OpenCV and FFmpeg
 * address without copying; native code copies a heap frame once (about 0.05 ms per MiB). A frame handed out by a reader belongs to the caller: readers never reuse or later modify it.
 * The buffer is mutable on purpose (transforms may work in place on a frame they own); the index and timestamp are
 * not.
 */
public final class Frame {

    private final FrameSpec spec;
    private final ByteBuffer data;
    private final int index;
    private final Instant timestamp;

    /**
     * Wraps {@code data} without copying. The buffer must hold exactly {@code spec.frameBytes()} bytes from
     * position 0 (its position and limit are ignored; its capacity must be at least that).
     */
    public Frame(FrameSpec spec, ByteBuffer data, int index, Instant timestamp) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        if (data.capacity() < spec.frameBytes()) {
            throw new IllegalArgumentException("buffer of " + data.capacity() + " bytes is too small for "
                    + spec + " (" + spec.frameBytes() + " bytes)");
        }
        this.data = data.duplicate().clear().limit(spec.frameBytes()).order(ByteOrder.nativeOrder());
        this.index = index;
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

    /** The acquisition or presentation time, when the source records one. */
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

    /** Sample value at (x, y), channel c, as a double (unsigned for integer types). */
    public double sample(int x, int y, int c) {
        int i = (y * spec.width() + x) * spec.channels() + c;
        return switch (spec.sampleType()) {
            case U8 -> data.get(i) & 0xFF;
            case U16 -> data.getShort(i * 2) & 0xFFFF;
            case F32 -> data.getFloat(i * 4);
        };
    }

    /** Sets the sample at (x, y), channel c; integer types are rounded and saturated to their range. */
    public void setSample(int x, int y, int c, double value) {
        int i = (y * spec.width() + x) * spec.channels() + c;
        switch (spec.sampleType()) {
            case U8 -> data.put(i, (byte) Frames.saturate(value, 255));
            case U16 -> data.putShort(i * 2, (short) Frames.saturate(value, 65535));
            case F32 -> data.putFloat(i * 4, (float) value);
        }
    }

    /** The same pixels (shared, not copied) with another index. */
    public Frame withIndex(int newIndex) {
        return new Frame(spec, data, newIndex, timestamp);
    }

    /** The same pixels (shared, not copied) with another timestamp ({@code null} for none). */
    public Frame withTimestamp(Instant newTimestamp) {
        return new Frame(spec, data, index, newTimestamp);
    }

    /** The same pixels (shared) with another spec of the same byte size, e.g. to relabel significant bits. */
    public Frame withSpec(FrameSpec newSpec) {
        if (newSpec.frameBytes() != spec.frameBytes()) {
            throw new IllegalArgumentException("cannot relabel " + spec + " as " + newSpec + ": sizes differ");
        }
        return new Frame(newSpec, data, index, timestamp);
    }

    /** A deep copy in a new buffer of the same kind (heap or direct). */
    public Frame copy() {
        ByteBuffer dst = data.isDirect() ? Frames.allocateDirectBuffer(spec.frameBytes())
                : Frames.allocateBuffer(spec.frameBytes());
        dst.put(buffer());
        return new Frame(spec, dst, index, timestamp);
    }

    /** True when both frames have the same layout and identical pixel bytes (index and timestamp ignored). */
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
        return "Frame[" + index + ", " + spec + (timestamp != null ? ", " + timestamp : "") + "]";
    }
}
