package org.easimage.transform;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import org.easimage.frame.IntoTransform;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;

/**
 * A transform that maps every sample through one function of its value (alpha, when present, is kept).
 * For 8 and 16-bit frames the function is tabulated once into a lookup table of 256 or 65536 entries (a table
 * beats per-sample arithmetic on Java 17), whose results are rounded and saturated to the frame's range
 * (0..2^significantBits-1). Float samples are mapped directly, with 1.0 as full scale and no clipping unless
 * the function clips.
 */
public abstract class PointTransform implements IntoTransform {

    private final Map<Integer, short[]> luts = new ConcurrentHashMap<>();

    /**
     * The function for this frame, from a sample value in 0..max (max = full scale of the frame) to the new value.
     * Called once per frame (or once per significant-bit depth when {@link #constantMapping()} is true).
     */
    protected abstract DoubleUnaryOperator mapping(Frame input, double max);

    /** True when {@link #mapping} does not depend on the frame's content, so its tables can be cached. */
    protected boolean constantMapping() {
        return true;
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        return input;
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        FrameSpec s = input.spec();
        if (!output.spec().sameLayout(s)) {
            throw new IllegalArgumentException(describe() + ": output frame " + output.spec() + " should be " + s);
        }
        Frame out = output.withSpec(s).withPositionOf(input);
        int channels = s.channels();
        boolean alpha = channels == 4;
        double max = s.maxSampleValue();
        switch (s.sampleType()) {
            case U8 -> {
                short[] lut = lut(input, 255, max);
                byte[] table = new byte[256];
                for (int v = 0; v < 256; v++) {
                    table[v] = (byte) lut[v];
                }
                mapBytes(input.buffer(), out.buffer(), s.frameBytes(), table, alpha);
            }
            case U16 -> {
                short[] lut = lut(input, 65535, max);
                mapShorts(input.shorts(), out.shorts(), s.frameBytes() / 2, lut, alpha);
            }
            case F32 -> {
                DoubleUnaryOperator f = mapping(input, 1.0);
                float[] px = Frames.toFloats(input);
                for (int i = 0; i < px.length; i++) {
                    px[i] = (float) f.applyAsDouble(px[i]);
                }
                out.buffer().asFloatBuffer().put(px);
            }
        }
        return out;
    }

    /**
     * Bytes through a table, a block at a time through one small array: bulk copies in and out of the frames'
     * (usually direct) buffers, a plain array loop between. Copying the whole frame into a new array, as this did,
     * allocated a frame's worth of garbage per frame; testing for alpha per sample kept the loop from unrolling.
     */
    private static void mapBytes(ByteBuffer in, ByteBuffer out, int n, byte[] table, boolean alpha) {
        byte[] block = new byte[Math.min(n, BLOCK)];
        for (int at = 0; at < n; at += block.length) {
            int len = Math.min(block.length, n - at);
            in.get(at, block, 0, len);
            if (alpha) {
                for (int i = 0; i < len; i++) {
                    if ((at + i) % 4 != 3) {
                        block[i] = table[block[i] & 0xFF];
                    }
                }
            } else {
                for (int i = 0; i < len; i++) {
                    block[i] = table[block[i] & 0xFF];
                }
            }
            out.put(at, block, 0, len);
        }
    }

    /** 16-bit samples (native order) through a table, as {@link #mapBytes}. */
    private static void mapShorts(ShortBuffer src, ShortBuffer dst, int n, short[] table, boolean alpha) {
        short[] block = new short[Math.min(n, BLOCK / 2)];
        for (int at = 0; at < n; at += block.length) {
            int len = Math.min(block.length, n - at);
            src.get(at, block, 0, len);
            for (int i = 0; i < len; i++) {
                if (!alpha || (at + i) % 4 != 3) {
                    block[i] = table[block[i] & 0xFFFF];
                }
            }
            dst.put(at, block, 0, len);
        }
    }

    /** Bytes per block of {@link #mapBytes}: a multiple of 4 (alpha stays at the same offsets), well inside L1. */
    private static final int BLOCK = 16 * 1024;

    private short[] lut(Frame input, int size, double max) {
        if (!constantMapping()) {
            return table(mapping(input, max), size, max);
        }
        int key = size == 255 ? -input.spec().significantBits() : input.spec().significantBits();
        return luts.computeIfAbsent(key, k -> table(mapping(input, max), size, max));
    }

    /** Entries 0..size of f, saturated to 0..max; inputs above max (out of the significant bits) are clamped. */
    static short[] table(DoubleUnaryOperator f, int size, double max) {
        short[] t = new short[size + 1];
        int m = (int) max;
        for (int v = 0; v <= size; v++) {
            t[v] = (short) Frames.saturate(f.applyAsDouble(Math.min(v, max)), m);
        }
        return t;
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

}
