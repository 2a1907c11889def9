package org.easimage.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;

/**
 * Frames selected by time, as ffmpeg's {@code -ss}/{@code -to}/{@code -t} and its {@code trim} filter select
 * them: every frame whose time {@code t} satisfies {@code start <= t < end}, found by binary search on the
 * frames' times ({@link SequenceReader#indexAt}), so no pixel is decoded where the format stores times apart.
 * A single time ({@link #at}) selects the one frame shown then: the last frame at or before it.
 *
 * <p>Each bound is a {@link Point}: either a time since the recording's first frame ({@code 12.5},
 * {@code 00:01:02.5}) or an absolute instant ({@code 2024-03-01T12:00:05.25Z}, only for sources that state
 * acquisition times). A time range selects exactly the frames of the equivalent index {@link FrameRange}.
 *
 * @param start  first time taken (inclusive); {@code null} for the first frame
 * @param end    first time no longer taken (exclusive); {@code null} for the last frame
 * @param single true when this selects the one frame shown at {@code start}
 */
public record TimeRange(Point start, Point end, boolean single) {

    public TimeRange {
        if (single && (start == null || end != null)) {
            throw new IllegalArgumentException("a single-frame time range has a start and no end");
        }
    }

    /** Frames from {@code start} (null: the first) up to, not including, {@code end} (null: to the last). */
    public static TimeRange between(Point start, Point end) {
        return new TimeRange(start, end, false);
    }

