package org.easimage.compose;

import java.awt.Graphics2D;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A picture that depends on time: a {@link Trace} of signals with its cursor, or a user's own chart. A mosaic
 * draws it into its cell at every output frame's time, at the cell's size (so text stays sharp); {@link Plots}
 * turns one into a frame or a sequence.
 *
 * <p>Times are the plot's own: zero is its start (a mosaic places that start like a recording's first frame,
 * with the cell's offset and rate). Implementations are called from one thread at a time per plot.
 */
@FunctionalInterface
public interface Plot {

    /**
     * Draws the plot as it is at time {@code t} into {@code g}, an area of {@code width x height} pixels at the
     * origin that holds the background colour of the mosaic's cells (white unless set) on entry.
     */
    void draw(Graphics2D g, int width, int height, Duration t);

    /** How long the plot lasts from its zero, when it has an end (a trace: its last sample); empty otherwise. */
    default Optional<Duration> duration() {
        return Optional.empty();
    }

    /** The absolute instant of the plot's zero, when its data states one (e.g. a CSV of ISO-8601 times). */
    default Optional<Instant> start() {
        return Optional.empty();
    }
}
