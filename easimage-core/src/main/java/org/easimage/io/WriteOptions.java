package org.easimage.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to create a sequence. Size and pixel type are not options: a writer learns them from the first frame.
 *
 * @param format    the format to use by name; {@code null} to choose by the path's extension
 * @param overwrite what to do when the destination exists
 * @param frameRate nominal frame rate to record; {@code null} for the input's, or the format's default
 * @param quality   1..100 for lossy codecs (100 best); {@code null} for the format's default
 * @param warnings  receives non-fatal notices (e.g. a frame padded to a size the codec accepts)
 * @param extras    format-specific options; each format picks its own class with {@link #get}
 */
public record WriteOptions(String format, Overwrite overwrite, Rational frameRate, Integer quality,
        Consumer<String> warnings, List<FormatOptions> extras) {

    /**
     * The slowest frame rate a writer takes: one frame per 10^6 s (11.6 days), beyond any time-lapse; slower is a
     * typing mistake.
     */
    public static final Rational MIN_FRAME_RATE = Rational.of(1, 1_000_000);

    /**
     * The fastest frame rate a writer takes: 10^9 frames/s, a frame period of 1 ns, above the fastest cameras
     * (10^7 frames/s) and still a 32-bit time base for FFmpeg.
     */
    public static final Rational MAX_FRAME_RATE = Rational.of(1_000_000_000);

    public WriteOptions {
        Objects.requireNonNull(overwrite, "overwrite");
        Objects.requireNonNull(warnings, "warnings");
        if (quality != null && (quality < 1 || quality > 100)) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
        extras = List.copyOf(extras);
    }

    /** Format from the extension, never overwrite, format defaults, warnings to stderr. */
    public static WriteOptions defaults() {
        return new WriteOptions(null, Overwrite.NEVER, null, null, ReadOptions.STDERR_WARNINGS, List.of());
    }

    public WriteOptions withFormat(String name) {
        return new WriteOptions(name, overwrite, frameRate, quality, warnings, extras);
    }

    public WriteOptions withOverwrite(Overwrite o) {
        return new WriteOptions(format, o, frameRate, quality, warnings, extras);
    }

    public WriteOptions withFrameRate(Rational r) {
        return new WriteOptions(format, overwrite, r, quality, warnings, extras);
    }

    public WriteOptions withQuality(Integer q) {
        return new WriteOptions(format, overwrite, frameRate, q, warnings, extras);
    }

    public WriteOptions withWarnings(Consumer<String> listener) {
        return new WriteOptions(format, overwrite, frameRate, quality, listener, extras);
    }

    /** These options plus {@code extra} (replacing any earlier options of the same class). */
    public WriteOptions with(FormatOptions extra) {
        List<FormatOptions> l = new ArrayList<>(extras);
        l.removeIf(o -> o.getClass() == extra.getClass());
        l.add(extra);
        return new WriteOptions(format, overwrite, frameRate, quality, warnings, l);
    }

    /** The format options of the given class, if present. */
    public <T extends FormatOptions> Optional<T> get(Class<T> type) {
        return extras.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Refuses a {@link #quality()} where it does nothing (a lossless format or codec): options that do not apply are
     * errors, not silently ignored. {@code why} says what the output stores instead.
     */
    public void refuseQuality(java.nio.file.Path path, String why) throws UnsupportedOutputException {
        if (quality != null) {
            throw new UnsupportedOutputException(path, "a quality setting does not apply: " + why);
        }
    }

    /** The frame rate to record: this option's, else {@code fallback}. */
    public Rational frameRateOr(Rational fallback) {
        return frameRate != null ? frameRate : fallback;
    }
}