    /**
     * Frames from {@code start} (null: the first) lasting {@code duration}: up to, not including,
     * {@code start + duration}.
     */
    public static TimeRange lasting(Point start, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a duration must be positive, got " + Times.seconds(duration) + " s");
        }
        Point s = start == null ? Point.of(Duration.ZERO) : start;
        return new TimeRange(start, s.plus(duration), false);
    }

    /**
     * The one frame shown at time {@code t}: the last frame at or before it, while it is shown (a time after the
     * last frame's display, its time plus its interval, selects none).
     */
    public static TimeRange at(Point t) {
        return new TimeRange(Objects.requireNonNull(t, "t"), null, true);
    }

    /**
     * The selected frames of {@code reader} as {@code {first, stop}} (stop exclusive), the same as the index range
     * {@code first:stop}.
     *
     * @throws IllegalArgumentException when nothing is selected, or a bound is an instant and the source states
     *                                  no acquisition time, or the source states no times at all; the message
     *                                  gives the span of the recording
     */
    public int[] resolve(SequenceReader reader) throws IOException {
        int n = reader.frameCount();
        try {
            if (single) {
                int i = start.indexAt(reader);
                if (i < 0) {
                    throw new IllegalArgumentException("time " + start + " is before the first frame of the "
                            + "recording (" + span(reader) + ")");
                }
                if (i == n - 1 && afterTheEnd(reader, start)) {
                    throw new IllegalArgumentException("time " + start + " is after the end of the recording ("
                            + span(reader) + ")");
                }
                return new int[] {i, i + 1};
            }
            int a = start == null ? 0 : start.firstAtOrAfter(reader);
            int b = end == null ? n : end.firstAtOrAfter(reader);
            if (b <= a) {
                throw new IllegalArgumentException("the times " + (start == null ? "start" : start) + " to "
                        + (end == null ? "end" : end) + " select no frame of the recording (" + span(reader) + ")");
            }
            return new int[] {a, b};
        } catch (IllegalStateException e) { // no times, or no timestamps: the option cannot apply to this input
            throw new IllegalArgumentException(e.getMessage() + "; select frames by index with --range instead"
                    + (start != null && start.instant != null || end != null && end.instant != null
                    ? " or give times in seconds from the first frame" : ""), e);
        }
    }

    /**
     * True when {@code t} is past the last frame's display: its time plus its interval from the frame before (else
     * one period of the nominal rate). A mistyped time (125 for 12.5) must not silently give the last frame.
     */
    private static boolean afterTheEnd(SequenceReader r, Point t) throws IOException {
        int n = r.frameCount();
        Duration last = r.time(n - 1).orElse(null);
        Duration at = t.offset != null ? t.offset
                : r.timestamp(0).map(t0 -> Duration.between(t0, t.instant)).orElse(null);
        if (last == null || at == null) {
            return false;
        }
        Duration shown = n >= 2 ? r.time(n - 2).map(last::minus).orElse(Duration.ZERO)
                : r.info().frameRate().map(rate -> Times.atIndex(1, rate)).orElse(Duration.ZERO);
        // frames sharing one time (a zero interval) are shown at that instant only
        return shown.isZero() ? at.compareTo(last) > 0 : at.compareTo(last.plus(shown)) >= 0;
    }

    /** What the recording covers, for messages: its frame count and its first and last times. */
    private static String span(SequenceReader r) throws IOException {
        int n = r.frameCount();
        if (n == 0) {
            return "no frame";
        }
        StringBuilder s = new StringBuilder(n + " frames");
        r.time(n - 1).ifPresent(t -> s.append(", 0 to ").append(Times.seconds(t).toPlainString()).append(" s"));
        r.timestamp(0).ifPresent(t -> s.append(", from ").append(t));
        return s.toString();
    }

    @Override
    public String toString() {
        return single ? "at " + start : (start == null ? "" : start.toString()) + ".." + (end == null ? "" : end);
    }

    /**
     * A point in time: {@code offset} since the recording's first frame, or an absolute {@code instant}
     * (exactly one of them is set).
     */
    public record Point(Duration offset, Instant instant) {

        private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(s|ms|us)?");
        private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:\\.\\d*)?)");

        public Point {
            if ((offset == null) == (instant == null)) {
                throw new IllegalArgumentException("a time point is an offset or an instant, not both or neither");
            }
            if (offset != null && offset.isNegative()) {
                throw new IllegalArgumentException("a time since the first frame cannot be negative: " + offset);
            }
        }

        public static Point of(Duration offset) {
            return new Point(Objects.requireNonNull(offset, "offset"), null);
        }

        public static Point of(Instant instant) {
            return new Point(null, Objects.requireNonNull(instant, "instant"));
        }

        /**
         * Parses a time as ffmpeg writes durations: seconds ({@code 12.5}, {@code 12.5s}, {@code 250ms},
         * {@code 40us}), or a clock {@code [HH:]MM:SS[.fraction]} ({@code 01:02:03.5}, {@code 2:03}); or an ISO-8601
         * instant with its zone ({@code 2024-03-01T12:00:05.25Z}, {@code 2024-03-01T13:00:05+01:00}).
         *
         * @throws IllegalArgumentException showing the accepted forms
         */
        public static Point parse(String text) {
            String t = text.trim();
            if (t.indexOf('T') > 0 && t.indexOf('-') > 0) {
                try {
                    return of(OffsetDateTime.parse(t).toInstant());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("bad time '" + text + "': an absolute time is an ISO-8601 "
                            + "instant with its zone, e.g. 2024-03-01T12:00:05.25Z or 2024-03-01T13:00:05+01:00");
                }
            }
            Matcher m = SECONDS.matcher(t);
            if (m.matches()) {
                BigDecimal v = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                int shift = switch (unit) {
                    case "ms" -> 3;
                    case "us" -> 6;
                    default -> 0;
                };
                return of(Times.ofSeconds(v.movePointLeft(shift)));
            }
            m = CLOCK.matcher(t);
            if (m.matches()) {
                long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
                long minutes = Long.parseLong(m.group(2));
                BigDecimal seconds = new BigDecimal(m.group(3).endsWith(".") ? m.group(3) + "0" : m.group(3));
                if (minutes >= 60 || seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
                    throw new IllegalArgumentException("bad time '" + text + "': minutes and seconds of a clock time "
                            + "are below 60");
                }
                return of(Duration.ofHours(hours).plusMinutes(minutes).plus(Times.ofSeconds(seconds)));
            }
            throw new IllegalArgumentException("bad time '" + text + "': expected seconds from the first frame (12.5, "
                    + "12.5s, 250ms), a clock time HH:MM:SS.ms (00:01:02.5), or an ISO-8601 instant with its zone "
                    + "(2024-03-01T12:00:05Z)");
        }

        /** This point moved {@code d} later. */
        public Point plus(Duration d) {
            return offset != null ? of(offset.plus(d)) : of(instant.plus(d));
        }

        /** The frame shown at this point, or -1 before the first frame. */
        int indexAt(SequenceReader r) throws IOException {
            return offset != null ? r.indexAt(offset) : r.indexAt(instant);
        }

        /** The first frame at or after this point (the frame count when none is). */
        int firstAtOrAfter(SequenceReader r) throws IOException {
            // frames are ordered by time: the first at or after t follows the last strictly before t
            return offset != null ? (offset.isZero() ? 0 : r.indexAt(offset.minusNanos(1)) + 1)
                    : r.indexAt(instant.minusNanos(1)) + 1;
        }

        @Override
        public String toString() {
            return offset != null ? Times.seconds(offset).toPlainString() + " s" : instant.toString();
        }
    }
}
