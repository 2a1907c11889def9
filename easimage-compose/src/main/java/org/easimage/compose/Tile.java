package org.easimage.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.easimage.io.Formats;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.transform.DisplayRange;

/**
 * One cell of a {@link Mosaic}: what it shows (a recording, any reader view such as a transformed reader or
 * another mosaic, or a {@link Plot}) and how: its title, where it sits in time (offset and playback rate), what
 * it shows outside its time range, and how samples that are not 8-bit are made displayable. Immutable; the
 * {@code with...} methods return a changed copy. The mosaic owns the reader and closes it.
 *
 * @param reader  the frames shown, or {@code null} for a plot
 * @param plot    the plot drawn, or {@code null} for a reader
 * @param file    the file the reader was opened from, when known (default title; never written over)
 * @param title   text of the cell's title band, or {@code null} for none
 * @param offset  where the source's zero (first frame, or its timestamp's instant) sits on the mosaic's
 *                timeline: positive delays it, negative advances it
 * @param rate    playback rate: 2 plays the source twice as fast, 1/10 ten times slower
 * @param outside what the cell shows after the source's end (before its start: always the background)
 * @param range   how 16-bit and float samples map to 0..255 (default {@code auto}: one range per source, its
 *                0.1-99.9 percentiles, see {@link DisplayRange})
 * @param colormap 768 bytes (R, G, B of 256 entries) applied to gray sources, or {@code null} for gray
 */
public record Tile(SequenceReader reader, Plot plot, Path file, String title, Duration offset, Rational rate,
        Outside outside, DisplayRange range, byte[] colormap) {

    /** What a cell shows once its source has ended. */
    public enum Outside {
        /** The background colour (the default): the source is plainly over. */
        BACKGROUND,
        /**
         * The source's last frame, held. Before its first frame a cell always shows the background: holding a
         * frame not yet recorded would show something that did not exist then.
         */
        HOLD
    }

    public Tile {
        if ((reader == null) == (plot == null)) {
            throw new IllegalArgumentException("a tile shows either a reader or a plot");
        }
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(rate, "rate");
        if (rate.numerator() <= 0) {
            throw new IllegalArgumentException("a playback rate must be positive, got " + rate);
        }
        Objects.requireNonNull(outside, "outside");
        Objects.requireNonNull(range, "range");
        if (colormap != null && colormap.length != 768) {
            throw new IllegalArgumentException("a colormap is 768 bytes (256 RGB entries), got " + colormap.length);
        }
        colormap = colormap == null ? null : colormap.clone();
    }

    /** A tile showing {@code reader}'s frames, without a title. */
    public static Tile of(SequenceReader reader) {
        return new Tile(Objects.requireNonNull(reader, "reader"), null, null, null, Duration.ZERO, Rational.of(1),
                Outside.BACKGROUND, DisplayRange.auto(), null);
    }

    /** A tile drawing {@code plot} at the cell's size, without a title. */
    public static Tile of(Plot plot) {
        return new Tile(null, Objects.requireNonNull(plot, "plot"), null, null, Duration.ZERO, Rational.of(1),
                Outside.BACKGROUND, DisplayRange.auto(), null);
    }

    /** Opens {@code file} (any readable format) as a tile titled with the file's name. */
    public static Tile open(Path file) throws IOException {
        return open(file, ReadOptions.defaults());
    }

    /** Opens {@code file} with {@code options} as a tile titled with the file's name. */
    public static Tile open(Path file, ReadOptions options) throws IOException {
        SequenceReader r = Formats.open(file, options);
        Path name = file.getFileName();
        return new Tile(r, null, file, name == null ? file.toString() : name.toString(), Duration.ZERO,
                Rational.of(1), Outside.BACKGROUND, DisplayRange.auto(), null);
    }

    public Tile withTitle(String newTitle) {
        return new Tile(reader, plot, file, newTitle, offset, rate, outside, range, colormap);
    }

    public Tile withOffset(Duration newOffset) {
        return new Tile(reader, plot, file, title, newOffset, rate, outside, range, colormap);
    }

    /** The playback rate, positive (e.g. {@code Rational.of(1, 10)} for ten times slower). */
    public Tile withRate(Rational newRate) {
        return new Tile(reader, plot, file, title, offset, newRate, outside, range, colormap);
    }

    public Tile withOutside(Outside newOutside) {
        return new Tile(reader, plot, file, title, offset, rate, newOutside, range, colormap);
    }

    public Tile withRange(DisplayRange newRange) {
        return new Tile(reader, plot, file, title, offset, rate, outside, newRange, colormap);
    }

    /** A colormap for gray sources: 768 bytes, e.g. {@code Colormap.VIRIDIS.rgbTable()}; {@code null} for gray. */
    public Tile withColormap(byte[] rgbTable) {
        return new Tile(reader, plot, file, title, offset, rate, outside, range, rgbTable);
    }

    /** The title, when the tile has one. */
    public Optional<String> titleText() {
        return Optional.ofNullable(title).filter(t -> !t.isEmpty());
    }

    @Override
    public byte[] colormap() {
        return colormap == null ? null : colormap.clone();
    }

    /** The colormap as stored (package use: no copy per frame). */
    byte[] colormapTable() {
        return colormap;
    }

    @Override
    public String toString() {
        return "Tile[" + (reader != null ? reader.info().format() + " " + reader.spec() : "plot")
                + (title != null ? ", '" + title + "'" : "") + ", offset " + offset + ", rate " + rate + "]";
    }
}
