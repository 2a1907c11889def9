package org.easimage.compose;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.easimage.io.Rational;
import org.easimage.io.Times;

/**
 * Where every cell's source sits on the mosaic's timeline, and the output frames: the rule of
 * {@link Mosaic.Sync}, computed once.
 *
 * <p>Each source has a zero: its first frame (a plot: its own time zero). In {@link Mode#ABSOLUTE} the zero sits
 * at its first frame's timestamp, in {@link Mode#START} at the timeline's start; either way moved by the cell's
 * offset. At output time {@code T} a source is at its own time {@code (T - start) * rate}. The output spans
 * every source that has an end, from the earliest start to the latest end, at {@code fps}: frame k at k / fps.
 */
final class Timeline {

    /** How the sources were placed. */
    enum Mode { ABSOLUTE, START }

    private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);

    final Mode mode;
    /** ABSOLUTE: the instant of output time zero; START: null. */
    final Instant origin;
    /** Per cell: where its zero sits on the output timeline (output frame 0 at zero); may be negative. */
    final Duration[] starts;
    final Rational fps;
    final int frameCount;

    private Timeline(Mode mode, Instant origin, Duration[] starts, Rational fps, int frameCount) {
        this.mode = mode;
        this.origin = origin;
        this.starts = starts;
        this.fps = fps;
        this.frameCount = frameCount;
    }

    /** What the timeline needs of one cell's source. */
    record Source(String name, boolean recording, Optional<Instant> zeroInstant, Optional<Duration> duration,
            Duration offset, Rational rate) {
    }

    static Timeline of(List<Source> sources, Mosaic.Sync sync, Rational fps, Consumer<String> notices) {
        List<Source> recordings = sources.stream().filter(Source::recording).toList();
        boolean allStamped = !recordings.isEmpty() && recordings.stream().allMatch(s -> s.zeroInstant.isPresent());
        Mode mode = switch (sync) {
            case START -> Mode.START;
            case ABSOLUTE -> {
                for (Source s : recordings) {
                    if (s.zeroInstant.isEmpty()) {
                        throw new IllegalArgumentException("cannot synchronise on timestamps: " + s.name
                                + " states none (use the sync 'start' to align the sources on their first frames)");
                    }
                }
                if (recordings.isEmpty()) {
                    throw new IllegalArgumentException("cannot synchronise on timestamps: no source is a recording");
                }
                yield Mode.ABSOLUTE;
            }
            case AUTO -> {
                if (!allStamped) {
                    yield Mode.START;
                }
                if (!overlap(recordings)) {
                    notices.accept("the recordings' timestamps do not overlap in time (recorded apart): each is "
                            + "shown from its own first frame (sync 'absolute' keeps their real times)");
                    yield Mode.START;
                }
                yield Mode.ABSOLUTE;
            }
        };
        Instant reference = null;
        if (mode == Mode.ABSOLUTE) {
            reference = recordings.stream().map(s -> s.zeroInstant.get()).min(Instant::compareTo).get();
        }
        Duration[] zero = new Duration[sources.size()];
        Duration first = null;
        Duration last = null;
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            Duration z = s.offset;
            if (reference != null && s.zeroInstant.isPresent()) {
                z = z.plus(Duration.between(reference, s.zeroInstant.get()));
            }
            zero[i] = z;
            if (s.duration.isPresent()) {
                Duration end = z.plus(scale(s.duration.get(), s.rate.inverse()));
                first = first == null || z.compareTo(first) < 0 ? z : first;
                last = last == null || end.compareTo(last) > 0 ? end : last;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("a mosaic needs at least one source with an end (a recording, or a "
                    + "plot with a duration) to know how long it lasts");
        }
        Duration[] starts = new Duration[zero.length];
        for (int i = 0; i < zero.length; i++) {
            starts[i] = zero[i].minus(first);
        }
        Duration span = last.minus(first);
        Instant origin = reference == null ? null : reference.plus(first);
        return new Timeline(mode, origin, starts, fps, frames(span, fps));
    }

    /** True when all sources are running at some instant: the latest start is before the earliest end. */
    private static boolean overlap(List<Source> recordings) {
        Instant latestStart = null;
        Instant earliestEnd = null;
        for (Source s : recordings) {
            Instant start = s.zeroInstant.get().plus(s.offset);
            Instant end = start.plus(scale(s.duration.orElse(Duration.ZERO), s.rate.inverse()));
            latestStart = latestStart == null || start.isAfter(latestStart) ? start : latestStart;
            earliestEnd = earliestEnd == null || end.isBefore(earliestEnd) ? end : earliestEnd;
        }
        return latestStart.isBefore(earliestEnd);
    }

    /** The number of output frames k >= 0 whose time k / fps is before {@code span} (at least 1). */
    static int frames(Duration span, Rational fps) {
        BigInteger num = nanos(span).multiply(BigInteger.valueOf(fps.numerator()));
        BigInteger den = NANOS.multiply(BigInteger.valueOf(fps.denominator()));
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger n = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        if (n.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("the mosaic would have " + n + " frames (" + Times.seconds(span)
                    + " s at " + fps + " fps), more than a sequence can index");
        }
        int count = Math.max(1, n.intValue());
        while (count > 1 && Times.atIndex(count - 1, fps).compareTo(span) >= 0) {
            count--; // k / fps rounded up to the nanosecond may reach the end
        }
        return count;
    }

    /** Output frame k's time from the first output frame. */
    Duration time(int k) {
        return Times.atIndex(k, fps);
    }

    /** Cell i's own time at output time {@code t}: {@code (t - start) * rate}, rounded down to the nanosecond. */
    Duration local(int cell, Duration t, Rational rate) {
        return scale(t.minus(starts[cell]), rate);
    }

    /** The index of the last frame at or before {@code t} (>= 0) in a sequence of constant {@code rate}. */
    static long floorIndex(Duration t, Rational rate) {
        return nanos(t).multiply(BigInteger.valueOf(rate.numerator()))
                .divide(NANOS.multiply(BigInteger.valueOf(rate.denominator()))).longValueExact();
    }

    /** {@code d * r}, rounded down (towards earlier) to the nanosecond. */
    static Duration scale(Duration d, Rational r) {
        if (r.numerator() == 1 && r.denominator() == 1) {
            return d;
        }
        BigInteger[] qr = nanos(d).multiply(BigInteger.valueOf(r.numerator()))
                .divideAndRemainder(BigInteger.valueOf(r.denominator()));
        BigInteger n = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        BigInteger[] s = n.divideAndRemainder(NANOS);
        return Duration.ofSeconds(s[0].longValueExact(), s[1].longValueExact());
    }

    private static BigInteger nanos(Duration d) {
        return BigInteger.valueOf(d.getSeconds()).multiply(NANOS).add(BigInteger.valueOf(d.getNano()));
    }
}
