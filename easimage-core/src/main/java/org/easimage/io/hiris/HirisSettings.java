package org.easimage.io.hiris;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.easimage.io.CorruptInputException;
import org.easimage.io.Rational;
import org.easimage.io.WriteOptions;

/**
 * The {@code [Sequence Settings]} section of a HIRIS {@code .seq} file: every key as written (case and order
 * preserved), plus the typed values the reader needs. Keys are matched case-insensitively; values are trimmed.
 *
 * <p>{@code Start Time} is accepted as an ISO-8601 instant ({@code 2024-03-01T12:00:00.5Z}), an ISO local date-time
 * with {@code T} or a space ({@code 2024-03-01 12:00:00.123456}), or a day-first date
 * ({@code 01/03/2024 12:00:00.123}); local times are taken as UTC. Anything else means no timestamps.
 */
public record HirisSettings(Map<String, String> keys) {

    /** The section that identifies a HIRIS file. */
    public static final String SECTION = "[Sequence Settings]";

    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
            pattern("yyyy-MM-dd'T'HH:mm:ss"), pattern("yyyy-MM-dd HH:mm:ss"), pattern("dd/MM/yyyy HH:mm:ss"),
            pattern("yyyy/MM/dd HH:mm:ss"));

    public HirisSettings {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().appendPattern(p)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .toFormatter(Locale.ROOT);
    }

    /** Parses the text of a {@code .seq} file (a UTF-8 BOM and leading blank lines are allowed). */
    public static HirisSettings parse(Path file, byte[] bytes) throws CorruptInputException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        boolean inSection = false;
        boolean seen = false;
        for (String raw : text.split("\r\n|\r|\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                inSection = line.equalsIgnoreCase(SECTION);
                seen |= inSection;
                continue;
            }
            int eq = line.indexOf('=');
            if (inSection && eq > 0) {
                keys.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        if (!seen) {
            throw new CorruptInputException(file, 0, "not a HIRIS sequence: no " + SECTION + " section");
        }
        return new HirisSettings(keys);
    }

    /** The value of {@code key} (case-insensitive), if present. */
    public Optional<String> get(String key) {
        String v = keys.get(key);
        if (v != null) {
            return Optional.of(v);
        }
        return keys.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** A mandatory positive integer. */
    public int positiveInt(Path file, String key) throws CorruptInputException {
        String v = get(key).orElseThrow(() -> new CorruptInputException(file,
                "HIRIS sequence lacks the mandatory key '" + key + "' in " + SECTION));
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CorruptInputException(file, "HIRIS key '" + key + "' = '" + v + "' is not a positive integer");
    }

    /**
     * {@code FramePerSecond} when it is a positive rate below 10^9 ({@code 25}, {@code 29.97} with a decimal point
     * or comma, or {@code 30000/1001}), read as every rate is ({@link Rational#parse}).
     */
    public Optional<Rational> framesPerSecond() {
        return get("FramePerSecond").flatMap(v -> {
            try {
                Rational r = Rational.parse(v.replace(',', '.'));
                return r.compareTo(WriteOptions.MAX_FRAME_RATE) < 0 ? Optional.of(r) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code Start Time} as a UTC instant when it parses (see the class comment). */
    public Optional<Instant> startTime() {
        Optional<String> v = get("Start Time");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String s = v.get().strip();
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            // try the local forms
        }
        for (DateTimeFormatter f : LOCAL_FORMATS) {
            try {
                return Optional.of(LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return Optional.empty();
    }
}
