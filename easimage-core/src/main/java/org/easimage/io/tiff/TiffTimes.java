package org.easimage.io.tiff;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easimage.io.Rational;
import org.easimage.io.Times;

/**
 * The frame times a TIFF description states: {@link TiffWriter}'s keys, in tifffile-style JSON
 * ({@code "acquisition_start"}, {@code "frame_times"}, {@code "fps"}) or as lines of an ImageJ description
 * ({@code acquisition_start=}, {@code frame_times=}, {@code frame_rate=}), else ImageJ's own {@code fps=} /
 * {@code finterval=} lines. Frame i's time is {@code frame_times[i]}, else {@code i / fps}; its timestamp is that
 * time after {@code acquisition_start}.
 *
 * @param rate  the nominal frame rate, when stated
 * @param times each frame's time since the first, in nanoseconds, when listed
 * @param start the first frame's acquisition instant, when stated
 */
record TiffTimes(Optional<Rational> rate, long[] times, Optional<Instant> start) {

    static final TiffTimes NONE = new TiffTimes(Optional.empty(), null, Optional.empty());

    private static final Pattern IMAGEJ_FINTERVAL = Pattern.compile("(?m)^finterval=([0-9.eE+-]+)\\s*$");
    private static final Pattern IMAGEJ_FPS = Pattern.compile("(?m)^fps=([0-9.eE+-]+)\\s*$");
    private static final Pattern JSON_FPS = Pattern.compile("\"fps\"\\s*:\\s*\"?([0-9./]+)\"?");
    private static final Pattern JSON_TIMES = Pattern.compile("\"frame_times\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern JSON_START = Pattern.compile("\"acquisition_start\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern IMAGEJ_RATE = Pattern.compile("(?m)^frame_rate=([0-9/]+)\\s*$");
    private static final Pattern IMAGEJ_TIMES = Pattern.compile("(?m)^frame_times=([0-9.,eE+-]*)\\s*$");
    private static final Pattern IMAGEJ_START = Pattern.compile("(?m)^acquisition_start=(\\S+)\\s*$");

    /** The times {@code description} states for {@code frames} frames; what does not parse is left out, warned. */
    static TiffTimes of(String description, int frames, Path path, Consumer<String> warnings) {
        if (description == null) {
            return NONE;
        }
        boolean json = description.trim().startsWith("{");
        Optional<Rational> rate = Optional.empty();
        try {
            Matcher exact = json ? null : IMAGEJ_RATE.matcher(description);
            Matcher m = (json ? JSON_FPS : IMAGEJ_FPS).matcher(description);
            if (exact != null && exact.find()) {
                rate = Optional.of(Rational.parse(exact.group(1)));
            } else if (!json && IMAGEJ_TIMES.matcher(description).find()) {
                rate = Optional.empty(); // irregular times: ImageJ's finterval is only their mean
            } else if (m.find()) {
                rate = Optional.of(json ? Rational.parse(m.group(1))
                        : Rational.approximate(Double.parseDouble(m.group(1))));
            } else if (!json && (m = IMAGEJ_FINTERVAL.matcher(description)).find()) {
                rate = Optional.of(Rational.approximate(1.0 / Double.parseDouble(m.group(1))));
            }
        } catch (IllegalArgumentException e) {
            // a malformed rate in a free-text description is ignored
        }
        long[] times = null;
        Matcher m = (json ? JSON_TIMES : IMAGEJ_TIMES).matcher(description);
        if (m.find()) {
            String[] parts = m.group(1).trim().isEmpty() ? new String[0] : m.group(1).split(",");
            if (parts.length != frames) {
                warnings.accept(path + ": the description lists " + parts.length + " frame times for " + frames
                        + " pages; they are ignored");
            } else {
                try {
                    times = new long[frames];
                    for (int i = 0; i < frames; i++) {
                        times[i] = Times.ofSeconds(new BigDecimal(parts[i].trim())).toNanos();
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    warnings.accept(path + ": the description's frame_times do not parse; they are ignored");
                    times = null;
                }
            }
        }
        Optional<Instant> start = Optional.empty();
        m = (json ? JSON_START : IMAGEJ_START).matcher(description);
        if (m.find()) {
            try {
                start = Optional.of(Instant.parse(m.group(1).trim()));
            } catch (DateTimeParseException e) {
                warnings.accept(path + ": acquisition_start '" + m.group(1) + "' is not an ISO-8601 instant; frames"
                        + " have no timestamps");
            }
        }
        return new TiffTimes(rate, times, start);
    }

    /** Frame {@code index}'s time since the first frame, when stated. */
    Optional<Duration> time(int index) {
        if (times != null) {
            return Optional.of(Duration.ofNanos(times[index]));
        }
        return rate.map(r -> Times.atIndex(index, r));
    }

    /** Frame {@code index}'s acquisition instant, when a start and a time are stated. */
    Optional<Instant> timestamp(int index) {
        return time(index).flatMap(t -> Times.after(start, t));
    }
}
