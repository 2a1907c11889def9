package org.easimage.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to open a sequence.
 *
 * @param format     the format to use by name, bypassing detection; {@code null} to detect
 * @param truncation what to do with inputs shorter than their header says
 * @param warnings   receives non-fatal notices (salvaged frames, ignored fields...)
 * @param extras     format-specific options; each format picks its own class with {@link #get}
 */
public record ReadOptions(String format, TruncationPolicy truncation, Consumer<String> warnings,
        List<FormatOptions> extras) {

    /** Warnings go to standard error, prefixed with "warning: ". */
    public static final Consumer<String> STDERR_WARNINGS = w -> System.err.println("warning: " + w);

    public ReadOptions {
        Objects.requireNonNull(truncation, "truncation");
        Objects.requireNonNull(warnings, "warnings");
        extras = List.copyOf(extras);
    }

    /** Detect the format, strict truncation policy, warnings to stderr. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, TruncationPolicy.STRICT, STDERR_WARNINGS, List.of());
    }

    public ReadOptions withFormat(String name) {
        return new ReadOptions(name, truncation, warnings, extras);
    }

    public ReadOptions withTruncation(TruncationPolicy policy) {
        return new ReadOptions(format, policy, warnings, extras);
    }

    public ReadOptions withWarnings(Consumer<String> listener) {
        return new ReadOptions(format, truncation, listener, extras);
    }

    /** These options plus {@code extra} (replacing any earlier options of the same class). */
    public ReadOptions with(FormatOptions extra) {
        List<FormatOptions> l = new ArrayList<>(extras);
        l.removeIf(o -> o.getClass() == extra.getClass());
        l.add(extra);
        return new ReadOptions(format, truncation, warnings, l);
    }

    /** The format options of the given class, if present. */
    public <T extends FormatOptions> Optional<T> get(Class<T> type) {
        return extras.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
