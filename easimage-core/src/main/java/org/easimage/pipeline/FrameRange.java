package org.easimage.pipeline;

/**
 * Frames {@code start, start+step, ...} below {@code stop}, as in Python's slices; {@code stop} may be
 * {@link #END} for "to the last frame", and negative start/stop count from the end.
 *
 * @param start first frame (negative: from the end)
 * @param stop  exclusive end (negative: from the end; {@link #END}: the sequence's length)
 * @param step  positive stride
 */
public record FrameRange(int start, int stop, int step) {

    /** Marks "up to the end of the sequence". */
    public static final int END = Integer.MAX_VALUE;

    /** Every frame. */
    public static final FrameRange ALL = new FrameRange(0, END, 1);

    public FrameRange {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
    }

    /**
     * Parses {@code a:b}, {@code a:b:step}, {@code a:}, {@code :b}, {@code ::step} or a single index {@code a}.
     *
     * @throws IllegalArgumentException with a message showing the expected syntax
     */
    public static FrameRange parse(String text) {
        String t = text.trim();
        String[] parts = t.split(":", -1);
        try {
            if (parts.length == 1) {
                int i = Integer.parseInt(parts[0].trim());
                return new FrameRange(i, i == -1 ? END : i + 1, 1);
            }
            if (parts.length > 3) {
                throw new NumberFormatException();
            }
            int a = parts[0].isBlank() ? 0 : Integer.parseInt(parts[0].trim());
            int b = parts[1].isBlank() ? END : Integer.parseInt(parts[1].trim());
            int s = parts.length == 3 && !parts[2].isBlank() ? Integer.parseInt(parts[2].trim()) : 1;
            return new FrameRange(a, b, s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad frame range '" + text + "': expected START:STOP[:STEP], e.g. 0:100 or 10::2");
        }
    }

    /** Resolves against a sequence of {@code count} frames: {start, stop} within [0, count]. */
    public int[] resolve(int count) {
        int a = start < 0 ? Math.max(0, count + start) : Math.min(start, count);
        int b = stop == END ? count : stop < 0 ? Math.max(0, count + stop) : Math.min(stop, count);
        if (b <= a) {
            throw new IllegalArgumentException("frame range " + this + " selects no frame of a sequence of "
                    + count + " frames");
        }
        return new int[] {a, b};
    }

    /** Number of frames selected from a sequence of {@code count} frames. */
    public int size(int count) {
        int[] r = resolve(count);
        return (r[1] - r[0] + step - 1) / step;
    }

    @Override
    public String toString() {
        return start + ":" + (stop == END ? "" : Integer.toString(stop)) + (step == 1 ? "" : ":" + step);
    }
}
